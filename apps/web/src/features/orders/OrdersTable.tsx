import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Order } from '@aftercare/contracts';
import type { QueryParams } from '../../lib/api';
import { formatDate, formatMoney } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { sortFromSorter, sortOrderOf } from '../../lib/useListParams';
import { QueryError } from '../../ui/QueryError';
import type { Paging } from '../../ui/usePaging';
import { orders } from './api';
import { OrderStatusTag } from './OrderStatusTag';

export function OrdersTable({
  filters,
  paging,
  hideCustomer,
  empty,
  testId = 'orders-table',
}: {
  filters: QueryParams;
  paging: Paging;
  hideCustomer?: boolean;
  empty: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const query = { ...filters, page: paging.page, pageSize: paging.pageSize, sort: paging.sort };
  const { data, isPending, isFetching, error, refetch } = orders.useList(query);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const sort = paging.sort ?? '';
  const columns: TableColumnsType<Order> = [
    {
      key: 'number',
      title: t('orders.number'),
      sorter: true,
      sortOrder: sortOrderOf(sort, 'number'),
      render: (_, o) => (
        <Link to={`/app/orders/${o.id}`} data-testid={`order-link-${o.number}`}>
          {o.number}
        </Link>
      ),
    },
    ...(hideCustomer
      ? []
      : [
          {
            key: 'customer',
            title: t('orders.customer'),
            render: (_: unknown, o: Order) => (
              <Link to={`/app/customers/${o.customerId}`}>{o.customerName}</Link>
            ),
          },
        ]),
    {
      key: 'orderedAt',
      title: t('orders.orderedAt'),
      sorter: true,
      sortOrder: sortOrderOf(sort, 'orderedAt'),
      render: (_, o) => formatDate(o.orderedAt, locale),
    },
    { key: 'status', title: t('common.status'), render: (_, o) => <OrderStatusTag status={o.status} /> },
    {
      key: 'lineCount',
      title: t('orders.lines'),
      dataIndex: 'lineCount',
      align: 'right',
      responsive: ['md'],
    },
    {
      key: 'totalCents',
      title: t('orders.total'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'totalCents'),
      render: (_, o) => formatMoney(o.totalCents, locale, o.currency),
    },
    {
      key: 'externalRef',
      title: t('orders.externalRef'),
      responsive: ['lg'],
      render: (_, o) => o.externalRef ?? '—',
    },
  ];
  return (
    <Table<Order>
      rowKey="id"
      columns={columns}
      dataSource={data?.items}
      loading={isPending || isFetching}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      onRow={(o) => ({
        onClick: (e) => {
          if ((e.target as HTMLElement).closest('a,button')) return;
          navigate(`/app/orders/${o.id}`);
        },
        style: { cursor: 'pointer' },
      })}
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
