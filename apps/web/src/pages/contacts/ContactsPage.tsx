import { Button, Card, Empty, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useListParams } from '../../lib/useListParams';
import { PageHeader } from '../../ui/PageHeader';
import { SearchInput } from '../../ui/SearchInput';
import { useCan } from '../../features/auth/session';
import { ContactsTable } from '../../features/contacts/ContactsTable';
import { CustomerSelect } from '../../features/customers/CustomerSelect';

const FILTERS = ['customerId', 'portalAccess'] as const;

export default function ContactsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useListParams(FILTERS, { sort: 'name' });
  const canWrite = can('customers.write');
  return (
    <>
      <PageHeader
        title={t('nav.contacts')}
        subtitle={t('contacts.subtitle')}
        extra={
          canWrite ? (
            <Link to="/app/contacts/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="contact-create">
                {t('contacts.create')}
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
            placeholder={t('contacts.searchPlaceholder')}
            testId="contacts-search"
          />
          <div style={{ minWidth: 220 }}>
            <CustomerSelect
              value={list.filters.customerId}
              onChange={(customerId) => list.update({ customerId })}
              testId="contacts-customer-filter"
            />
          </div>
          <Select
            allowClear
            placeholder={t('contacts.portal')}
            style={{ minWidth: 160 }}
            value={list.filters.portalAccess}
            onChange={(portalAccess?: string) => list.update({ portalAccess })}
            options={[
              { value: 'true', label: t('contacts.portalOn') },
              { value: 'false', label: t('contacts.portalOff') },
            ]}
          />
          {list.hasFilters ? (
            <Button
              onClick={() => list.update({ q: undefined, customerId: undefined, portalAccess: undefined })}
            >
              {t('common.clearFilters')}
            </Button>
          ) : null}
        </div>
        <ContactsTable
          filters={{ q: list.q || undefined, ...list.filters }}
          paging={{ page: list.page, pageSize: list.pageSize, sort: list.sort, onChange: list.update }}
          empty={
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={list.hasFilters ? t('contacts.emptyFiltered') : t('contacts.empty')}
            >
              {canWrite && !list.hasFilters ? (
                <Link to="/app/contacts/new">
                  <Button type="primary" icon={<PlusOutlined />}>
                    {t('contacts.create')}
                  </Button>
                </Link>
              ) : null}
            </Empty>
          }
        />
      </Card>
    </>
  );
}
