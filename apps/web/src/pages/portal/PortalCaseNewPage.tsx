import { App, Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CaseTypes, type Attachment, type CaseSeverity, type CaseType } from '@aftercare/contracts';
import { useState } from 'react';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { useCreatePortalCase } from '../../features/cases/api';
import { AttachmentField } from '../../features/attachments/AttachmentField';
import { PortalSeverityField, SeverityGuide, showChargeError } from '../../features/service-levels';
import { useLocale } from '../../lib/useLocale';
import { PortalAssetField } from '../../features/contracts/PortalAssetField';

interface Values {
  subject: string;
  type: CaseType;
  severity: CaseSeverity;
  body: string;
  attachmentIds?: Attachment[];
  assetId?: string | null;
  acceptCharge?: boolean;
}

/** A customer contact describes a problem or a question; the case then shows what we promise. */
export default function PortalCaseNewPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const create = useCreatePortalCase();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const locale = useLocale();

  return (
    <>
      <PageHeader title={t('portalCases.new')} subtitle={t('portalCases.newSubtitle')} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          scrollToFirstError
          style={{ maxWidth: 760 }}
          initialValues={{ type: 'question', severity: 'S3' }}
          data-testid="portal-case-form"
          onFinish={(values) =>
            create.mutate(
              {
                subject: values.subject.trim(),
                type: values.type,
                severity: values.severity,
                ...(values.acceptCharge ? { acceptCharge: true } : {}),
                body: values.body,
                ...(values.assetId ? { assetId: values.assetId } : {}),
                ...(values.attachmentIds?.length
                  ? { attachmentIds: values.attachmentIds.map((f) => f.id) }
                  : {}),
              },
              {
                onSuccess: (created) => {
                  void message.success(t('portalCases.submitted', { number: created.number }));
                  navigate(`/portal/cases/${created.id}`, { replace: true, state: { justCreated: true } });
                },
                onError: (error) => {
                  if (!showChargeError(error, form, t, locale)) handleError(error, { form });
                },
              },
            )
          }
        >
          <Form.Item
            name="subject"
            label={t('cases.subject')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input
              maxLength={200}
              placeholder={t('portalCases.subjectPlaceholder')}
              data-testid="portal-case-subject"
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="type" label={t('cases.type')}>
                <Select
                  data-testid="portal-case-type"
                  options={CaseTypes.map((v) => ({ value: v, label: t(`caseType.${v}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <PortalSeverityField label={t('portalCases.urgency')} />
            </Col>
          </Row>
          <PortalAssetField />
          <div style={{ marginBottom: 16 }}>
            <SeverityGuide />
          </div>
          <Form.Item
            name="body"
            label={t('portalCases.description')}
            extra={t('portalCases.descriptionHelp')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 6, maxRows: 16 }}
              maxLength={50_000}
              data-testid="portal-case-body"
            />
          </Form.Item>
          <Form.Item name="attachmentIds" label={t('attachments.screenshots')}>
            <AttachmentField audience="portal" onBusyChange={setUploading} testId="portal-case-files" />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending}
              disabled={uploading}
              data-testid="portal-case-submit"
            >
              {t('portalCases.submit')}
            </Button>
            <Button onClick={() => navigate('/portal/cases')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
