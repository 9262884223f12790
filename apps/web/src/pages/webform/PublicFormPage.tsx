import { Alert, Button, Card, Form, Input, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CaseSeverities, type WebFormReceipt } from '@aftercare/contracts';
import { isApiError } from '../../lib/api';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { usePublicForm, useSubmitPublicForm } from '../../features/webform/api';
import { AltchaField } from '../../features/webform/AltchaField';

interface Values {
  name: string;
  email: string;
  company?: string;
  phone?: string;
  subject: string;
  description: string;
  severity?: (typeof CaseSeverities)[number];
  website?: string;
}

/**
 * The public web form `/form/<workspace>`: standalone (no console chrome), embeddable in an <iframe> by the sites
 * the workspace allows. Spam protection: a hidden honeypot field, the signed form token, the ALTCHA widget.
 */
export default function PublicFormPage() {
  const { slug } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const handleError = useApiError();
  const [form] = Form.useForm<Values>();
  const config = usePublicForm(slug, locale);
  const submit = useSubmitPublicForm(slug);
  const [payload, setPayload] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<WebFormReceipt | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const shell = (children: ReactNode) => (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: '16px 12px' }} data-testid="webform-page">
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      {children}
    </div>
  );

  if (config.isPending) return shell(<Skeleton active paragraph={{ rows: 10 }} />);
  if (config.error || !config.data)
    return shell(
      <div data-testid="webform-unavailable">
        <Result
          status={isApiError(config.error) && config.error.status === 404 ? '404' : 'warning'}
          title={t('webform.notAvailable')}
          subTitle={t('webform.notAvailableText')}
        />
      </div>,
    );
  const c = config.data;

  if (receipt)
    return shell(
      <div data-testid="webform-receipt" data-case-number={receipt.caseNumber}>
        <Result
          status="success"
          title={t('webform.received')}
          subTitle={
            <Space direction="vertical">
              <Typography.Text strong data-testid="webform-receipt-message">
                {receipt.message}
              </Typography.Text>
              {receipt.thankYou ? <Typography.Text>{receipt.thankYou}</Typography.Text> : null}
            </Space>
          }
          extra={
            <Button
              onClick={() => {
                setReceipt(null);
                setPayload(null);
                form.resetFields();
                void config.refetch();
              }}
            >
              {t('webform.another')}
            </Button>
          }
        />
      </div>,
    );

  const onFinish = (values: Values) => {
    if (!payload) {
      setNotice(t('webform.verifyFirst'));
      return;
    }
    setNotice(null);
    submit.mutate(
      {
        name: values.name.trim(),
        email: values.email.trim(),
        subject: values.subject.trim(),
        description: values.description,
        ...(values.company?.trim() ? { company: values.company.trim() } : {}),
        ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
        ...(values.severity ? { severity: values.severity } : {}),
        ...(values.website ? { website: values.website } : {}),
        locale,
        formToken: c.formToken,
        altcha: payload,
      },
      {
        onSuccess: setReceipt,
        onError: (error) => {
          if (isApiError(error, 'form_expired') || isApiError(error, 'challenge_failed')) {
            setPayload(null);
            setNotice(error.message);
            void config.refetch();
            return;
          }
          if (isApiError(error, 'submission_too_fast') || isApiError(error, 'rate_limited')) {
            setNotice(error.message);
            return;
          }
          handleError(error, { form });
        },
      },
    );
  };

  return shell(
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('webform.publicTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('webform.publicSubtitle', { name: c.workspaceName })}
        {c.hours.length ? (
          <>
            <br />
            <span data-testid="webform-hours">
              {t('webform.hours', { hours: c.hours.join(locale === 'en' ? '; ' : '；'), zone: c.timeZone })}
            </span>
          </>
        ) : null}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional">
        <Form.Item
          name="name"
          label={t('webform.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} autoComplete="name" data-testid="webform-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('webform.email')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input maxLength={254} autoComplete="email" inputMode="email" data-testid="webform-email" />
        </Form.Item>
        {c.fields.includes('company') ? (
          <Form.Item name="company" label={t('webform.company')}>
            <Input maxLength={200} autoComplete="organization" data-testid="webform-company" />
          </Form.Item>
        ) : null}
        {c.fields.includes('phone') ? (
          <Form.Item name="phone" label={t('webform.phone')}>
            <Input maxLength={40} autoComplete="tel" inputMode="tel" data-testid="webform-phone" />
          </Form.Item>
        ) : null}
        {/* Honeypot: hidden from people (and from screen readers), filled in by bots. */}
        <div
          aria-hidden="true"
          style={{ position: 'absolute', left: -10000, top: 'auto', width: 1, height: 1, overflow: 'hidden' }}
        >
          <Form.Item name="website" label={t('webform.honeypot')}>
            <Input tabIndex={-1} autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item
          name="subject"
          label={t('webform.subject')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} data-testid="webform-subject" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('webform.description')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 12 }}
            maxLength={10_000}
            placeholder={t('webform.descriptionPlaceholder')}
            data-testid="webform-description"
          />
        </Form.Item>
        {c.fields.includes('severity') ? (
          <Form.Item name="severity" label={t('webform.severity')}>
            <Select
              allowClear
              options={CaseSeverities.map((s) => ({ value: s, label: `${s} · ${t(`caseSeverity.${s}`)}` }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item>
          <AltchaField
            challenge={c.challenge}
            language={locale === 'en' ? 'en' : 'zh-cn'}
            onChange={setPayload}
          />
        </Form.Item>
        {notice ? (
          <Alert
            type="warning"
            showIcon
            message={notice}
            style={{ marginBottom: 16 }}
            data-testid="webform-notice"
          />
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={submit.isPending}
          data-testid="webform-submit"
        >
          {t('webform.submit')}
        </Button>
      </Form>
    </Card>,
  );
}
