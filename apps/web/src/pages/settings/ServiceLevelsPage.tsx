import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Skeleton, Space, Alert } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CaseSeverities,
  CustomerTiers,
  type ServiceSettings,
  type ServiceSettingsUpdate,
} from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useSaveServiceSettings, useServiceSettings } from '../../features/service-levels/api';
import { PolicyConditionsCard } from '../../features/contracts/PolicyConditionsCard';

type Values = Omit<ServiceSettingsUpdate, 'version' | 'paidEscalation'> & {
  paidEscalation: {
    entitlements: ServiceSettingsUpdate['paidEscalation']['entitlements'];
    /** Yuan in the form, cents on the wire. */
    prices: { S1: number; S2: number; S3: number };
  };
};

const PRICED = ['S1', 'S2', 'S3'] as const;
const LANGS = ['zh-CN', 'en'] as const;

function toValues(s: ServiceSettings): Values {
  const p = s.paidEscalation.prices;
  return {
    reopenWindowDays: s.reopenWindowDays,
    severities: s.severities,
    complaints: s.complaints,
    paidEscalation: {
      entitlements: s.paidEscalation.entitlements,
      prices: { S1: p.S1 / 100, S2: p.S2 / 100, S3: p.S3 / 100 },
    },
  };
}

/** Form paths ↔ API paths: prices are yuan here and cents there, under the same names. */
function SettingsForm({ settings }: { settings: ServiceSettings }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveServiceSettings();
  const handleError = useApiError();
  const { message } = App.useApp();
  const editable = settings.actions.includes('update');
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={toValues(settings)}
      onFinish={(v) => {
        const cents = (y: number) => Math.round(y * 100);
        save.mutate(
          {
            ...v,
            paidEscalation: {
              entitlements: v.paidEscalation.entitlements,
              prices: {
                S1: cents(v.paidEscalation.prices.S1),
                S2: cents(v.paidEscalation.prices.S2),
                S3: cents(v.paidEscalation.prices.S3),
              },
            },
            version: settings.version,
          },
          {
            onSuccess: () => void message.success(t('common.saved')),
            onError: (error) => handleError(error, { form }),
          },
        );
      }}
    >
      {!editable ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('serviceLevels.readOnly')} />
      ) : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('serviceLevels.sections.general')} size="small">
          <Form.Item
            name="reopenWindowDays"
            label={t('serviceLevels.reopenWindowDays')}
            extra={t('serviceLevels.reopenWindowHelp')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <InputNumber min={1} max={365} precision={0} data-testid="settings-reopen-days" />
          </Form.Item>
        </Card>
        <Card
          title={t('serviceLevels.sections.severities')}
          size="small"
          extra={t('serviceLevels.severityHelp')}
        >
          <Row gutter={[16, 0]}>
            {CaseSeverities.map((s) => (
              <Col xs={24} lg={12} key={s}>
                <Card type="inner" size="small" title={s} style={{ marginBottom: 16 }}>
                  {LANGS.map((lang) => (
                    <Row gutter={8} key={lang}>
                      <Col xs={24} sm={8}>
                        <Form.Item
                          name={['severities', s, 'name', lang]}
                          label={`${t('serviceLevels.severityName')} (${t(`serviceLevels.${lang === 'en' ? 'en' : 'zh'}`)})`}
                          rules={required}
                        >
                          <Input maxLength={60} data-testid={`severity-${s}-name-${lang}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={16}>
                        <Form.Item
                          name={['severities', s, 'description', lang]}
                          label={`${t('serviceLevels.severityDescription')} (${t(`serviceLevels.${lang === 'en' ? 'en' : 'zh'}`)})`}
                          rules={required}
                        >
                          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                        </Form.Item>
                      </Col>
                    </Row>
                  ))}
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
        <Card title={t('serviceLevels.sections.complaints')} size="small">
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name={['complaints', 'acknowledgementHours']}
                label={t('serviceLevels.ackHours')}
                extra={t('serviceLevels.ackHelp')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber min={1} max={720} precision={0} data-testid="settings-ack-hours" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name={['complaints', 'repeatWindowDays']}
                label={t('serviceLevels.repeatWindowDays')}
                extra={t('serviceLevels.repeatHelp')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber min={1} max={3650} precision={0} data-testid="settings-repeat-days" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('serviceLevels.rootCauses')} required>
            <Form.List name={['complaints', 'rootCauses']}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} align="top">
                      <Col xs={24} sm={6}>
                        <Form.Item
                          name={[f.name, 'key']}
                          rules={[
                            { required: true, message: t('validation.required') },
                            { pattern: /^[a-z0-9_]{1,64}$/, message: 'a-z 0-9 _' },
                          ]}
                        >
                          <Input placeholder={t('serviceLevels.rootCauseKey')} />
                        </Form.Item>
                      </Col>
                      <Col xs={11} sm={8}>
                        <Form.Item name={[f.name, 'name', 'zh-CN']} rules={required}>
                          <Input placeholder={t('serviceLevels.zh')} maxLength={60} />
                        </Form.Item>
                      </Col>
                      <Col xs={11} sm={8}>
                        <Form.Item name={[f.name, 'name', 'en']} rules={required}>
                          <Input placeholder={t('serviceLevels.en')} maxLength={60} />
                        </Form.Item>
                      </Col>
                      <Col xs={2} sm={2}>
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          disabled={fields.length <= 1}
                          onClick={() => remove(f.name)}
                          aria-label={t('common.delete')}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ key: '', name: { 'zh-CN': '', en: '' } })}
                    disabled={fields.length >= 50}
                  >
                    {t('serviceLevels.addRootCause')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
        </Card>
        <Card title={t('serviceLevels.sections.paid')} size="small">
          <Form.Item label={t('serviceLevels.entitlements')} extra={t('serviceLevels.entitlementsHelp')}>
            <Row gutter={8}>
              {CustomerTiers.map((tier) => (
                <Col xs={12} sm={6} key={tier}>
                  <Form.Item
                    name={['paidEscalation', 'entitlements', tier]}
                    label={t(`serviceLevels.tier.${tier}`)}
                  >
                    <Select options={CaseSeverities.map((s) => ({ value: s, label: s }))} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Form.Item>
          <Form.Item label={t('serviceLevels.prices')} style={{ marginBottom: 0 }}>
            <Row gutter={8}>
              {PRICED.map((s) => (
                <Col xs={24} sm={8} key={s}>
                  <Form.Item
                    name={['paidEscalation', 'prices', s]}
                    label={t('serviceLevels.priceTo', { severity: s })}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Form.Item>
        </Card>
        {editable ? (
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            data-testid="service-settings-save"
          >
            {t('common.save')}
          </Button>
        ) : null}
      </Space>
    </Form>
  );
}

export default function ServiceLevelsPage() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useServiceSettings();
  return (
    <>
      <PageHeader title={t('serviceLevels.nav')} subtitle={t('serviceLevels.subtitle')} />
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <SettingsForm key={data.version} settings={data} />
      )}
      <PolicyConditionsCard />
    </>
  );
}
