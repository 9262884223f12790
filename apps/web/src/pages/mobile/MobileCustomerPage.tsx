import { Button, Card, Empty, List, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Customer } from '@aftercare/contracts';
import { QueryError } from '../../ui/QueryError';
import { customers } from '../../features/customers/api';
import { contacts } from '../../features/contacts/api';
import { TierTag } from '../../features/customers/TierTag';

/** A link that opens the phone's map app at the customer (WGS-84 point, or the address as a search). */
function mapLink(c: Customer): string | null {
  if (c.latitude !== null && c.longitude !== null)
    return `geo:${c.latitude},${c.longitude}?q=${c.latitude},${c.longitude}`;
  const place = [c.province, c.city, c.address].filter(Boolean).join(' ');
  return place ? `geo:0,0?q=${encodeURIComponent(place)}` : null;
}

export default function MobileCustomerPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const { data: customer, isPending, error, refetch } = customers.useOne(id);
  const people = contacts.useList({ customerId: id, pageSize: 50, sort: 'name' }, { enabled: !!id });

  if (isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  const place = [customer.province, customer.city, customer.address].filter(Boolean).join(' ');
  const map = mapLink(customer);

  return (
    <div data-testid="m-customer">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate(-1)}
        style={{ paddingInline: 0, marginBottom: 4 }}
      >
        {t('common.back')}
      </Button>
      <Card className="m-card" variant="borderless">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {customer.name} <TierTag tier={customer.tier} />
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          <EnvironmentOutlined /> {place || t('mobile.noAddress')}
        </Typography.Paragraph>
        <Space.Compact block>
          <Button
            type="primary"
            size="large"
            icon={<PhoneOutlined />}
            href={customer.phone ? `tel:${customer.phone}` : undefined}
            disabled={!customer.phone}
            style={{ width: '50%' }}
            data-testid="m-call"
          >
            {customer.phone ? t('mobile.call') : t('mobile.noPhone')}
          </Button>
          <Button
            size="large"
            icon={<EnvironmentOutlined />}
            href={map ?? undefined}
            disabled={!map}
            style={{ width: '50%' }}
            data-testid="m-navigate"
          >
            {t('mobile.navigate')}
          </Button>
        </Space.Compact>
      </Card>
      <Card className="m-card" variant="borderless" title={t('nav.contacts')}>
        {people.isPending ? (
          <Skeleton active />
        ) : people.error ? (
          <QueryError error={people.error} />
        ) : people.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noContacts')} />
        ) : (
          <List
            dataSource={people.data.items}
            renderItem={(c) => (
              <List.Item
                actions={
                  c.phone
                    ? [
                        <Button
                          key="call"
                          shape="circle"
                          type="primary"
                          icon={<PhoneOutlined />}
                          href={`tel:${c.phone}`}
                          aria-label={t('mobile.call')}
                        />,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={c.name}
                  description={[c.title, c.phone].filter(Boolean).join(' · ') || '—'}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
