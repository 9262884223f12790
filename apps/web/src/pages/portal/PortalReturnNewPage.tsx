import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ReturnOutcomes, type Attachment, type ReturnOutcome } from '@aftercare/contracts';
import { PageHeader } from '../../ui/PageHeader';
import { useApiError } from '../../lib/useApiError';
import { AttachmentField } from '../../features/attachments/AttachmentField';
import { usePortalAssets } from '../../features/portal/api';
import { useCreatePortalReturn, usePortalReturnReasons } from '../../features/returns/api';

interface Values {
  serialNumbers: string[];
  quantity: number;
  reasonId: string;
  outcome: ReturnOutcome;
  description?: string;
  photos?: Attachment[];
}

/** A contact asks for a return: items from the installed base, a reason, the outcome wanted, photos. */
export default function PortalReturnNewPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const handleError = useApiError();
  const [uploading, setUploading] = useState(false);
  const assets = usePortalAssets({ page: 1, pageSize: 200 });
  const reasons = usePortalReturnReasons();
  const create = useCreatePortalReturn();
  return (
    <>
      <PageHeader title={t('returns.portal.new')} subtitle={t('returns.portal.newSubtitle')} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 760 }}
          initialValues={{ outcome: 'refund', quantity: 1, serialNumbers: [] }}
          data-testid="portal-return-form"
          onFinish={(v) =>
            create.mutate(
              {
                lines: v.serialNumbers.map((serialNumber) => ({ serialNumber, quantity: 1 })),
                reasonId: v.reasonId,
                outcome: v.outcome,
                ...(v.description?.trim() ? { description: v.description.trim() } : {}),
                ...(v.photos?.length ? { photoIds: v.photos.map((p) => p.id) } : {}),
              },
              {
                onSuccess: (r) => {
                  void message.success(t('returns.portal.submitted', { number: r.number }));
                  navigate(`/portal/returns/${r.id}`, { replace: true });
                },
                onError: (e) => handleError(e, { form }),
              },
            )
          }
        >
          <Form.Item
            name="serialNumbers"
            label={t('returns.portal.pickItems')}
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
            extra={!assets.isPending && !assets.data?.items.length ? t('returns.portal.noAssets') : undefined}
          >
            <Select
              mode="multiple"
              loading={assets.isPending}
              optionFilterProp="label"
              data-testid="portal-return-items"
              options={(assets.data?.items ?? []).map((a) => ({
                value: a.serialNumber,
                label: [a.productName, a.editionName, a.serialNumber].filter(Boolean).join(' · '),
              }))}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="reasonId"
                label={t('returns.reason')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Select
                  loading={reasons.isPending}
                  data-testid="portal-return-reason"
                  options={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="quantity" hidden>
                <InputNumber />
              </Form.Item>
              <Form.Item name="outcome" label={t('returns.outcome')}>
                <Radio.Group
                  data-testid="portal-return-outcome"
                  options={ReturnOutcomes.map((o) => ({ value: o, label: t(`returns.outcomes.${o}`) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={t('returns.description')}>
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={10_000}
              data-testid="portal-return-description"
            />
          </Form.Item>
          <Form.Item name="photos" label={t('returns.photos')}>
            <AttachmentField audience="portal" onBusyChange={setUploading} testId="portal-return-photos" />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending}
              disabled={uploading}
              data-testid="portal-return-submit"
            >
              {t('returns.portal.send')}
            </Button>
            <Button onClick={() => navigate('/portal/returns')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
