import { Button, Card, DatePicker, Empty, Select } from 'antd';
import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrderStatuses } from '@aftercare/contracts';
import { useListParams } from '../../lib/useListParams';
import { PageHeader } from '../../ui/PageHeader';
import { SearchInput } from '../../ui/SearchInput';
import { useCan } from '../../features/auth/session';
import { OrdersTable } from '../../features/orders/OrdersTable';
import { CustomerSelect } from '../../features/customers/CustomerSelect';

const FILTERS = ['customerId', 'status', 'from', 'to'] as const;

export default function OrdersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useListParams(FILTERS, { sort: '-orderedAt' });
  const canWrite = can('orders.write');
  const canImport = can('orders.import');
  const { from, to } = list.filters;
  return (
    <>
      <PageHeader
        title={t('nav.orders')}
        subtitle={t('orders.subtitle')}
        extra={
          <>
            {canImport ? (
              <Link to="/app/orders/import">
                <Button icon={<CloudUploadOutlined />} data-testid="orders-import">
                  {t('orders.import')}
                </Button>
              </Link>
            ) : null}
            {canWrite ? (
              <Link to="/app/orders/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="order-create">
                  {t('orders.create')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Card>
        <div className="toolbar">
          <SearchInput
            value={list.q}
            onChange={(q) => list.update({ q })}
            placeholder={t('orders.searchPlaceholder')}
            testId="orders-search"
          />
          <div style={{ minWidth: 220 }}>
            <CustomerSelect
              value={list.filters.customerId}
              onChange={(customerId) => list.update({ customerId })}
              testId="orders-customer-filter"
            />
          </div>
          <Select
            allowClear
            placeholder={t('common.status')}
            style={{ minWidth: 130 }}
            value={list.filters.status}
            onChange={(status?: string) => list.update({ status })}
            options={OrderStatuses.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
            data-testid="orders-status-filter"
          />
          <DatePicker.RangePicker
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              list.update({
                from: range?.[0]?.format('YYYY-MM-DD'),
                to: range?.[1]?.format('YYYY-MM-DD'),
              })
            }
            placeholder={[t('orders.from'), t('orders.to')]}
          />
          {list.hasFilters ? (
            <Button
              onClick={() =>
                list.update({
                  q: undefined,
                  customerId: undefined,
                  status: undefined,
                  from: undefined,
                  to: undefined,
                })
              }
            >
              {t('common.clearFilters')}
            </Button>
          ) : null}
        </div>
        <OrdersTable
          filters={{ q: list.q || undefined, ...list.filters }}
          paging={{ page: list.page, pageSize: list.pageSize, sort: list.sort, onChange: list.update }}
          empty={
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={list.hasFilters ? t('orders.emptyFiltered') : t('orders.empty')}
            >
              {!list.hasFilters ? (
                <span style={{ display: 'inline-flex', gap: 8 }}>
                  {canWrite ? (
                    <Link to="/app/orders/new">
                      <Button type="primary" icon={<PlusOutlined />}>
                        {t('orders.create')}
                      </Button>
                    </Link>
                  ) : null}
                  {canImport ? (
                    <Link to="/app/orders/import">
                      <Button icon={<CloudUploadOutlined />}>{t('orders.import')}</Button>
                    </Link>
                  ) : null}
                </span>
              ) : null}
            </Empty>
          }
        />
      </Card>
    </>
  );
}
