import { Badge, Button, Card, Empty, Segmented, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../features/auth/session';
import dayjs from 'dayjs';
import type { ReturnSummary } from '@aftercare/contracts';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useReturnQueues, useReturns } from '../../features/returns/api';
import { ReturnStatusTag } from '../../features/returns/ReturnParts';

/** The department queues: each department sees a return the moment it arrives; leads see every queue. */
export default function ReturnsPage() {
  const { t } = useTranslation();
  const queues = useReturnQueues();
  const can = useCan();
  const [department, setDepartment] = useState<string>('');
  const [pendingOnly, setPendingOnly] = useState(true);
  const [page, setPage] = useState(1);
  const list = useReturns({
    page,
    pageSize: 20,
    ...(department ? { departmentId: department, pendingOnly } : {}),
  });
  const now = dayjs();
  return (
    <>
      <PageHeader
        title={t('returns.title')}
        extra={
          can('returns.manage') ? (
            <Link to="/app/returns/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="return-new">
                {t('returns.new.start')}
              </Button>
            </Link>
          ) : undefined
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            data-testid="return-queues"
            value={department}
            onChange={(v) => {
              setDepartment(String(v));
              setPage(1);
            }}
            options={[
              { value: '', label: t('returns.allQueues') },
              ...(queues.data ?? []).map((q) => ({
                value: q.departmentId,
                label: (
                  <span data-testid={`return-queue-${q.kind}`}>
                    {q.name} <Badge count={q.pending} size="small" />
                  </span>
                ),
              })),
            ]}
          />
          {department ? (
            <Space>
              <Switch checked={pendingOnly} onChange={setPendingOnly} size="small" />
              <Typography.Text>{t('returns.pendingOnly')}</Typography.Text>
            </Space>
          ) : null}
        </Space>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ReturnSummary>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t('returns.empty')} /> }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
            onRow={() => ({ 'data-testid': 'return-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('returns.number'),
                dataIndex: 'number',
                render: (n: string, r) => <Link to={`/app/returns/${r.id}`}>{n}</Link>,
              },
              { title: t('returns.customer'), dataIndex: 'customerName' },
              { title: t('returns.reason'), dataIndex: 'reasonLabel' },
              {
                title: t('returns.outcome'),
                dataIndex: 'outcome',
                render: (o: string) => t(`returns.outcomes.${o}`),
              },
              {
                title: t('returns.status'),
                dataIndex: 'status',
                render: (_, r) => <ReturnStatusTag status={r.status} />,
              },
              ...(department
                ? [
                    {
                      title: t('returns.verdict'),
                      dataIndex: 'reviewStatus',
                      render: (s: string | null) => (s ? t(`returns.reviewStatuses.${s}`) : '—'),
                    },
                  ]
                : []),
              {
                title: t('returns.decisionDue'),
                dataIndex: 'decisionDueAt',
                render: (at: string, r) => (
                  <Typography.Text type={!r.decision && now.isAfter(at) ? 'danger' : undefined}>
                    {dayjs(at).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
