import {
  Alert,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Grid,
  List,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { PaginationProps, TableColumnsType } from 'antd';
import { LockOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalAsset, PortalOrder, PortalOrderLine } from '@aftercare/contracts';
import { isApiError } from '../../lib/api';
import { formatDate, formatMoney } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { QueryError } from '../../ui/QueryError';
import { SearchInput } from '../../ui/SearchInput';
import { useSignedIn } from '../../features/auth/session';
import {
  usePortalAssets,
  usePortalCompany,
  usePortalOrder,
  usePortalOrders,
} from '../../features/portal/api';
import { WarrantyTag } from '../../features/assets/WarrantyTag';
import { OrderStatusTag } from '../../features/orders/OrderStatusTag';

function CompanyCard() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = usePortalCompany();
  return (
    <Card title={t('portal.companyCard')} data-testid="portal-company" style={{ height: '100%' }}>
      {isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('portal.company')}>
            <Typography.Text strong>{data.name}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.phone')}>
            {data.phone ? (
              <a href={`tel:${data.phone}`}>
                <PhoneOutlined /> {data.phone}
              </a>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.common.address')}>
            {[data.province, data.city, data.address].filter(Boolean).join(' ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.accountManager')}>
            {data.accountManager ? (
              <span>
                <UserOutlined /> {data.accountManager}
              </span>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function AssetWarranty({ asset }: { asset: PortalAsset }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Space direction="vertical" size={0}>
      <WarrantyTag inWarranty={asset.inWarranty} warrantyEnd={asset.warrantyEnd} />
      {asset.warrantyEnd ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('portal.until', { date: formatDate(asset.warrantyEnd, locale) })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** On a phone the equipment is a list of cards rather than a wide table. */
function AssetList({
  items,
  loading,
  pagination,
}: {
  items: PortalAsset[];
  loading: boolean;
  pagination: PaginationProps;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <List
      dataSource={items}
      loading={loading}
      pagination={pagination}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.noEquipment')} />,
      }}
      renderItem={(a) => (
        <List.Item extra={<AssetWarranty asset={a} />} data-testid="portal-asset-item">
          <List.Item.Meta
            title={
              <span>
                {a.productName}
                {a.editionName ? <Tag style={{ marginInlineStart: 6 }}>{a.editionName}</Tag> : null}
              </span>
            }
            description={
              <span>
                {t('assets.serialNumber')}: {a.serialNumber}
                <br />
                {t('assets.purchaseDate')}: {formatDate(a.purchaseDate, locale)}
              </span>
            }
          />
        </List.Item>
      )}
    />
  );
}

function AssetsCard() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [q, setQ] = useState('');
  const { data, isPending, isFetching, error, refetch } = usePortalAssets({ ...paging, q: q || undefined });
  const wide = Grid.useBreakpoint().md ?? true;
  const columns: TableColumnsType<PortalAsset> = [
    {
      key: 'product',
      title: t('assets.product'),
      render: (_, a) => (
        <span>
          {a.productName}
          {a.editionName ? <Tag style={{ marginInlineStart: 6 }}>{a.editionName}</Tag> : null}
        </span>
      ),
    },
    { key: 'serial', title: t('assets.serialNumber'), dataIndex: 'serialNumber' },
    {
      key: 'purchaseDate',
      title: t('assets.purchaseDate'),
      responsive: ['md'],
      render: (_, a) => formatDate(a.purchaseDate, locale),
    },
    {
      key: 'warranty',
      title: t('assets.warranty'),
      render: (_, a) => <AssetWarranty asset={a} />,
    },
    {
      key: 'status',
      title: t('common.status'),
      responsive: ['lg'],
      render: (_, a) => t(`assetStatus.${a.status}`),
    },
  ];
  return (
    <Card
      title={t('portal.equipment')}
      extra={
        data && data.total > 0 ? (
          <Typography.Text type="secondary">
            {t('portal.equipmentCount', { count: data.total })}
          </Typography.Text>
        ) : null
      }
      data-testid="portal-assets"
    >
      {error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          {(data?.total ?? 0) > paging.pageSize || q ? (
            <div className="toolbar">
              <SearchInput
                value={q}
                onChange={(v) => {
                  setQ(v);
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                placeholder={t('assets.searchPlaceholder')}
              />
            </div>
          ) : null}
          {!wide ? (
            <AssetList
              items={data?.items ?? []}
              loading={isPending || isFetching}
              pagination={{
                current: paging.page,
                pageSize: paging.pageSize,
                total: data?.total ?? 0,
                hideOnSinglePage: true,
                onChange: (page, pageSize) => setPaging({ page, pageSize }),
              }}
            />
          ) : (
            <Table<PortalAsset>
              rowKey="id"
              columns={columns}
              dataSource={data?.items}
              loading={isPending || isFetching}
              scroll={{ x: 'max-content' }}
              pagination={{
                current: paging.page,
                pageSize: paging.pageSize,
                total: data?.total ?? 0,
                hideOnSinglePage: true,
                onChange: (page, pageSize) => setPaging({ page, pageSize }),
              }}
              locale={{
                emptyText: isPending ? (
                  ' '
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.noEquipment')} />
                ),
              }}
            />
          )}
        </>
      )}
    </Card>
  );
}

function OrderDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, isPending, error } = usePortalOrder(id);
  const columns: TableColumnsType<PortalOrderLine> = [
    {
      key: 'product',
      title: t('orders.product'),
      render: (_, l) => (
        <span>
          {l.productName}
          {l.editionName ? <Tag style={{ marginInlineStart: 6 }}>{l.editionName}</Tag> : null}
        </span>
      ),
    },
    { key: 'qty', title: t('orders.quantity'), dataIndex: 'quantity', align: 'right' },
    {
      key: 'price',
      title: t('orders.unitPrice'),
      align: 'right',
      render: (_, l) => (data ? formatMoney(l.unitPriceCents, locale, data.currency) : ''),
    },
    {
      key: 'serials',
      title: t('orders.serialNumbers'),
      render: (_, l) => (l.serialNumbers.length ? l.serialNumbers.join(', ') : '—'),
    },
  ];
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={640}
      title={data ? t('orders.titleWithNumber', { number: data.number }) : ' '}
      destroyOnHidden
    >
      {isPending ? (
        <Skeleton active />
      ) : error ? (
        <QueryError error={error} />
      ) : (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('orders.orderedAt')}>
              {formatDate(data.orderedAt, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              <OrderStatusTag status={data.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.total')}>
              {formatMoney(data.totalCents, locale, data.currency)}
            </Descriptions.Item>
          </Descriptions>
          <Table<PortalOrderLine>
            rowKey={(l, i) => `${l.productName}-${i ?? 0}`}
            size="small"
            columns={columns}
            dataSource={data.lines ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </>
      )}
    </Drawer>
  );
}

function OrdersCard({ companyWide }: { companyWide: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, isPending, isFetching, error, refetch } = usePortalOrders(paging, companyWide);
  const forbidden = !companyWide || isApiError(error, 'forbidden');
  const columns: TableColumnsType<PortalOrder> = [
    {
      key: 'number',
      title: t('orders.number'),
      render: (_, o) => (
        <a onClick={() => setOpenId(o.id)} data-testid={`portal-order-${o.number}`}>
          {o.number}
        </a>
      ),
    },
    { key: 'orderedAt', title: t('orders.orderedAt'), render: (_, o) => formatDate(o.orderedAt, locale) },
    { key: 'status', title: t('common.status'), render: (_, o) => <OrderStatusTag status={o.status} /> },
    {
      key: 'total',
      title: t('orders.total'),
      align: 'right',
      render: (_, o) => formatMoney(o.totalCents, locale, o.currency),
    },
  ];
  return (
    <Card title={t('portal.orders')} data-testid="portal-orders">
      {forbidden ? (
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined />}
          message={t('portal.ordersHiddenTitle')}
          description={t('portal.ordersHiddenText')}
          data-testid="portal-orders-forbidden"
        />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<PortalOrder>
          rowKey="id"
          columns={columns}
          dataSource={data?.items}
          loading={isPending || isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(o) => ({ onClick: () => setOpenId(o.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          locale={{
            emptyText: isPending ? (
              ' '
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.noOrders')} />
            ),
          }}
        />
      )}
      <OrderDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}

export default function PortalHomePage() {
  const { t } = useTranslation();
  const me = useSignedIn();
  return (
    <div data-testid="portal-home">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('portal.hello', { name: me.name })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('portal.intro', { company: me.customer?.name ?? '', workspace: me.workspace.name })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <CompanyCard />
        </Col>
        <Col xs={24} lg={16}>
          <AssetsCard />
        </Col>
        <Col xs={24}>
          <OrdersCard companyWide={!!me.customer?.companyWide} />
        </Col>
      </Row>
    </div>
  );
}
