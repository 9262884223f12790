import { Button, Card, Empty, Grid, List, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PortalCase } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { SearchInput } from '../../ui/SearchInput';
import { usePortalCases } from '../../features/cases/api';
import { CaseStatusTag, SeverityTag } from '../../features/cases/CaseTags';

/** The contact's own cases (or their company's, for company-wide contacts), refreshed every few seconds. */
export default function PortalCasesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const wide = Grid.useBreakpoint().md ?? true;
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [q, setQ] = useState('');
  const { data, isPending, error, refetch } = usePortalCases({ ...paging, q: q || undefined });

  const newButton = (
    <Link to="/portal/cases/new">
      <Button type="primary" icon={<PlusOutlined />} data-testid="portal-case-new">
        {t('portalCases.new')}
      </Button>
    </Link>
  );
  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={q ? t('portalCases.emptyFiltered') : t('portalCases.empty')}
    >
      {q ? null : (
        <Link to="/portal/cases/new">
          <Button type="primary" icon={<PlusOutlined />}>
            {t('portalCases.new')}
          </Button>
        </Link>
      )}
    </Empty>
  );
  const columns: TableColumnsType<PortalCase> = [
    {
      key: 'number',
      title: t('cases.number'),
      render: (_, c) => <Link to={`/portal/cases/${c.id}`}>{c.number}</Link>,
    },
    { key: 'subject', title: t('cases.subject'), dataIndex: 'subject' },
    { key: 'status', title: t('common.status'), render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'severity', title: t('cases.severity'), render: (_, c) => <SeverityTag severity={c.severity} /> },
    { key: 'contact', title: t('cases.requester'), render: (_, c) => c.contactName ?? '—' },
    { key: 'updatedAt', title: t('common.updatedAt'), render: (_, c) => formatDateTime(c.updatedAt, locale) },
  ];
  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: data?.total ?? 0,
    hideOnSinglePage: true,
    onChange: (page: number, pageSize: number) => setPaging({ page, pageSize }),
  };

  return (
    <>
      <PageHeader title={t('portalCases.title')} subtitle={t('portalCases.subtitle')} extra={newButton} />
      <Card data-testid="portal-cases">
        <div className="toolbar">
          <SearchInput
            value={q}
            onChange={(next) => {
              setQ(next);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            placeholder={t('portalCases.searchPlaceholder')}
            testId="portal-cases-search"
          />
        </div>
        {error && !data ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : wide ? (
          <Table<PortalCase>
            rowKey="id"
            columns={columns}
            dataSource={data?.items}
            loading={isPending}
            pagination={pagination}
            onRow={(c) => {
              const props: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
                'data-testid': `portal-case-row-${c.number}`,
                style: { cursor: 'pointer' },
                onClick: (e) => {
                  if ((e.target as HTMLElement).closest('a,button')) return;
                  navigate(`/portal/cases/${c.id}`);
                },
              };
              return props;
            }}
            locale={{ emptyText: isPending ? ' ' : empty }}
          />
        ) : (
          <List
            dataSource={data?.items}
            loading={isPending}
            pagination={pagination}
            locale={{ emptyText: isPending ? ' ' : empty }}
            renderItem={(c) => (
              <List.Item
                extra={<CaseStatusTag status={c.status} />}
                data-testid={`portal-case-row-${c.number}`}
              >
                <List.Item.Meta
                  title={<Link to={`/portal/cases/${c.id}`}>{c.subject}</Link>}
                  description={
                    <Space size={6} wrap>
                      <Typography.Text type="secondary">{c.number}</Typography.Text>
                      <SeverityTag severity={c.severity} />
                      <Typography.Text type="secondary">
                        {formatDateTime(c.updatedAt, locale)}
                      </Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
