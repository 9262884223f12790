import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CaseTypes, type WebFormSettings, type WebFormSettingsUpdate } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { CopyField } from '../../ui/CopyField';
import { useSaveWebFormSettings, useWebFormSettings } from '../../features/webform/api';

type Values = Omit<WebFormSettingsUpdate, 'version'>;

function SettingsForm({ settings }: { settings: WebFormSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveWebFormSettings();
  const handleError = useApiError();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card>
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={settings}
            onFinish={(values) =>
              save.mutate(
                { ...values, version: settings.version },
                {
                  onSuccess: () => void message.success(t('common.saved')),
                  onError: (error) => handleError(error, { form }),
                },
              )
            }
          >
            <Form.Item name="enabled" label={t('webform.enabled')} valuePropName="checked">
              <Switch data-testid="webform-enabled" />
            </Form.Item>
            <Form.Item name="caseType" label={t('webform.caseType')}>
              <Select options={CaseTypes.map((c) => ({ value: c, label: t(`caseType.${c}`) }))} />
            </Form.Item>
            <Form.Item name="fields" label={t('webform.fields')}>
              <Checkbox.Group
                options={[
                  { value: 'company', label: t('webform.fieldCompany') },
                  { value: 'phone', label: t('webform.fieldPhone') },
                  { value: 'severity', label: t('webform.fieldSeverity') },
                ]}
              />
            </Form.Item>
            <Form.Item name="allowedOrigins" label={t('webform.origins')} extra={t('webform.originsHelp')}>
              <Select mode="tags" tokenSeparators={[' ', ',']} open={false} suffixIcon={null} />
            </Form.Item>
            <Form.Item name={['thankYou', 'zh-CN']} label={t('webform.thankYouZh')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
            <Form.Item name={['thankYou', 'en']} label={t('webform.thankYouEn')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="webform-save">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            {!settings.enabled ? <Alert type="info" showIcon message={t('webform.disabledHint')} /> : null}
            <Typography.Text strong>{t('webform.address')}</Typography.Text>
            <CopyField value={settings.formUrl} testId="webform-url" />
            <Button icon={<ExportOutlined />} href={settings.formUrl} target="_blank" rel="noreferrer">
              {t('webform.open')}
            </Button>
            <Typography.Text strong>{t('webform.embed')}</Typography.Text>
            <Typography.Text type="secondary">{t('webform.embedHelp')}</Typography.Text>
            <CopyField value={settings.embedSnippet} testId="webform-snippet" />
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

export default function WebFormPage() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useWebFormSettings();
  return (
    <div>
      <PageHeader title={t('webform.settingsTitle')} subtitle={t('webform.settingsSubtitle')} />
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
