import { App, Button, Card, Empty, Form, List, Modal, Space, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SlaPolicy } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../auth/session';
import { useSaveSlaPolicy, useSlaPolicies } from '../sla-policies/api';
import {
  ConditionsFields,
  ConditionsSummary,
  toConditionValues,
  toPolicyConditions,
  type ConditionValues,
} from '../sla-policies/conditions';

/** Only the conditions of one policy (the whole policy is edited on the SLA policies page). */
function ConditionsForm({ policy, onClose }: { policy: SlaPolicy; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ConditionValues>();
  const save = useSaveSlaPolicy();
  const handleError = useApiError();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={t('contracts.policies.editTitle', { name: policy.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<ConditionValues>
        form={form}
        layout="vertical"
        initialValues={toConditionValues(policy.conditions)}
        data-testid="policy-conditions-form"
        onFinish={(v) =>
          save.mutate(
            {
              id: policy.id,
              body: { conditions: toPolicyConditions(v), version: policy.version },
            },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (error) =>
                handleError(error, { form, mapField: (f) => f.replace(/^conditions\//, '') }),
            },
          )
        }
      >
        <ConditionsFields />
      </Form>
    </Modal>
  );
}

/**
 * Where each SLA policy applies, in evaluation order (the first match wins): tier, type, severity, and the
 * service-contract conditions (edition, contract, whether a contract is in force), editable by SLA managers.
 * The conditions editor is the one of the SLA policies page, which edits everything else too.
 */
export function PolicyConditionsCard() {
  const { t } = useTranslation();
  const can = useCan();
  const enabled = can('sla.manage');
  const policies = useSlaPolicies(enabled);
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  if (!enabled) return null;
  return (
    <Card
      title={t('contracts.policies.title')}
      style={{ marginTop: 16 }}
      data-testid="policy-conditions"
      extra={<Link to="/app/settings/sla-policies">{t('slaPolicies.viewAll')}</Link>}
    >
      {policies.error ? (
        <QueryError error={policies.error} onRetry={() => void policies.refetch()} />
      ) : (
        <List<SlaPolicy>
          loading={policies.isPending}
          dataSource={policies.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          renderItem={(p) => (
            <List.Item
              actions={[
                <Button
                  key="edit"
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => setEditing(p)}
                  data-testid="policy-conditions-edit"
                />,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>
                      {p.position}. {p.name}
                    </span>
                    {p.active ? null : <Tag>{t('contracts.policies.inactive')}</Tag>}
                  </Space>
                }
                description={
                  <Space wrap size={4}>
                    <span>{p.calendarName}</span>
                    <ConditionsSummary conditions={p.conditions} />
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {editing ? <ConditionsForm policy={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
