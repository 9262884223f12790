import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ReturnOutcomes, type Attachment, type ReturnOutcome } from '@aftercare/contracts';
import { PageHeader } from '../../ui/PageHeader';
import { useApiError } from '../../lib/useApiError';
import { AttachmentField } from '../../features/attachments/AttachmentField';
import { usePortalAssets, usePortalOrder, usePortalOrders } from '../../features/portal/api';
import { useSignedIn } from '../../features/auth/session';
import { useCreatePortalReturn, usePortalReturnReasons } from '../../features/returns/api';

interface Values {
  serialNumbers: string[];
  orderId?: string;
  orderLineIds: string[];
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
  // Company-wide contacts may also pick lines of their company's orders.
  const companyWide = !!useSignedIn().customer?.companyWide;
  const orders = usePortalOrders({ page: 1, pageSize: 100 }, companyWide);
  const orderId = Form.useWatch('orderId', form) ?? null;
  const order = usePortalOrder(orderId);
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
          initialValues={{ outcome: 'refund', quantity: 1, serialNumbers: [], orderLineIds: [] }}
          data-testid="portal-return-form"
          onFinish={(v) =>
            create.mutate(
              {
                lines: [
                  ...v.orderLineIds.map((orderLineId) => ({ orderLineId, quantity: 1 })),
                  ...v.serialNumbers.map((serialNumber) => ({ serialNumber, quantity: 1 })),
                ],
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
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string[] = []) =>
                  value.length || (getFieldValue('orderLineIds') as string[] | undefined)?.length
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('validation.required'))),
              }),
            ]}
            dependencies={['orderLineIds']}
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
          {companyWide && (
            <Row gutter={16}>
              <Col xs={24} sm={10}>
                <Form.Item name="orderId" label={t('returns.portal.pickOrder')}>
                  <Select
                    allowClear
                    loading={orders.isPending}
                    data-testid="portal-return-order"
                    onChange={() => form.setFieldValue('orderLineIds', [])}
                    options={(orders.data?.items ?? []).map((o) => ({
                      value: o.id,
                      label: `${o.number} · ${o.orderedAt}`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={14}>
                <Form.Item name="orderLineIds" label={t('returns.portal.pickOrderLines')}>
                  <Select
                    mode="multiple"
                    disabled={!orderId}
                    loading={!!orderId && order.isPending}
                    data-testid="portal-return-order-lines"
                    options={(order.data?.lines ?? []).map((l) => ({
                      value: l.id,
                      label: [l.productName, l.editionName, `× ${l.quantity}`].filter(Boolean).join(' · '),
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>
          )}
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
