import type { ReactNode } from 'react';
import { Card, Descriptions, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatMoney } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { QueryError } from '../../ui/QueryError';
import { TierTag } from '../customers/TierTag';
import { WarrantyTag } from '../assets/WarrantyTag';
import { CaseStatusTag, SeverityTag } from '../cases/CaseTags';
import { SlaStateTag } from '../cases/sla';
import { useCaseContext } from './api';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text strong>{title}</Typography.Text>
      {children}
    </div>
  );
}

const empty = (text: string) => (
  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: '8px 0' }} />
);

/** Beside a case: the customer, their other open cases, recent orders and installed products. */
export function CustomerGlance({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, isPending, error, refetch } = useCaseContext(caseId);
  return (
    <Card title={t('glance.title')} data-testid="customer-glance" size="small">
      {isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('cases.customer')}>
              <Space wrap>
                <Link to={`/app/customers/${data.customer.id}`}>{data.customer.name}</Link>
                <Typography.Text type="secondary">{data.customer.code}</Typography.Text>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('glance.tier')}>
              <TierTag tier={data.customer.tier} />
            </Descriptions.Item>
            <Descriptions.Item label={t('glance.owner')}>
              {data.customer.ownerName ?? t('glance.noOwner')}
            </Descriptions.Item>
            {data.contact ? (
              <Descriptions.Item label={t('glance.contact')}>
                <Space direction="vertical" size={0}>
                  <Link to={`/app/contacts/${data.contact.id}`}>{data.contact.name}</Link>
                  {data.contact.email ? (
                    <Typography.Text type="secondary" copyable>
                      {data.contact.email}
                    </Typography.Text>
                  ) : null}
                  {data.contact.phone ? (
                    <Typography.Text type="secondary">{data.contact.phone}</Typography.Text>
                  ) : null}
                </Space>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Section title={t('glance.openCases')}>
            {data.openCases.length === 0 ? (
              empty(t('glance.noOpenCases'))
            ) : (
              <List
                size="small"
                dataSource={data.openCases}
                data-testid="glance-open-cases"
                renderItem={(o) => (
                  <List.Item>
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Link to={`/app/cases/${o.id}`}>
                        {o.number} · {o.subject}
                      </Link>
                      <Space size={4} wrap>
                        <CaseStatusTag status={o.status} />
                        <SeverityTag severity={o.severity} />
                        {o.slaState ? <SlaStateTag state={o.slaState} /> : null}
                      </Space>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Section>
          <Section title={t('glance.orders')}>
            {data.orders.length === 0 ? (
              empty(t('glance.noOrders'))
            ) : (
              <List
                size="small"
                dataSource={data.orders}
                data-testid="glance-orders"
                renderItem={(o) => (
                  <List.Item extra={<Tag>{t(`orderStatus.${o.status}`)}</Tag>}>
                    <Space direction="vertical" size={0}>
                      <Link to={`/app/orders/${o.id}`}>{o.number}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDate(o.orderedAt, locale)} · {formatMoney(o.totalCents, locale)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Section>
          <Section title={t('glance.assets')}>
            {data.assets.length === 0 ? (
              empty(t('glance.noAssets'))
            ) : (
              <List
                size="small"
                dataSource={data.assets}
                data-testid="glance-assets"
                renderItem={(a) => (
                  <List.Item
                    extra={<WarrantyTag inWarranty={a.underWarranty} warrantyEnd={a.warrantyEndsOn} />}
                  >
                    <Space direction="vertical" size={0}>
                      <Link to={`/app/assets/${a.id}`}>{a.productName}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.serialNumber}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Section>
        </>
      )}
    </Card>
  );
}
