import { Button, Card, Empty, Select, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CaseStatuses, CaseViews, type Case, type CaseView } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { useLocale } from '../../lib/useLocale';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { SearchInput } from '../../ui/SearchInput';
import { useCan } from '../../features/auth/session';
import { useCaseCounts, useCases } from '../../features/cases/api';
import { CaseStatusTag, SeverityTag } from '../../features/cases/CaseTags';
import { SlaCell, useNow } from '../../features/cases/sla';

const FILTERS = ['view', 'status'] as const;
/** Tab order: my work first, then the team's. */
const VIEW_ORDER: CaseView[] = ['mine', 'unassigned', 'open', 'waiting', 'all'];
const DEFAULT_VIEW: CaseView = 'open';

function isView(value: string | undefined): value is CaseView {
  return !!value && (CaseViews as readonly string[]).includes(value);
}

/** The agent queue: views with live counts, ordered by SLA risk, refreshed every few seconds. */
export default function CasesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const now = useNow();
  const list = useListParams(FILTERS);
  const view: CaseView = isView(list.filters.view) ? list.filters.view : DEFAULT_VIEW;
  const query = {
    view,
    status: list.filters.status,
    q: list.q || undefined,
    page: list.page,
    pageSize: list.pageSize,
  };
  const { data, isPending, error, refetch } = useCases(query);
  const counts = useCaseCounts();
  const canWrite = can('cases.write');
  const filtered = !!list.q || !!list.filters.status;

  const columns: TableColumnsType<Case> = [
    {
      key: 'number',
      title: t('cases.number'),
      render: (_, c) => (
        <Link to={`/app/cases/${c.id}`} data-testid={`case-link-${c.number}`}>
          {c.number}
        </Link>
      ),
    },
    {
      key: 'subject',
      title: t('cases.subject'),
      render: (_, c) => (
        <Typography.Text ellipsis style={{ maxWidth: 320 }} title={c.subject}>
          {c.subject}
        </Typography.Text>
      ),
    },
    {
      key: 'customer',
      title: t('cases.customer'),
      responsive: ['md'],
      render: (_, c) => <Link to={`/app/customers/${c.customerId}`}>{c.customerName}</Link>,
    },
    { key: 'status', title: t('common.status'), render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'severity', title: t('cases.severity'), render: (_, c) => <SeverityTag severity={c.severity} /> },
    {
      key: 'assignee',
      title: t('cases.assignee'),
      responsive: ['lg'],
      render: (_, c) =>
        c.assigneeName ?? <Typography.Text type="secondary">{t('cases.unassigned')}</Typography.Text>,
    },
    { key: 'sla', title: t('cases.sla.column'), render: (_, c) => <SlaCell c={c} now={now} /> },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      responsive: ['md'],
      render: (_, c) => formatDateTime(c.updatedAt, locale),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.cases')}
        subtitle={t('cases.subtitle')}
        extra={
          canWrite ? (
            <Link to="/app/cases/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="case-create">
                {t('cases.create')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={view}
          onChange={(next) => list.update({ view: next === DEFAULT_VIEW ? undefined : next })}
          items={VIEW_ORDER.map((v) => ({
            key: v,
            label: (
              <span data-testid={`cases-view-${v}`}>
                {t(`caseView.${v}`)}{' '}
                <span className="case-count" data-testid={`cases-count-${v}`}>
                  {counts.data ? counts.data[v] : '·'}
                </span>
              </span>
            ),
          }))}
        />
        <div className="toolbar">
          <SearchInput
            value={list.q}
            onChange={(q) => list.update({ q })}
            placeholder={t('cases.searchPlaceholder')}
            testId="cases-search"
          />
          <Select
            allowClear
            placeholder={t('common.status')}
            style={{ minWidth: 140 }}
            value={list.filters.status}
            onChange={(status?: string) => list.update({ status })}
            options={CaseStatuses.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
            data-testid="cases-status-filter"
          />
          {filtered ? (
            <Button onClick={() => list.update({ q: undefined, status: undefined })}>
              {t('common.clearFilters')}
            </Button>
          ) : null}
        </div>
        {error && !data ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Case>
            rowKey="id"
            columns={columns}
            dataSource={data?.items}
            loading={isPending}
            scroll={{ x: 'max-content' }}
            data-testid="cases-table"
            onRow={(c) => {
              const props: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
                'data-testid': `case-row-${c.number}`,
                style: { cursor: 'pointer' },
                onClick: (e) => {
                  if ((e.target as HTMLElement).closest('a,button')) return;
                  navigate(`/app/cases/${c.id}`);
                },
              };
              return props;
            }}
            onChange={(pagination) =>
              list.update({ page: pagination.current, pageSize: pagination.pageSize })
            }
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
            }}
            locale={{
              emptyText: isPending ? (
                ' '
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? t('cases.emptyFiltered') : t(`cases.empty.${view}`)}
                >
                  {!filtered && canWrite ? (
                    <Link to="/app/cases/new">
                      <Button type="primary" icon={<PlusOutlined />}>
                        {t('cases.create')}
                      </Button>
                    </Link>
                  ) : null}
                </Empty>
              ),
            }}
          />
        )}
      </Card>
    </>
  );
}
