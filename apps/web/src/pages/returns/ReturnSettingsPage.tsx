import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CombineRules, type CombineRule, type ReturnPolicy, type ReturnReason } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import {
  useDeletePolicy,
  useReturnPolicies,
  useReturnReasons,
  useSavePolicy,
  useSaveReason,
} from '../../features/returns/api';

interface PolicyValues {
  name: string;
  category?: string;
  departmentIds: string[];
  rule: CombineRule;
  quorum?: number;
  reviewHours: number;
  decisionHours: number;
}

function PolicyModal({ policy, onClose }: { policy: ReturnPolicy | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PolicyValues>();
  const save = useSavePolicy();
  const handleError = useApiError();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: ({ signal }) => api.get<Array<{ id: string; name: string }>>('/departments', undefined, signal),
  });
  const rule = Form.useWatch('rule', form);
  const initial: PolicyValues =
    policy === 'new'
      ? { name: '', departmentIds: [], rule: 'all', reviewHours: 8, decisionHours: 16 }
      : { ...policy, category: policy.category ?? undefined, quorum: policy.quorum ?? undefined };
  return (
    <Modal
      open
      title={policy === 'new' ? t('returns.newPolicy') : policy.name}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form<PolicyValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) =>
          save.mutate(
            {
              id: policy === 'new' ? undefined : policy.id,
              body: {
                name: v.name,
                category: v.category?.trim() || null,
                departmentIds: v.departmentIds,
                rule: v.rule,
                quorum: v.rule === 'quorum' ? (v.quorum ?? null) : null,
                reviewHours: v.reviewHours,
                decisionHours: v.decisionHours,
                ...(policy === 'new' ? {} : { version: policy.version }),
              },
            },
            { onSuccess: onClose, onError: (e) => handleError(e, { form }) },
          )
        }
      >
        <Form.Item name="name" label={t('returns.policyName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('returns.category')} extra={t('returns.categoryHelp')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="departmentIds"
          label={t('returns.departments')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            loading={departments.isPending}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="rule" label={t('returns.rule')}>
          <Select options={CombineRules.map((r) => ({ value: r, label: t(`returns.rules.${r}`) }))} />
        </Form.Item>
        {rule === 'quorum' ? (
          <Form.Item name="quorum" label={t('returns.quorum')} rules={[{ required: true }]}>
            <InputNumber min={1} max={20} />
          </Form.Item>
        ) : null}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="reviewHours" label={t('returns.reviewHours')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10_000} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="decisionHours" label={t('returns.decisionHours')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10_000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

interface ReasonValues {
  code: string;
  zh: string;
  en: string;
  active: boolean;
  position: number;
}

function ReasonModal({ reason, onClose }: { reason: ReturnReason | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReasonValues>();
  const save = useSaveReason();
  const handleError = useApiError();
  const initial: ReasonValues =
    reason === 'new'
      ? { code: '', zh: '', en: '', active: true, position: 0 }
      : {
          code: reason.code,
          zh: reason.label['zh-CN'],
          en: reason.label.en,
          active: reason.active,
          position: reason.position,
        };
  return (
    <Modal
      open
      title={t('returns.newReason')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form<ReasonValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) =>
          save.mutate(
            {
              id: reason === 'new' ? undefined : reason.id,
              body: {
                code: v.code,
                label: { 'zh-CN': v.zh, en: v.en },
                active: v.active,
                position: v.position,
                ...(reason === 'new' ? {} : { version: reason.version }),
              },
            },
            {
              onSuccess: onClose,
              onError: (e) =>
                handleError(e, {
                  form,
                  mapField: (f) => (f === 'label/zh-CN' ? 'zh' : f === 'label/en' ? 'en' : f),
                }),
            },
          )
        }
      >
        <Form.Item
          name="code"
          label={t('returns.code')}
          rules={[{ required: true, pattern: /^[a-z0-9_-]+$/ }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="zh" label={t('returns.labelZh')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="en" label={t('returns.labelEn')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item name="position" label="#">
            <InputNumber min={0} max={10_000} />
          </Form.Item>
          <Form.Item name="active" label={t('returns.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** Settings → Returns: who reviews, how verdicts combine, the deadlines; the reason catalogue. */
export default function ReturnSettingsPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const policies = useReturnPolicies();
  const reasons = useReturnReasons();
  const remove = useDeletePolicy();
  const [editPolicy, setEditPolicy] = useState<ReturnPolicy | 'new' | null>(null);
  const [editReason, setEditReason] = useState<ReturnReason | 'new' | null>(null);
  return (
    <>
      <PageHeader title={t('returns.settingsNav')} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card
          title={t('returns.policies')}
          extra={
            <Button icon={<PlusOutlined />} onClick={() => setEditPolicy('new')}>
              {t('returns.newPolicy')}
            </Button>
          }
        >
          {policies.isError ? (
            <QueryError error={policies.error} onRetry={() => void policies.refetch()} />
          ) : (
            <Table<ReturnPolicy>
              rowKey="id"
              loading={policies.isPending}
              dataSource={policies.data ?? []}
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: <Empty description={t('returns.noPolicy')} /> }}
              columns={[
                { title: t('returns.policyName'), dataIndex: 'name' },
                {
                  title: t('returns.category'),
                  dataIndex: 'category',
                  render: (c: string | null) => c ?? t('returns.defaultPolicy'),
                },
                {
                  title: t('returns.departments'),
                  render: (_, p) => p.departments.map((d) => <Tag key={d.id}>{d.name}</Tag>),
                },
                {
                  title: t('returns.rule'),
                  render: (_, p) =>
                    `${t(`returns.rules.${p.rule}`)}${p.rule === 'quorum' ? ` (${p.quorum ?? ''})` : ''}`,
                },
                { title: t('returns.reviewHours'), dataIndex: 'reviewHours' },
                { title: t('returns.decisionHours'), dataIndex: 'decisionHours' },
                {
                  title: '',
                  render: (_, p) =>
                    p.actions.includes('update') ? (
                      <Space>
                        <Button size="small" onClick={() => setEditPolicy(p)}>
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="small"
                          danger
                          onClick={() =>
                            modal.confirm({ title: t('common.delete'), onOk: () => remove.mutateAsync(p.id) })
                          }
                        >
                          {t('common.delete')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          )}
        </Card>
        <Card
          title={t('returns.reasons')}
          extra={
            <Button icon={<PlusOutlined />} onClick={() => setEditReason('new')}>
              {t('returns.newReason')}
            </Button>
          }
        >
          <Table<ReturnReason>
            rowKey="id"
            loading={reasons.isPending}
            dataSource={reasons.data ?? []}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              { title: t('returns.code'), dataIndex: 'code' },
              { title: t('returns.labelZh'), render: (_, r) => r.label['zh-CN'] },
              { title: t('returns.labelEn'), render: (_, r) => r.label.en },
              {
                title: t('returns.active'),
                render: (_, r) => (r.active ? <Tag color="green">✓</Tag> : <Tag>—</Tag>),
              },
              {
                title: '',
                render: (_, r) => (
                  <Button size="small" onClick={() => setEditReason(r)}>
                    {t('common.edit')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      </Space>
      {editPolicy ? <PolicyModal policy={editPolicy} onClose={() => setEditPolicy(null)} /> : null}
      {editReason ? <ReasonModal reason={editReason} onClose={() => setEditReason(null)} /> : null}
    </>
  );
}
