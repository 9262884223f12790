import {
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BotEvents, BotKinds, type BotEvent, type BotKind, type BotTarget } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { DeleteButton } from '../../ui/DeleteButton';
import { useTeams } from '../teams/api';
import { useBots, useDeleteBot, useSaveBot } from '../webhooks/api';
import { DeliveryLog } from '../webhooks/DeliveryLog';
import { PrivateTargetsSwitch } from '../webhooks/PrivateTargetsSwitch';

interface Values {
  name: string;
  kind: BotKind;
  url?: string;
  secret?: string;
  clearSecret?: boolean;
  teamId?: string | null;
  events: BotEvent[];
  enabled: boolean;
}

const KIND_COLOR: Record<BotKind, string> = { wecom: 'green', dingtalk: 'blue', feishu: 'geekblue' };

function BotModal({ bot, open, onClose }: { bot: BotTarget | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveBot();
  const teams = useTeams(open);
  const handleError = useApiError();
  const kind = Form.useWatch('kind', form) ?? bot?.kind ?? 'wecom';
  return (
    <Modal
      open={open}
      width={640}
      title={bot ? t('bots.editTitle') : t('bots.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'bot-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          bot
            ? { name: bot.name, kind: bot.kind, teamId: bot.teamId, events: bot.events, enabled: bot.enabled }
            : { kind: 'wecom', teamId: null, events: ['case.created', 'sla.breached'], enabled: true }
        }
        onFinish={(v) => {
          const url = v.url?.trim() || undefined;
          const secret = v.secret?.trim() || undefined;
          if (bot) {
            save.mutate(
              {
                id: bot.id,
                body: {
                  name: v.name.trim(),
                  ...(url ? { url } : {}),
                  ...(secret ? { secret } : v.clearSecret ? { secret: null } : {}),
                  teamId: v.teamId ?? null,
                  events: v.events,
                  enabled: v.enabled,
                  version: bot.version,
                },
              },
              { onSuccess: onClose, onError: (error) => handleError(error, { form }) },
            );
          } else {
            save.mutate(
              {
                id: null,
                body: {
                  name: v.name.trim(),
                  kind: v.kind,
                  url: url ?? '',
                  secret: secret ?? null,
                  teamId: v.teamId ?? null,
                  events: v.events,
                  enabled: v.enabled,
                },
              },
              { onSuccess: onClose, onError: (error) => handleError(error, { form }) },
            );
          }
        }}
      >
        <Form.Item
          name="name"
          label={t('bots.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} data-testid="bot-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('bots.kind')}>
          <Select
            disabled={bot !== null}
            data-testid="bot-kind"
            options={BotKinds.map((k) => ({ value: k, label: t(`bots.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('bots.url')}
          extra={bot ? t('bots.urlKeep', { hint: bot.urlHint }) : t(`bots.urlHelp.${kind}`)}
          rules={bot ? [] : [{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.Password visibilityToggle maxLength={2000} data-testid="bot-url" autoComplete="off" />
        </Form.Item>
        {kind !== 'wecom' ? (
          <>
            <Form.Item
              name="secret"
              label={t('bots.secret')}
              extra={bot?.hasSecret ? t('bots.secretKeep') : t(`bots.secretHelp.${kind}`)}
            >
              <Input.Password maxLength={500} autoComplete="off" data-testid="bot-secret" />
            </Form.Item>
            {bot?.hasSecret ? (
              <Form.Item name="clearSecret" valuePropName="checked">
                <Checkbox>{t('bots.clearSecret')}</Checkbox>
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="teamId" label={t('bots.team')} extra={t('bots.teamHelp')}>
          <Select
            allowClear
            loading={teams.isPending}
            placeholder={t('bots.allTeams')}
            options={[
              { value: null, label: t('bots.allTeams') },
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="events"
          label={t('bots.events')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Checkbox.Group
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}
            options={BotEvents.map((e) => ({ value: e, label: t(`bots.eventNames.${e}`) }))}
          />
        </Form.Item>
        <Form.Item name="enabled" valuePropName="checked">
          <Checkbox>{t('integrations.enabled')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function BotsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const screens = Grid.useBreakpoint();
  const bots = useBots();
  const remove = useDeleteBot();
  const [editing, setEditing] = useState<BotTarget | null>(null);
  const [open, setOpen] = useState(false);
  const [logOf, setLogOf] = useState<BotTarget | null>(null);
  const columns: TableColumnsType<BotTarget> = [
    {
      title: t('bots.name'),
      key: 'name',
      render: (_, b) => (
        <Space direction="vertical" size={0}>
          <Space wrap>
            <Typography.Text strong>{b.name}</Typography.Text>
            <Tag color={KIND_COLOR[b.kind]}>{t(`bots.kinds.${b.kind}`)}</Tag>
          </Space>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {b.urlHint}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('bots.team'),
      key: 'team',
      responsive: ['sm'],
      render: (_, b) => b.teamName ?? t('bots.allTeams'),
    },
    {
      title: t('bots.events'),
      key: 'events',
      responsive: ['md'],
      render: (_, b) => b.events.map((e) => <Tag key={e}>{t(`bots.eventNames.${e}`)}</Tag>),
    },
    {
      title: t('common.status'),
      key: 'enabled',
      width: 90,
      render: (_, b) =>
        b.enabled ? (
          <Tag color="green">{t('integrations.enabled')}</Tag>
        ) : (
          <Tag>{t('integrations.disabled')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'ops',
      render: (_, b) => (
        <Space wrap>
          <Button onClick={() => setLogOf(b)} data-testid="bot-log">
            {t('integrations.log.title')}
          </Button>
          {b.actions.includes('update') ? (
            <Button
              onClick={() => {
                setEditing(b);
                setOpen(true);
              }}
            >
              {t('common.edit')}
            </Button>
          ) : null}
          {b.actions.includes('delete') ? (
            <DeleteButton
              onConfirm={() =>
                remove.mutate(b.id, {
                  onSuccess: () => void message.success(t('common.deleted')),
                  onError: (error) => handleError(error),
                })
              }
            />
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <div>
      <PageHeader
        title={t('bots.title')}
        subtitle={t('bots.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="bot-create"
          >
            {t('bots.create')}
          </Button>
        }
      />
      <PrivateTargetsSwitch />
      <Card>
        {bots.error ? (
          <QueryError error={bots.error} onRetry={() => void bots.refetch()} />
        ) : (
          <Table<BotTarget>
            rowKey="id"
            columns={columns}
            dataSource={bots.data ?? []}
            loading={bots.isPending}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t('bots.empty')} /> }}
            data-testid="bots-table"
          />
        )}
      </Card>
      <BotModal
        bot={editing}
        open={open}
        key={editing?.id ?? 'new'}
        onClose={() => {
          setOpen(false);
          setEditing(null);
        }}
      />
      <Drawer
        open={logOf !== null}
        onClose={() => setLogOf(null)}
        width={screens.md ? 880 : '100%'}
        title={logOf ? `${t('integrations.log.title')} · ${logOf.name}` : ''}
        destroyOnHidden
      >
        {logOf ? <DeliveryLog base={`/bots/${logOf.id}`} /> : null}
      </Drawer>
    </div>
  );
}
