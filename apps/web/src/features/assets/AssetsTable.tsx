import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Asset } from '@aftercare/contracts';
import type { QueryParams } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { sortFromSorter, sortOrderOf } from '../../lib/useListParams';
import { QueryError } from '../../ui/QueryError';
import type { Paging } from '../../ui/usePaging';
import { assets } from './api';
import { WarrantyTag } from './WarrantyTag';

const STATUS_COLOR: Record<Asset['status'], string> = {
  active: 'blue',
  returned: 'orange',
  retired: 'default',
};

export function AssetsTable({
  filters,
  paging,
  hideCustomer,
  empty,
  onOpen,
}: {
  filters: QueryParams;
  paging: Paging;
  hideCustomer?: boolean;
  empty: ReactNode;
  onOpen?: (asset: Asset) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const query = { ...filters, page: paging.page, pageSize: paging.pageSize, sort: paging.sort };
  const { data, isPending, isFetching, error, refetch } = assets.useList(query);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const sort = paging.sort ?? '';
  const columns: TableColumnsType<Asset> = [
    {
      key: 'serialNumber',
      title: t('assets.serialNumber'),
      sorter: true,
      sortOrder: sortOrderOf(sort, 'serialNumber'),
      render: (_, a) =>
        onOpen ? (
          <a onClick={() => onOpen(a)} data-testid={`asset-link-${a.serialNumber}`}>
            {a.serialNumber}
          </a>
        ) : (
          <Link to={`/app/assets/${a.id}`} data-testid={`asset-link-${a.serialNumber}`}>
            {a.serialNumber}
          </Link>
        ),
    },
    {
      key: 'product',
      title: t('assets.product'),
      render: (_, a) => (
        <span>
          <Link to={`/app/products/${a.productId}`}>{a.productName}</Link>
          {a.editionName ? <Tag style={{ marginInlineStart: 6 }}>{a.editionName}</Tag> : null}
        </span>
      ),
    },
    ...(hideCustomer
      ? []
      : [
          {
            key: 'customer',
            title: t('assets.customer'),
            render: (_: unknown, a: Asset) => (
              <Link to={`/app/customers/${a.customerId}`}>{a.customerName}</Link>
            ),
          },
        ]),
    {
      key: 'purchaseDate',
      title: t('assets.purchaseDate'),
      responsive: ['md'],
      sorter: true,
      sortOrder: sortOrderOf(sort, 'purchaseDate'),
      render: (_, a) => formatDate(a.purchaseDate, locale),
    },
    {
      key: 'warrantyEnd',
      title: t('assets.warranty'),
      sorter: true,
      sortOrder: sortOrderOf(sort, 'warrantyEnd'),
      render: (_, a) => (
        <span>
          <WarrantyTag inWarranty={a.inWarranty} warrantyEnd={a.warrantyEnd} />
          <span style={{ fontSize: 12, color: '#8c8c8c' }}>
            {a.warrantyEnd ? formatDate(a.warrantyEnd, locale) : ''}
          </span>
        </span>
      ),
    },
    {
      key: 'status',
      title: t('common.status'),
      responsive: ['lg'],
      render: (_, a) => <Tag color={STATUS_COLOR[a.status]}>{t(`assetStatus.${a.status}`)}</Tag>,
    },
    {
      key: 'order',
      title: t('assets.order'),
      responsive: ['lg'],
      render: (_, a) =>
        a.orderId ? <Link to={`/app/orders/${a.orderId}`}>{a.orderNumber ?? '…'}</Link> : '—',
    },
  ];
  return (
    <Table<Asset>
      rowKey="id"
      columns={columns}
      dataSource={data?.items}
      loading={isPending || isFetching}
      scroll={{ x: 'max-content' }}
      data-testid="assets-table"
      onChange={(pagination, _f, sorter, extra) => {
        if (extra.action === 'sort') paging.onChange({ sort: sortFromSorter(sorter) ?? '' });
        else paging.onChange({ page: pagination.current, pageSize: pagination.pageSize });
      }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        hideOnSinglePage: hideCustomer,
        showTotal: (total) => t('common.total', { count: total }),
      }}
      locale={{ emptyText: isPending ? ' ' : empty }}
    />
  );
}
