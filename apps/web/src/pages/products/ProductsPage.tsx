import { Button, Card, Empty, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Product } from '@aftercare/contracts';
import { sortFromSorter, sortOrderOf, useListParams } from '../../lib/useListParams';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { SearchInput } from '../../ui/SearchInput';
import { useCan } from '../../features/auth/session';
import { products } from '../../features/products/api';

const FILTERS = ['category'] as const;

export default function ProductsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const list = useListParams(FILTERS, { sort: 'name' });
  const { data, isPending, isFetching, error, refetch } = products.useList(list.query);
  const canWrite = can('products.write');

  const columns: TableColumnsType<Product> = [
    {
      key: 'sku',
      title: t('products.sku'),
      dataIndex: 'sku',
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'sku'),
    },
    {
      key: 'name',
      title: t('products.name'),
      sorter: true,
      sortOrder: sortOrderOf(list.sort, 'name'),
      render: (_, p) => (
        <span>
          <Link to={`/app/products/${p.id}`} data-testid={`product-link-${p.sku}`}>
            {p.name}
          </Link>
          {!p.active ? <Tag style={{ marginInlineStart: 8 }}>{t('products.inactive')}</Tag> : null}
        </span>
      ),
    },
    {
      key: 'category',
      title: t('products.category'),
      responsive: ['md'],
      render: (_, p) => (p.category ? <Tag>{p.category}</Tag> : '—'),
    },
    {
      key: 'editions',
      title: t('products.editions'),
      responsive: ['lg'],
      render: (_, p) =>
        p.editions.length ? (
          <Typography.Text type="secondary">{p.editions.map((e) => e.name).join(' / ')}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'warrantyMonths',
      title: t('products.warrantyMonths'),
      align: 'right',
      responsive: ['md'],
      render: (_, p) => t('products.months', { count: p.warrantyMonths }),
    },
    {
      key: 'returnWindowDays',
      title: t('products.returnWindowDays'),
      align: 'right',
      responsive: ['lg'],
      render: (_, p) => t('products.days', { count: p.returnWindowDays }),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.products')}
        subtitle={t('products.subtitle')}
        extra={
          canWrite ? (
            <Link to="/app/products/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="product-create">
                {t('products.create')}
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
            placeholder={t('products.searchPlaceholder')}
            testId="products-search"
          />
          <Input
            allowClear
            placeholder={t('products.category')}
            style={{ width: 180 }}
            defaultValue={list.filters.category}
            key={list.filters.category ?? ''}
            onPressEnter={(e) => list.update({ category: e.currentTarget.value.trim() })}
            onBlur={(e) => {
              if (e.currentTarget.value.trim() !== (list.filters.category ?? '')) {
                list.update({ category: e.currentTarget.value.trim() });
              }
            }}
            onClear={() => list.update({ category: undefined })}
          />
        </div>
        {error ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Product>
            rowKey="id"
            columns={columns}
            dataSource={data?.items}
            loading={isPending || isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="products-table"
            onRow={(p) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                navigate(`/app/products/${p.id}`);
              },
              style: { cursor: 'pointer' },
            })}
            onChange={(pagination, _f, sorter, extra) => {
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
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={list.hasFilters ? t('products.emptyFiltered') : t('products.empty')}
                >
                  {canWrite && !list.hasFilters ? (
                    <Link to="/app/products/new">
                      <Button type="primary" icon={<PlusOutlined />}>
                        {t('products.create')}
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
