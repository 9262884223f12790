import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  ColorPicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SmtpSecurities,
  type MailBrand,
  type MailSettings,
  type MailSettingsUpdate,
  type MailTestResult,
} from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useMailSettings, useSaveMailSettings, useSendTestMail } from '../../features/mail-outbound/api';
import { MailPreviewCard } from '../../features/mail-outbound/MailPreviewCard';

type Values = Omit<MailSettingsUpdate, 'version' | 'password'> & {
  password?: string;
  removePassword?: boolean;
};

const colorOf = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : v && typeof v === 'object' && 'toHexString' in v
      ? (v as { toHexString(): string }).toHexString()
      : '#1677ff';

function SettingsForm({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveMailSettings();
  const test = useSendTestMail();
  const handleError = useApiError();
  const [result, setResult] = useState<MailTestResult | null>(null);
  const enabled = Form.useWatch('enabled', form) ?? settings.enabled;
  const brand = Form.useWatch('brand', form) as MailBrand | undefined;
  const fromName = Form.useWatch('fromName', form) ?? settings.fromName;
  const previewBrand: MailBrand = {
    companyName: brand?.companyName || settings.brand.companyName,
    color: colorOf(brand?.color ?? settings.brand.color),
    footer: { 'zh-CN': brand?.footer?.['zh-CN'] ?? '', en: brand?.footer?.en ?? '' },
  };
  const { hasPassword: _hasPassword, deliverable, serverFrom, version: _version, ...initial } = settings;
  const onFinish = ({ password, removePassword, ...values }: Values) => {
    const body: MailSettingsUpdate = {
      ...values,
      port: Number(values.port),
      brand: { ...values.brand, color: colorOf(values.brand.color) },
      version: settings.version,
      ...(removePassword ? { password: '' } : password ? { password } : {}),
    };
    save.mutate(body, {
      onSuccess: () => void message.success(t('common.saved')),
      onError: (error) => handleError(error, { form }),
    });
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={13}>
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {!deliverable ? <Alert type="warning" showIcon message={t('mailOut.notDeliverable')} /> : null}
            <Card title={t('mailOut.server')}>
              <Form.Item
                name="enabled"
                label={t('mailOut.enabled')}
                valuePropName="checked"
                extra={t('mailOut.enabledHelp', { from: serverFrom })}
              >
                <Switch data-testid="mail-enabled" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={14}>
                  <Form.Item name="host" label={t('mailOut.host')} required={enabled}>
                    <Input placeholder="smtp.example.com" data-testid="mail-host" />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={4}>
                  <Form.Item name="port" label={t('mailOut.port')}>
                    <InputNumber min={1} max={65535} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name="security" label={t('mailOut.security')}>
                    <Select
                      options={SmtpSecurities.map((s) => ({ value: s, label: t(`mailOut.security_${s}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="username" label={t('mailOut.username')}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="password"
                    label={t('mailOut.password')}
                    extra={settings.hasPassword ? t('mailOut.passwordKept') : undefined}
                  >
                    <Input.Password autoComplete="new-password" data-testid="mail-password" />
                  </Form.Item>
                  {settings.hasPassword ? (
                    <Form.Item name="removePassword" valuePropName="checked">
                      <Checkbox>{t('mailOut.passwordRemove')}</Checkbox>
                    </Form.Item>
                  ) : null}
                </Col>
              </Row>
            </Card>
            <Card title={t('mailOut.sender')}>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="fromName" label={t('mailOut.fromName')}>
                    <Input maxLength={120} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="fromAddress" label={t('mailOut.fromAddress')} required={enabled}>
                    <Input placeholder="support@example.com" data-testid="mail-from" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="replyToAddress"
                label={t('mailOut.replyToAddress')}
                extra={t('mailOut.replyToHelp')}
              >
                <Input placeholder="support@example.com" />
              </Form.Item>
            </Card>
            <Card title={t('mailOut.brand')}>
              <Row gutter={12}>
                <Col xs={24} sm={16}>
                  <Form.Item name={['brand', 'companyName']} label={t('mailOut.companyName')}>
                    <Input maxLength={120} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['brand', 'color']} label={t('mailOut.color')}>
                    <ColorPicker disabledAlpha showText />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={['brand', 'footer', 'zh-CN']} label={t('mailOut.footerZh')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
              </Form.Item>
              <Form.Item name={['brand', 'footer', 'en']} label={t('mailOut.footerEn')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
              </Form.Item>
            </Card>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="mail-save">
                {t('common.save')}
              </Button>
              <Button
                icon={<SendOutlined />}
                loading={test.isPending}
                data-testid="mail-test"
                title={t('mailOut.testHelp')}
                onClick={() =>
                  test.mutate(undefined, { onSuccess: setResult, onError: (error) => handleError(error) })
                }
              >
                {t('mailOut.test')}
              </Button>
            </Space>
            {result ? (
              <Alert
                data-testid="mail-test-result"
                type={result.ok ? 'success' : 'error'}
                showIcon
                message={result.ok ? t('mailOut.testOk', { to: result.to }) : t('mailOut.testFailed')}
                description={<Typography.Text code>{result.response}</Typography.Text>}
              />
            ) : null}
          </Space>
        </Form>
      </Col>
      <Col xs={24} xl={11}>
        <MailPreviewCard request={{ brand: previewBrand, fromName }} />
      </Col>
    </Row>
  );
}

export default function MailSettingsPage() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useMailSettings();
  return (
    <div>
      <PageHeader title={t('mailOut.title')} subtitle={t('mailOut.subtitle')} />
      {isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <SettingsForm settings={data} key={data.version} />
      )}
    </div>
  );
}
