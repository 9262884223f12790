import { Button, Card, Empty, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { QueueCountCap, type Case, type CaseView } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { useLocale } from '../../lib/useLocale';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../../features/auth/session';
import { useCaseCounts, useCases } from '../../features/cases/api';
import { CaseStatusTag, SeverityTag } from '../../features/cases/CaseTags';
import { SlaCell, useNow } from '../../features/cases/sla';
import { CaseFilterBar } from '../../features/search/CaseFilterBar';
import { SavedViews } from '../../features/search/SavedViews';
import {
  apiQueryOf,
  DEFAULT_VIEW,
  isView,
  paramsOf,
  QUEUE_FILTERS,
  savedQueryOf,
} from '../../features/search/queueQuery';
import { MyMentionsButton } from '../../features/attachments/MyMentions';
import { QueuePriorityCell } from '../../features/service-levels';

/** Tab order: my work first, then the team's. */
const VIEW_ORDER: CaseView[] = [
  'mine',
  'team',
  'unassigned',
  'at_risk',
  'breached',
  'open',
  'waiting',
  'all',
];

/** The agent queue: views with live counts, ordered by SLA risk, refreshed every few seconds. */
export default function CasesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const now = useNow();
  const list = useListParams(QUEUE_FILTERS);
  const view: CaseView = isView(list.filters.view) ? list.filters.view : DEFAULT_VIEW;
  const query = apiQueryOf(list.filters, list.q, list.sort, list.page, list.pageSize);
  const { data, isPending, error, refetch } = useCases(query);
  const counts = useCaseCounts();
  const canWrite = can('cases.write');
  const filtered = !!list.q || QUEUE_FILTERS.some((k) => k !== 'view' && !!list.filters[k]);

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
      key: 'priority',
      title: t('serviceLevels.priority.label'),
      render: (_, c) => <QueuePriorityCell c={c} />,
    },
    {
      key: 'assignee',
      title: t('cases.assignee'),
      responsive: ['lg'],
      render: (_, c) => (
        <>
          {c.assigneeName ?? <Typography.Text type="secondary">{t('cases.unassigned')}</Typography.Text>}
          {c.teamName ? <Typography.Text type="secondary"> · {c.teamName}</Typography.Text> : null}
        </>
      ),
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
          <Space wrap>
            <MyMentionsButton />
            {canWrite ? (
              <Link to="/app/cases/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="case-create">
                  {t('cases.create')}
                </Button>
              </Link>
            ) : null}
          </Space>
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
                  {counts.data
                    ? counts.data[v] >= QueueCountCap
                      ? `${QueueCountCap}+`
                      : counts.data[v]
                    : '·'}
                </span>
              </span>
            ),
          }))}
        />
        <SavedViews
          current={savedQueryOf(list.filters, list.q, list.sort)}
          onApply={(saved) => list.update(paramsOf(saved))}
        />
        <CaseFilterBar q={list.q} filters={list.filters} update={list.update} />
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
                  description={
                    list.q ? (
                      <>
                        <div>{t('search.noMatches', { q: list.q })}</div>
                        <Typography.Text type="secondary">{t('search.noMatchesHint')}</Typography.Text>
                      </>
                    ) : filtered ? (
                      t('cases.emptyFiltered')
                    ) : (
                      t(`cases.empty.${view}`)
                    )
                  }
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
