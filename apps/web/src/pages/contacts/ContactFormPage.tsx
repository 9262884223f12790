import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Skeleton, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { Contact, ContactCreate, Locale } from '@aftercare/contracts';
import { blankToNull } from '../../lib/format';
import { LANGUAGES } from '../../lib/i18n';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { contacts } from '../../features/contacts/api';
import { CustomerSelect } from '../../features/customers/CustomerSelect';
import { customers } from '../../features/customers/api';

interface Values {
  customerId: string;
  name: string;
  title?: string;
  email?: string;
  phone?: string;
  wechatId?: string;
  birthday?: Dayjs | null;
  locale: Locale;
  portalAccess: boolean;
  companyWide: boolean;
}

function ContactForm({ contact, presetCustomerId }: { contact?: Contact; presetCustomerId?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const create = contacts.useCreate();
  const update = contacts.useUpdate();
  const handleError = useApiError();
  const { message } = App.useApp();
  const preset = customers.useOne(!contact ? presetCustomerId : undefined);
  const portalAccess = Form.useWatch('portalAccess', form);

  const submit = (values: Values) => {
    const fields = {
      name: values.name.trim(),
      title: blankToNull(values.title),
      email: blankToNull(values.email),
      phone: blankToNull(values.phone),
      wechatId: blankToNull(values.wechatId),
      birthday: values.birthday ? values.birthday.format('YYYY-MM-DD') : null,
      locale: values.locale,
      portalAccess: values.portalAccess,
      companyWide: values.companyWide,
    };
    if (contact) {
      update.mutate(
        { id: contact.id, patch: { ...fields, version: contact.version } },
        {
          onSuccess: (saved) => {
            void message.success(t('common.saved'));
            navigate(`/app/contacts/${saved.id}`);
          },
          onError: (error) => handleError(error, { form }),
        },
      );
    } else {
      const body: ContactCreate = { ...fields, customerId: values.customerId };
      create.mutate(body, {
        onSuccess: (saved) => {
          void message.success(t('contacts.created'));
          navigate(`/app/contacts/${saved.id}`, { replace: true });
        },
        onError: (error) => handleError(error, { form }),
      });
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      scrollToFirstError
      data-testid="contact-form"
      initialValues={
        contact
          ? {
              ...contact,
              title: contact.title ?? undefined,
              email: contact.email ?? undefined,
              phone: contact.phone ?? undefined,
              wechatId: contact.wechatId ?? undefined,
              birthday: contact.birthday ? dayjs(contact.birthday) : null,
            }
          : { customerId: presetCustomerId, locale, portalAccess: false, companyWide: false }
      }
      onFinish={submit}
    >
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              name="customerId"
              label={t('contacts.customer')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <CustomerSelect
                disabled={!!contact}
                knownName={contact?.customerName ?? preset.data?.name}
                testId="contact-customer"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('contacts.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input data-testid="contact-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('contacts.title')}>
              <Input data-testid="contact-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label={t('contacts.email')}
              rules={[
                { type: 'email', message: t('validation.email') },
                { required: !!portalAccess, message: t('contacts.emailNeeded') },
              ]}
            >
              <Input inputMode="email" data-testid="contact-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('contacts.phone')} rules={[{ max: 40 }]}>
              <Input inputMode="tel" data-testid="contact-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="wechatId" label={t('contacts.wechatId')} rules={[{ max: 64 }]}>
              <Input data-testid="contact-wechat" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="birthday" label={t('contacts.birthday')}>
              <DatePicker style={{ width: '100%' }} data-testid="contact-birthday" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="locale" label={t('contacts.locale')}>
              <Select options={LANGUAGES} data-testid="contact-locale" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('contacts.portal')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="portalAccess"
          label={t('contacts.portalAccess')}
          extra={t('contacts.portalAccessHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="contact-portal-access" />
        </Form.Item>
        <Form.Item
          name="companyWide"
          label={t('contacts.companyWide')}
          extra={t('contacts.companyWideHelp')}
          valuePropName="checked"
        >
          <Switch disabled={!portalAccess} data-testid="contact-company-wide" />
        </Form.Item>
      </Card>
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending}
          data-testid="contact-save"
        >
          {contact ? t('common.save') : t('contacts.create')}
        </Button>
        <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

export default function ContactFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const { data, isPending, error, refetch } = contacts.useOne(id);
  if (!id) {
    return (
      <>
        <PageHeader title={t('contacts.create')} />
        <ContactForm presetCustomerId={params.get('customerId') ?? undefined} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={data ? t('contacts.editTitle', { name: data.name }) : t('common.edit')} />
      {isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <ContactForm key={data.version} contact={data} />
      )}
    </>
  );
}
