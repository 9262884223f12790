import { Button, Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import {
  AppstoreOutlined,
  ContactsOutlined,
  SafetyCertificateOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { EChartsOption } from 'echarts';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CustomerTiers, type CustomerTier } from '@aftercare/contracts';
import { formatMoney, formatMonth, formatNumber } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../../features/auth/session';
import { useOverview } from '../../features/reports/api';
import { Chart } from '../../features/reports/Chart';

const TIER_COLORS: Record<CustomerTier, string> = {
  standard: '#91caff',
  silver: '#bfbfbf',
  gold: '#faad14',
  platinum: '#722ed1',
};

function Kpi({
  title,
  value,
  icon,
  to,
  testId,
}: {
  title: string;
  value: string;
  icon: ReactNode;
  to: string;
  testId: string;
}) {
  return (
    <Link to={to}>
      <Card hoverable className="kpi-card" data-testid={testId}>
        <Statistic
          title={title}
          value={value}
          prefix={<span style={{ color: '#1677ff', marginInlineEnd: 4 }}>{icon}</span>}
        />
      </Card>
    </Link>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedIn();
  const { data, isPending, error, refetch } = useOverview();

  const ordersOption = useMemo<EChartsOption | null>(() => {
    if (!data || data.ordersByMonth.length === 0) return null;
    const months = data.ordersByMonth.map((m) => formatMonth(m.month, locale));
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v, locale) : String(v)),
      },
      legend: { data: [t('dashboard.orderCount'), t('dashboard.revenue')], bottom: 0 },
      grid: { left: 48, right: 64, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: months },
      yAxis: [
        { type: 'value', name: t('dashboard.orderCount'), minInterval: 1 },
        {
          type: 'value',
          name: t('dashboard.revenue'),
          axisLabel: { formatter: (v: number) => formatMoney(v * 100, locale).replace(/\.00$/, '') },
        },
      ],
      series: [
        {
          name: t('dashboard.orderCount'),
          type: 'bar',
          data: data.ordersByMonth.map((m) => m.orders),
          itemStyle: { color: '#1677ff', borderRadius: [4, 4, 0, 0] },
          barMaxWidth: 36,
        },
        {
          name: t('dashboard.revenue'),
          type: 'line',
          yAxisIndex: 1,
          data: data.ordersByMonth.map((m) => m.totalCents / 100),
          itemStyle: { color: '#52c41a' },
          tooltip: {
            valueFormatter: (v) => (typeof v === 'number' ? formatMoney(v * 100, locale) : String(v)),
          },
        },
      ],
    };
  }, [data, locale, t]);

  const tierOption = useMemo<EChartsOption | null>(() => {
    if (!data || data.customersByTier.every((x) => x.count === 0)) return null;
    const label = (tier: string) =>
      (CustomerTiers as readonly string[]).includes(tier) ? t(`tiers.${tier}`) : tier;
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { formatter: '{b}\n{c}' },
          data: data.customersByTier
            .filter((x) => x.count > 0)
            .map((x) => ({
              name: label(x.tier),
              value: x.count,
              itemStyle: { color: TIER_COLORS[x.tier as CustomerTier] ?? '#1677ff' },
            })),
        },
      ],
    };
  }, [data, t]);

  return (
    <div data-testid="dashboard">
      <PageHeader title={t('dashboard.title')} subtitle={t('welcome.title', { name: me.name })} />
      {isPending ? (
        <Row gutter={[16, 16]}>
          {[0, 1, 2, 3, 4].map((i) => (
            <Col key={i} xs={12} md={8} xl={4}>
              <Card>
                <Skeleton active paragraph={false} />
              </Card>
            </Col>
          ))}
          <Col xs={24}>
            <Card>
              <Skeleton active paragraph={{ rows: 8 }} />
            </Card>
          </Col>
        </Row>
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={8} xl={{ flex: '20%' }}>
            <Kpi
              testId="kpi-customers"
              title={t('nav.customers')}
              value={formatNumber(data.customers, locale)}
              icon={<TeamOutlined />}
              to="/app/customers"
            />
          </Col>
          <Col xs={12} md={8} xl={{ flex: '20%' }}>
            <Kpi
              testId="kpi-contacts"
              title={t('nav.contacts')}
              value={formatNumber(data.contacts, locale)}
              icon={<ContactsOutlined />}
              to="/app/contacts"
            />
          </Col>
          <Col xs={12} md={8} xl={{ flex: '20%' }}>
            <Kpi
              testId="kpi-products"
              title={t('nav.products')}
              value={formatNumber(data.products, locale)}
              icon={<AppstoreOutlined />}
              to="/app/products"
            />
          </Col>
          <Col xs={12} md={12} xl={{ flex: '20%' }}>
            <Kpi
              testId="kpi-orders"
              title={t('nav.orders')}
              value={formatNumber(data.orders, locale)}
              icon={<ShoppingCartOutlined />}
              to="/app/orders"
            />
          </Col>
          <Col xs={24} md={12} xl={{ flex: '20%' }}>
            <Kpi
              testId="kpi-assets"
              title={t('dashboard.assetsInWarranty')}
              value={formatNumber(data.assetsInWarranty, locale)}
              icon={<SafetyCertificateOutlined />}
              to="/app/assets?warranty=in"
            />
          </Col>
          <Col xs={24} xl={16}>
            <Card title={t('dashboard.ordersByMonth')}>
              {ordersOption ? (
                <Chart option={ordersOption} testId="chart-orders" />
              ) : (
                <Empty description={t('dashboard.noOrders')} style={{ padding: 48 }}>
                  <Link to="/app/orders/import">
                    <Button type="primary">{t('orders.import')}</Button>
                  </Link>
                </Empty>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('dashboard.customersByTier')}>
              {tierOption ? (
                <Chart option={tierOption} testId="chart-tiers" />
              ) : (
                <Empty description={t('dashboard.noCustomers')} style={{ padding: 48 }}>
                  <Link to="/app/customers/new">
                    <Button type="primary">{t('customers.create')}</Button>
                  </Link>
                </Empty>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
