import { Alert, App, Button, Card, Empty, List, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaPolicy } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../../features/auth/session';
import {
  useDeleteSlaPolicy,
  useReorderSlaPolicies,
  useSaveSlaPolicy,
  useSlaPolicies,
} from '../../features/sla-policies/api';
import { ConditionsSummary } from '../../features/sla-policies/conditions';
import { formatServiceTime } from '../../features/sla-policies/duration';
import { PolicyForm } from '../../features/sla-policies/PolicyForm';

/** S1–S4 first response / resolution, in a line. */
function TargetsLine({ policy }: { policy: SlaPolicy }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {(['S1', 'S2', 'S3', 'S4'] as const)
        .map(
          (s) =>
            `${s} ${t('slaPolicies.targets.short', {
              first: formatServiceTime(policy.targets[s].firstResponse),
              resolution: formatServiceTime(policy.targets[s].resolution),
            })}`,
        )
        .join(' · ')}
    </Typography.Text>
  );
}

/**
 * Settings → SLA policies: the ordered list (the first active policy whose conditions match a case applies),
 * with the calendar, the active switch, moving up and down, editing and deleting; read-only without sla.manage.
 */
export default function SlaPoliciesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('sla.manage');
  const policies = useSlaPolicies();
  const reorder = useReorderSlaPolicies();
  const save = useSaveSlaPolicy();
  const remove = useDeleteSlaPolicy();
  const handleError = useApiError();
  const { message } = App.useApp();
  // The policy being edited is read from the list, so a reload after a 409 shows the latest version in the form.
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const list = policies.data ?? [];
  const current = editing?.id ? list.find((p) => p.id === editing.id) : null;
  const move = (index: number, by: number) => {
    const ids = list.map((p) => p.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    reorder.mutate(ids, { onError: (error) => handleError(error) });
  };
  const toggle = (p: SlaPolicy, active: boolean) =>
    save.mutate(
      { id: p.id, body: { active, version: p.version } },
      {
        onSuccess: () =>
          void message.success(t(active ? 'slaPolicies.activated' : 'slaPolicies.deactivated')),
        onError: (error) => handleError(error),
      },
    );

  return (
    <>
      <PageHeader
        title={t('slaPolicies.title')}
        subtitle={t('slaPolicies.subtitle')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ id: null })}
              data-testid="policy-create"
            >
              {t('slaPolicies.create')}
            </Button>
          ) : null
        }
      />
      {!canManage ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('slaPolicies.readOnly')} />
      ) : null}
      <Card>
        {policies.error && !policies.data ? (
          <QueryError error={policies.error} onRetry={() => void policies.refetch()} />
        ) : (
          <List<SlaPolicy>
            loading={policies.isPending}
            dataSource={list}
            data-testid="policy-list"
            locale={{
              emptyText: policies.isPending ? (
                ' '
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('slaPolicies.empty')} />
              ),
            }}
            renderItem={(p, index) => (
              <List.Item data-testid="policy-row" style={{ flexWrap: 'wrap', gap: 8 }}>
                <div style={{ flex: '1 1 320px', minWidth: 0 }}>
                  <Space wrap size={8} style={{ marginBottom: 4 }}>
                    <Typography.Text strong>
                      {p.position}. {p.name}
                    </Typography.Text>
                    {p.active ? null : <Tag>{t('slaPolicies.inactive')}</Tag>}
                    <Tag color="blue">{t('slaPolicies.calendarTag', { name: p.calendarName })}</Tag>
                  </Space>
                  <div style={{ marginBottom: 4 }}>
                    <ConditionsSummary conditions={p.conditions} />
                  </div>
                  <TargetsLine policy={p} />
                </div>
                <Space wrap size={4}>
                  <Switch
                    checked={p.active}
                    disabled={!canManage || save.isPending}
                    onChange={(v) => toggle(p, v)}
                    checkedChildren={t('slaPolicies.on')}
                    unCheckedChildren={t('slaPolicies.off')}
                    aria-label={t('slaPolicies.active')}
                    data-testid="policy-active"
                  />
                  {canManage ? (
                    <>
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={index === 0 || reorder.isPending}
                        onClick={() => move(index, -1)}
                        aria-label={t('slaPolicies.up')}
                        data-testid="policy-up"
                      />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={index === list.length - 1 || reorder.isPending}
                        onClick={() => move(index, 1)}
                        aria-label={t('slaPolicies.down')}
                        data-testid="policy-down"
                      />
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing({ id: p.id })}
                        data-testid="policy-edit"
                      >
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('slaPolicies.confirmDelete', { name: p.name })}
                        description={t('slaPolicies.confirmDeleteText')}
                        okText={t('common.delete')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() =>
                          remove.mutate(p.id, {
                            onSuccess: () => void message.success(t('common.deleted')),
                            onError: (error) => handleError(error),
                          })
                        }
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                        />
                      </Popconfirm>
                    </>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      {editing && current !== undefined ? (
        <PolicyForm
          key={current ? `${current.id}:${current.version}` : 'new'}
          policy={current}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
