import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CaseChannels,
  CaseSeverities,
  CaseTypes,
  CustomerTiers,
  RuleAssignModes,
  type AssignmentRule,
  type Customer,
  type RuleAssignMode,
  type RuleConditions,
} from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { RemoteSelect } from '../../ui/RemoteSelect';
import { useCan } from '../../features/auth/session';
import { UserSelect } from '../../features/settings/UserSelect';
import { TeamSelect } from '../../features/teams/TeamSelect';
import { useDeleteRule, useReorderRules, useRules, useSaveRule } from '../../features/teams/api';

interface Values {
  name: string;
  active: boolean;
  tiers: string[];
  types: string[];
  severities: string[];
  channels: string[];
  customerIds: string[];
  subjectWords: string[];
  teamId: string | null;
  assign: RuleAssignMode;
  agentId: string | null;
}

function conditionsOf(v: Values): RuleConditions {
  return {
    tiers: v.tiers as RuleConditions['tiers'],
    types: v.types as RuleConditions['types'],
    severities: v.severities as RuleConditions['severities'],
    channels: v.channels as RuleConditions['channels'],
    customerIds: v.customerIds,
    subjectWords: v.subjectWords.map((w) => w.trim()).filter(Boolean),
  };
}

/** The conditions of a rule in words, as tags. */
function ConditionTags({ c }: { c: RuleConditions }) {
  const { t } = useTranslation();
  const tags: string[] = [
    ...(c.tiers ?? []).map((x) => `${t('teams.rules.tier')}: ${t(`tiers.${x}`)}`),
    ...(c.types ?? []).map((x) => `${t('cases.type')}: ${t(`caseType.${x}`)}`),
    ...(c.severities ?? []).map((x) => `${t('cases.severity')}: ${x}`),
    ...(c.channels ?? []).map((x) => `${t('cases.channel')}: ${t(`caseChannel.${x}`)}`),
    ...(c.customerIds?.length ? [t('teams.rules.customersCount', { count: c.customerIds.length })] : []),
    ...(c.subjectWords ?? []).map((w) => `${t('teams.rules.words')}: ${w}`),
  ];
  if (tags.length === 0)
    return <Typography.Text type="secondary">{t('teams.rules.everything')}</Typography.Text>;
  return (
    <Space wrap size={[4, 4]}>
      {tags.map((x) => (
        <Tag key={x}>{x}</Tag>
      ))}
    </Space>
  );
}

function RuleModal({
  rule,
  open,
  onClose,
}: {
  rule: AssignmentRule | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveRule();
  const handleError = useApiError();
  const { message } = App.useApp();
  const assign = Form.useWatch('assign', form);
  const c = rule?.conditions ?? {};
  const multi = (values: readonly string[], label: (v: string) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));
  return (
    <Modal
      open={open}
      width={720}
      title={rule ? t('teams.rules.editTitle') : t('teams.rules.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="rule-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: rule?.name ?? '',
          active: rule?.active ?? true,
          tiers: c.tiers ?? [],
          types: c.types ?? [],
          severities: c.severities ?? [],
          channels: c.channels ?? [],
          customerIds: c.customerIds ?? [],
          subjectWords: c.subjectWords ?? [],
          teamId: rule?.teamId ?? null,
          assign: rule?.assign ?? 'none',
          agentId: rule?.agentId ?? null,
        }}
        onFinish={(v) => {
          const body = {
            name: v.name.trim(),
            active: v.active,
            conditions: conditionsOf(v),
            teamId: v.teamId ?? null,
            assign: v.assign,
            agentId: v.assign === 'agent' ? (v.agentId ?? null) : null,
          };
          save.mutate(
            { id: rule?.id, body: rule ? { ...body, version: rule.version } : body },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (error) =>
                handleError(error, {
                  form,
                  mapField: (f: string) => f.replace(/^conditions\//, '').replace(/\/\d+$/, ''),
                }),
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('teams.rules.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="rule-name" />
        </Form.Item>
        <Typography.Title level={5}>{t('teams.rules.when')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('teams.rules.whenHelp')}</Typography.Paragraph>
        <Space wrap style={{ width: '100%' }} styles={{ item: { minWidth: 200, flex: 1 } }}>
          <Form.Item name="tiers" label={t('teams.rules.tier')}>
            <Select mode="multiple" allowClear options={multi(CustomerTiers, (x) => t(`tiers.${x}`))} />
          </Form.Item>
          <Form.Item name="types" label={t('cases.type')}>
            <Select mode="multiple" allowClear options={multi(CaseTypes, (x) => t(`caseType.${x}`))} />
          </Form.Item>
          <Form.Item name="severities" label={t('cases.severity')}>
            <Select
              mode="multiple"
              allowClear
              options={multi(CaseSeverities, (x) => x)}
              data-testid="rule-severities"
            />
          </Form.Item>
          <Form.Item name="channels" label={t('cases.channel')}>
            <Select mode="multiple" allowClear options={multi(CaseChannels, (x) => t(`caseChannel.${x}`))} />
          </Form.Item>
        </Space>
        <Form.Item name="customerIds" label={t('teams.rules.customers')}>
          <CustomersPicker />
        </Form.Item>
        <Form.Item name="subjectWords" label={t('teams.rules.words')} extra={t('teams.rules.wordsHelp')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} data-testid="rule-words" />
        </Form.Item>
        <Typography.Title level={5}>{t('teams.rules.then')}</Typography.Title>
        <Form.Item name="teamId" label={t('teams.team')}>
          <TeamSelect testId="rule-team" />
        </Form.Item>
        <Form.Item name="assign" label={t('teams.rules.assign')}>
          <Select
            data-testid="rule-assign"
            options={RuleAssignModes.map((m) => ({ value: m, label: t(`teams.rules.assignModes.${m}`) }))}
          />
        </Form.Item>
        {assign === 'agent' ? (
          <Form.Item
            name="agentId"
            label={t('teams.rules.agent')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <UserSelect testId="rule-agent" />
          </Form.Item>
        ) : null}
        <Form.Item name="active" label={t('teams.rules.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A multiple customer picker: adds customers found by search to the list. */
function CustomersPicker({ value = [], onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [names, setNames] = useState<Record<string, string>>({});
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <RemoteSelect<Customer>
        path="/customers"
        toOption={(x) => ({ value: x.id, label: x.name, text: x.name })}
        value={null}
        placeholder={t('teams.rules.addCustomer')}
        onChange={(id, item) => {
          if (!id || value.includes(id)) return;
          if (item) setNames((n) => ({ ...n, [id]: item.name }));
          onChange?.([...value, id]);
        }}
        style={{ width: '100%' }}
      />
      {value.length ? (
        <Space wrap size={[4, 4]}>
          {value.map((id) => (
            <Tag key={id} closable onClose={() => onChange?.(value.filter((x) => x !== id))}>
              {names[id] ?? id.slice(0, 8)}
            </Tag>
          ))}
        </Space>
      ) : null}
    </Space>
  );
}

/** Settings → Assignment rules: an ordered list; the first rule that matches a new case decides. */
export default function AssignmentRulesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const rules = useRules();
  const remove = useDeleteRule();
  const reorder = useReorderRules();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ rule: AssignmentRule | null } | null>(null);
  const canManage = can('teams.manage');
  const list = rules.data ?? [];
  const move = (index: number, by: number) => {
    const ids = list.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    reorder.mutate(ids, { onError: (error) => handleError(error) });
  };

  const columns: TableColumnsType<AssignmentRule> = [
    { key: 'position', title: '#', width: 48, render: (_, r) => r.position },
    {
      key: 'name',
      title: t('teams.rules.name'),
      render: (_, r) => (
        <Space>
          {r.name}
          {r.active ? null : <Tag>{t('teams.rules.inactive')}</Tag>}
        </Space>
      ),
    },
    { key: 'when', title: t('teams.rules.when'), render: (_, r) => <ConditionTags c={r.conditions} /> },
    {
      key: 'then',
      title: t('teams.rules.then'),
      render: (_, r) => (
        <Space wrap size={[4, 4]}>
          {r.teamName ? <Tag color="blue">{r.teamName}</Tag> : null}
          {r.assign === 'agent' ? <Tag color="green">{r.agentName ?? '—'}</Tag> : null}
          {r.assign === 'least_loaded' ? (
            <Tag color="purple">{t('teams.rules.assignModes.least_loaded')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r, index) =>
        canManage ? (
          <Space size={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0 || reorder.isPending}
              onClick={() => move(index, -1)}
              aria-label={t('teams.rules.up')}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === list.length - 1 || reorder.isPending}
              onClick={() => move(index, 1)}
              aria-label={t('teams.rules.down')}
            />
            <Button type="link" size="small" onClick={() => setEditing({ rule: r })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('common.confirmDelete')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                remove.mutate(r.id, {
                  onSuccess: () => void message.success(t('common.deleted')),
                  onError: (error) => handleError(error),
                })
              }
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('teams.rules.title')}
        subtitle={t('teams.rules.subtitle')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ rule: null })}
              data-testid="rule-create"
            >
              {t('teams.rules.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        {rules.error && !rules.data ? (
          <QueryError error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <Table<AssignmentRule>
            rowKey="id"
            columns={columns}
            dataSource={rules.data}
            loading={rules.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="rules-table"
            locale={{
              emptyText: rules.isPending ? (
                ' '
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teams.rules.empty')} />
              ),
            }}
          />
        )}
      </Card>
      <RuleModal rule={editing?.rule ?? null} open={!!editing} onClose={() => setEditing(null)} />
    </>
  );
}
