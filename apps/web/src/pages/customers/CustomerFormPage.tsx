import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CustomerTiers, type Customer, type CustomerCreate, type CustomerTier } from '@aftercare/contracts';
import { blankToNull } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../../features/auth/session';
import { customers } from '../../features/customers/api';
import { UserSelect } from '../../features/settings/UserSelect';

interface Values {
  code: string;
  name: string;
  tier: CustomerTier;
  tags: string[];
  ownerId?: string | null;
  phone?: string;
  website?: string;
  province?: string;
  city?: string;
  address?: string;
  latitude?: number | null;
  longitude?: number | null;
  notes?: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function toBody(values: Values): CustomerCreate {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    tier: values.tier,
    tags: [...new Set((values.tags ?? []).map((tag) => tag.trim()).filter(Boolean))],
    // The owner field is only shown to staff who may list users; otherwise leave the owner as it is.
    ...(values.ownerId !== undefined ? { ownerId: values.ownerId } : {}),
    phone: blankToNull(values.phone),
    website: blankToNull(values.website),
    province: blankToNull(values.province),
    city: blankToNull(values.city),
    address: blankToNull(values.address),
    latitude: values.latitude ?? null,
    longitude: values.longitude ?? null,
    notes: blankToNull(values.notes),
  };
}

function CustomerForm({ customer }: { customer?: Customer }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const can = useCan();
  const create = customers.useCreate();
  const update = customers.useUpdate();
  const handleError = useApiError();
  const { message } = App.useApp();
  const saving = create.isPending || update.isPending;

  const submit = (values: Values) => {
    const body = toBody(values);
    if (customer) {
      update.mutate(
        { id: customer.id, patch: { ...body, version: customer.version } },
        {
          onSuccess: (saved) => {
            void message.success(t('common.saved'));
            navigate(`/app/customers/${saved.id}`);
          },
          onError: (error) => handleError(error, { form }),
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (saved) => {
          void message.success(t('customers.created'));
          navigate(`/app/customers/${saved.id}`, { replace: true });
        },
        onError: (error) => handleError(error, { form }),
      });
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="customer-form"
      scrollToFirstError
      initialValues={
        customer
          ? {
              ...customer,
              phone: customer.phone ?? undefined,
              website: customer.website ?? undefined,
              province: customer.province ?? undefined,
              city: customer.city ?? undefined,
              address: customer.address ?? undefined,
              notes: customer.notes ?? undefined,
            }
          : { tier: 'standard', tags: [], ownerId: null }
      }
      onFinish={submit}
    >
      <Card title={t('customers.basics')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('customers.code')}
              extra={t('customers.codeHelp')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { pattern: CODE, message: t('validation.code') },
                { max: 64 },
              ]}
            >
              <Input data-testid="customer-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={t('customers.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}
            >
              <Input data-testid="customer-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="tier" label={t('customers.tier')}>
              <Select
                options={CustomerTiers.map((tier) => ({ value: tier, label: t(`tiers.${tier}`) }))}
                data-testid="customer-tier"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="tags" label={t('customers.tags')} extra={t('customers.tagsHelp')}>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} data-testid="customer-tags" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {can('users.read') ? (
              <Form.Item name="ownerId" label={t('customers.owner')}>
                <UserSelect knownName={customer?.ownerName} testId="customer-owner" />
              </Form.Item>
            ) : (
              <Form.Item label={t('customers.owner')}>
                <Input disabled value={customer?.ownerName ?? ''} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('customers.phone')} rules={[{ max: 40 }]}>
              <Input inputMode="tel" data-testid="customer-phone" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="website" label={t('customers.website')} rules={[{ max: 200 }]}>
              <Input placeholder="https://" data-testid="customer-website" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('customers.location')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="province" label={t('customers.province')}>
              <Input data-testid="customer-province" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="city" label={t('customers.city')}>
              <Input data-testid="customer-city" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('customers.address')} rules={[{ max: 500 }]}>
              <Input data-testid="customer-address" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="latitude" label={t('customers.latitude')} extra={t('customers.coordsHelp')}>
              <InputNumber
                min={-90}
                max={90}
                step={0.000001}
                style={{ width: '100%' }}
                data-testid="customer-latitude"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="longitude" label={t('customers.longitude')}>
              <InputNumber
                min={-180}
                max={180}
                step={0.000001}
                style={{ width: '100%' }}
                data-testid="customer-longitude"
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('common.notes')} style={{ marginBottom: 16 }}>
        <Form.Item name="notes" noStyle>
          <Input.TextArea rows={4} maxLength={10000} data-testid="customer-notes" />
        </Form.Item>
      </Card>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="customer-save">
          {customer ? t('common.save') : t('customers.create')}
        </Button>
        <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

export default function CustomerFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, isPending, error, refetch } = customers.useOne(id);
  if (!id) {
    return (
      <>
        <PageHeader title={t('customers.create')} />
        <CustomerForm />
      </>
    );
  }
  return (
    <>
      <PageHeader title={data ? t('customers.editTitle', { name: data.name }) : t('common.edit')} />
      {isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <CustomerForm key={data.version} customer={data} />
      )}
    </>
  );
}
