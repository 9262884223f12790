import { Button, Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CustomerTiers, type Customer } from '@aftercare/contracts';
import { formatDate } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { sortFromSorter, sortOrderOf, useListParams } from '../../lib/useListParams';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { SearchInput } from '../../ui/SearchInput';
import { useCan } from '../../features/auth/session';
import { customers } from '../../features/customers/api';
import { TierTag } from '../../features/customers/TierTag';
import { UserSelect } from '../../features/settings/UserSelect';

const FILTERS = ['tier', 'tag', 'ownerId'] as const;

export default function CustomersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const list = useListParams(FILTERS, { sort: 'name' });
  const { data, isPending, isFetching, error, refetch } = customers.useList(list.query);
  const canWrite = can('customers.write');

  const columns: TableColumnsType<Customer> = [
    {
      key: 'code',
      title: t('customers.code'),
      dataIndex: 'code',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'code'),
      responsive: ['md'],
    },
    {
      key: 'name',
      title: t('customers.name'),
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'name'),
      render: (_, c) => (
        <Link to={`/app/customers/${c.id}`} data-testid={`customer-link-${c.code}`}>
          {c.name}
        </Link>
      ),
    },
    {
      key: 'tier',
      title: t('customers.tier'),
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'tier'),
      render: (_, c) => <TierTag tier={c.tier} />,
    },
    {
      key: 'tags',
      title: t('customers.tags'),
      responsive: ['lg'],
      render: (_, c) => (
        <Space size={[4, 4]} wrap>
          {c.tags.map((tag) => (
            <Tag
              key={tag}
              style={{ cursor: 'pointer' }}
              onClick={(e) => {
                e.stopPropagation();
                list.update({ tag });
              }}
            >
              {tag}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'city',
      title: t('customers.city'),
      responsive: ['md'],
      render: (_, c) => [c.province, c.city].filter(Boolean).join(' ') || '—',
    },
    {
      key: 'owner',
      title: t('customers.owner'),
      responsive: ['lg'],
      render: (_, c) => c.ownerName ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'contactCount',
      title: t('customers.contacts'),
      dataIndex: 'contactCount',
      align: 'right',
      responsive: ['lg'],
    },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'updatedAt'),
      responsive: ['xl'],
      render: (_, c) => formatDate(c.updatedAt.slice(0, 10), locale),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.customers')}
        subtitle={t('customers.subtitle')}
        extra={
          canWrite ? (
            <Link to="/app/customers/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="customer-create">
                {t('customers.create')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        <div className="toolbar">
          <SearchInput
            value={list.q}
            onChange={(q) => list.update({ q })}
            placeholder={t('customers.searchPlaceholder')}
            testId="customers-search"
          />
          <Select
            allowClear
            placeholder={t('customers.tier')}
            style={{ minWidth: 140 }}
            value={list.filters.tier}
            onChange={(tier?: string) => list.update({ tier })}
            options={CustomerTiers.map((tier) => ({ value: tier, label: t(`tiers.${tier}`) }))}
            data-testid="customers-tier-filter"
          />
          <Input
            allowClear
            placeholder={t('customers.tagFilter')}
            style={{ width: 160 }}
            defaultValue={list.filters.tag}
            key={list.filters.tag ?? ''}
            onPressEnter={(e) => list.update({ tag: e.currentTarget.value.trim() })}
            onBlur={(e) => {
              if (e.currentTarget.value.trim() !== (list.filters.tag ?? '')) {
                list.update({ tag: e.currentTarget.value.trim() });
              }
            }}
            onClear={() => list.update({ tag: undefined })}
            data-testid="customers-tag-filter"
          />
          {can('users.read') ? (
            <div style={{ minWidth: 200 }}>
              <UserSelect
                value={list.filters.ownerId}
                onChange={(ownerId) => list.update({ ownerId })}
                placeholder={t('customers.owner')}
                testId="customers-owner-filter"
              />
            </div>
          ) : null}
          {list.hasFilters ? (
            <Button
              onClick={() =>
                list.update({ q: undefined, tier: undefined, tag: undefined, ownerId: undefined })
              }
            >
              {t('common.clearFilters')}
            </Button>
          ) : null}
        </div>
        {error ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Customer>
            rowKey="id"
            columns={columns}
            dataSource={data?.items}
            loading={isPending || isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="customers-table"
            onRow={(c) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button,.ant-tag')) return;
                navigate(`/app/customers/${c.id}`);
              },
              style: { cursor: 'pointer' },
            })}
            onChange={(pagination, _filters, sorter, extra) => {
              if (extra.action === 'sort') list.update({ sort: sortFromSorter(sorter) ?? 'name' });
              else list.update({ page: pagination.current, pageSize: pagination.pageSize });
            }}
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
                  description={list.hasFilters ? t('customers.emptyFiltered') : t('customers.empty')}
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                >
                  {canWrite && !list.hasFilters ? (
                    <Link to="/app/customers/new">
                      <Button type="primary" icon={<PlusOutlined />}>
                        {t('customers.create')}
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
