import { App, Button, Card, Descriptions, Empty, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, EnvironmentOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Customer } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { DeleteButton } from '../../ui/DeleteButton';
import { History } from '../../ui/History';
import { useLocalPaging } from '../../ui/usePaging';
import { useCan } from '../../features/auth/session';
import { customers } from '../../features/customers/api';
import { TierTag } from '../../features/customers/TierTag';
import { ContactsTable } from '../../features/contacts/ContactsTable';
import { OrdersTable } from '../../features/orders/OrdersTable';
import { AssetsTable } from '../../features/assets/AssetsTable';
import { ContractsCard } from '../../features/contracts/ContractsCard';

const LocationMap = lazy(() => import('../../features/customers/LocationMap'));

function Overview({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const place = [customer.province, customer.city, customer.address].filter(Boolean).join(' ');
  const hasPoint = customer.latitude !== null && customer.longitude !== null;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
        bordered
        size="small"
        data-testid="customer-overview"
      >
        <Descriptions.Item label={t('customers.code')}>{customer.code}</Descriptions.Item>
        <Descriptions.Item label={t('customers.tier')}>
          <TierTag tier={customer.tier} />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.owner')}>{customer.ownerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('customers.phone')}>
          {customer.phone ? (
            <a href={`tel:${customer.phone}`}>
              <PhoneOutlined /> {customer.phone}
            </a>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.website')}>
          {customer.website ? (
            <a
              href={/^https?:\/\//.test(customer.website) ? customer.website : `https://${customer.website}`}
              target="_blank"
              rel="noreferrer noopener"
            >
              {customer.website}
            </a>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.tags')}>
          {customer.tags.length ? customer.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.common.address')} span={{ xs: 1, md: 2, xl: 3 }}>
          {place || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.notes')} span={{ xs: 1, md: 2, xl: 3 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {customer.notes || '—'}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('common.createdAt')}>
          {formatDateTime(customer.createdAt, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.updatedAt')}>
          {formatDateTime(customer.updatedAt, locale)}
        </Descriptions.Item>
      </Descriptions>
      <ContractsCard customerId={customer.id} />
      {hasPoint ? (
        <Card
          size="small"
          title={
            <span>
              <EnvironmentOutlined /> {t('customers.map')}
            </span>
          }
        >
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 320 }} />}>
            <LocationMap
              latitude={customer.latitude ?? 0}
              longitude={customer.longitude ?? 0}
              label={customer.name}
            />
          </Suspense>
        </Card>
      ) : (
        <Typography.Text type="secondary">
          <EnvironmentOutlined /> {t('customers.noCoordinates')}
        </Typography.Text>
      )}
    </Space>
  );
}

function ContactsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const paging = useLocalPaging(10, 'name');
  const canAdd = customer.actions.includes('addContact');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canAdd ? (
        <div style={{ textAlign: 'right' }}>
          <Link to={`/app/contacts/new?customerId=${customer.id}`}>
            <Button icon={<PlusOutlined />} data-testid="customer-add-contact">
              {t('contacts.create')}
            </Button>
          </Link>
        </div>
      ) : null}
      <ContactsTable
        filters={{ customerId: customer.id }}
        paging={paging}
        hideCustomer
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noContacts')} />}
      />
    </Space>
  );
}

function OrdersTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const can = useCan();
  const paging = useLocalPaging(10, '-orderedAt');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('orders.write') ? (
        <div style={{ textAlign: 'right' }}>
          <Link to={`/app/orders/new?customerId=${customer.id}`}>
            <Button icon={<PlusOutlined />} data-testid="customer-add-order">
              {t('orders.create')}
            </Button>
          </Link>
        </div>
      ) : null}
      <OrdersTable
        filters={{ customerId: customer.id }}
        paging={paging}
        hideCustomer
        testId="customer-orders-table"
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noOrders')} />}
      />
    </Space>
  );
}

function AssetsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const paging = useLocalPaging(10);
  return (
    <AssetsTable
      filters={{ customerId: customer.id }}
      paging={paging}
      hideCustomer
      empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noAssets')} />}
    />
  );
}

export default function CustomerDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const { data: customer, isPending, error, refetch } = customers.useOne(id);
  const remove = customers.useRemove();
  const handleError = useApiError();
  const { message } = App.useApp();

  if (isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;

  const tab = params.get('tab') ?? 'overview';
  const items = [
    { key: 'overview', label: t('customers.overview'), children: <Overview customer={customer} /> },
    {
      key: 'contacts',
      label: `${t('nav.contacts')} (${customer.contactCount})`,
      children: <ContactsTab customer={customer} />,
    },
    ...(can('orders.read')
      ? [{ key: 'orders', label: t('nav.orders'), children: <OrdersTab customer={customer} /> }]
      : []),
    ...(can('assets.read')
      ? [{ key: 'assets', label: t('nav.assets'), children: <AssetsTab customer={customer} /> }]
      : []),
    ...(can('audit.read')
      ? [
          {
            key: 'history',
            label: t('history.title'),
            children: <History path={`/customers/${customer.id}/history`} entity="customer" />,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={customer.name}
        tags={<TierTag tier={customer.tier} />}
        subtitle={
          <span>
            {customer.code}
            {customer.city ? ` · ${customer.city}` : ''}
          </span>
        }
        extra={
          <>
            {customer.actions.includes('update') ? (
              <Link to={`/app/customers/${customer.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="customer-edit">
                  {t('common.edit')}
                </Button>
              </Link>
            ) : null}
            {customer.actions.includes('delete') ? (
              <DeleteButton
                testId="customer-delete"
                loading={remove.isPending}
                description={t('customers.deleteHelp')}
                onConfirm={() =>
                  remove.mutate(customer.id, {
                    onSuccess: () => {
                      void message.success(t('common.deleted'));
                      navigate('/app/customers', { replace: true });
                    },
                    onError: (err) => handleError(err),
                  })
                }
              />
            ) : null}
          </>
        }
      />
      <Card>
        <Tabs
          activeKey={items.some((i) => i.key === tab) ? tab : 'overview'}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'overview') next.delete('tab');
            else next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={items}
          destroyOnHidden
          data-testid="customer-tabs"
        />
      </Card>
    </>
  );
}
