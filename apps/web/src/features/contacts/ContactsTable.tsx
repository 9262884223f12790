import { Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Contact } from '@aftercare/contracts';
import type { QueryParams } from '../../lib/api';
import { sortFromSorter, sortOrderOf } from '../../lib/useListParams';
import { QueryError } from '../../ui/QueryError';
import type { Paging } from '../../ui/usePaging';
import { contacts } from './api';

export function ContactsTable({
  filters,
  paging,
  hideCustomer,
  empty,
}: {
  filters: QueryParams;
  paging: Paging;
  hideCustomer?: boolean;
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = { ...filters, page: paging.page, pageSize: paging.pageSize, sort: paging.sort };
  const { data, isPending, isFetching, error, refetch } = contacts.useList(query);
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const sort = paging.sort ?? '';
  const columns: TableColumnsType<Contact> = [
    {
      key: 'name',
      title: t('contacts.name'),
      sorter: true,
      sortOrder: sortOrderOf(sort, 'name'),
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Link to={`/app/contacts/${c.id}`} data-testid={`contact-link-${c.id}`}>
            {c.name}
          </Link>
          {c.title ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.title}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    ...(hideCustomer
      ? []
      : [
          {
            key: 'customer',
            title: t('contacts.customer'),
            render: (_: unknown, c: Contact) => (
              <Link to={`/app/customers/${c.customerId}`}>{c.customerName}</Link>
            ),
          },
        ]),
    {
      key: 'phone',
      title: t('contacts.phone'),
      render: (_, c) => (c.phone ? <a href={`tel:${c.phone}`}>{c.phone}</a> : '—'),
    },
    {
      key: 'email',
      title: t('contacts.email'),
      responsive: ['md'],
      render: (_, c) => (c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '—'),
    },
    {
      key: 'portal',
      title: t('contacts.portal'),
      responsive: ['md'],
      render: (_, c) =>
        c.portalAccess ? (
          <Space size={4} wrap>
            <Tag color="blue" icon={<GlobalOutlined />}>
              {t('contacts.portalOn')}
            </Tag>
            {c.companyWide ? <Tag>{t('contacts.companyWide')}</Tag> : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('contacts.portalOff')}</Typography.Text>
        ),
    },
  ];
  return (
    <Table<Contact>
      rowKey="id"
      columns={columns}
      dataSource={data?.items}
      loading={isPending || isFetching}
      scroll={{ x: 'max-content' }}
      data-testid="contacts-table"
      onRow={(c) => ({
        onClick: (e) => {
          if ((e.target as HTMLElement).closest('a,button')) return;
          navigate(`/app/contacts/${c.id}`);
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
