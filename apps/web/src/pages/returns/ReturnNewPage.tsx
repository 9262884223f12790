import { App, Button, Card, Col, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ReturnOutcomes, type Contact, type ReturnOutcome } from '@aftercare/contracts';
import { PageHeader } from '../../ui/PageHeader';
import { RemoteSelect, type RemoteOption } from '../../ui/RemoteSelect';
import { useApiError } from '../../lib/useApiError';
import { CustomerSelect } from '../../features/customers/CustomerSelect';
import { orders } from '../../features/orders/api';
import { useCreateReturn, useReturnReasons } from '../../features/returns/api';

interface Values {
  customerId?: string;
  contactId?: string | null;
  orderId?: string;
  orderLineIds: string[];
  serialNumbers: string[];
  reasonId?: string;
  outcome: ReturnOutcome;
  description?: string;
}

const contactOption = (c: Contact): RemoteOption => ({
  value: c.id,
  label: c.email ? `${c.name} · ${c.email}` : c.name,
  text: c.name,
});

/**
 * Staff start a return for a customer: order lines of the customer's orders and/or serial numbers of their
 * installed base, a reason, the outcome wanted. From a case (`?caseId=&customerId=&contactId=`) the customer and
 * contact are filled in and the return is linked to the case.
 */
export default function ReturnNewPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const handleError = useApiError();
  const [params] = useSearchParams();
  const caseId = params.get('caseId');
  const customerId = Form.useWatch('customerId', form);
  const orderId = Form.useWatch('orderId', form);
  const customerOrders = orders.useList({ customerId, pageSize: 100 }, { enabled: !!customerId });
  const order = orders.useOne(orderId);
  const reasons = useReturnReasons();
  const create = useCreateReturn();
  return (
    <>
      <PageHeader title={t('returns.new.title')} subtitle={caseId ? t('returns.new.fromCase') : undefined} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 880 }}
          data-testid="return-new-form"
          initialValues={{
            customerId: params.get('customerId') ?? undefined,
            contactId: params.get('contactId'),
            outcome: 'refund',
            orderLineIds: [],
            serialNumbers: [],
          }}
          onFinish={(v) =>
            create.mutate(
              {
                customerId: v.customerId ?? '',
                ...(v.contactId ? { contactId: v.contactId } : {}),
                ...(caseId ? { caseId } : {}),
                lines: [
                  ...v.orderLineIds.map((orderLineId) => ({ orderLineId, quantity: 1 })),
                  ...v.serialNumbers.map((serialNumber) => ({
                    serialNumber: serialNumber.trim(),
                    quantity: 1,
                  })),
                ],
                reasonId: v.reasonId ?? '',
                outcome: v.outcome,
                ...(v.description?.trim() ? { description: v.description.trim() } : {}),
              },
              {
                onSuccess: (r) => {
                  void message.success(t('returns.new.created', { number: r.number }));
                  navigate(`/app/returns/${r.id}`, { replace: true });
                },
                onError: (e) => handleError(e, { form }),
              },
            )
          }
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="customerId"
                label={t('returns.customer')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <CustomerSelect
                  testId="return-new-customer"
                  onChange={(value) =>
                    form.setFieldsValue({
                      customerId: value ?? undefined,
                      contactId: null,
                      orderId: undefined,
                      orderLineIds: [],
                    })
                  }
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="contactId"
                label={t('returns.new.contact')}
                extra={t('returns.new.contactHelp')}
              >
                <RemoteSelect<Contact>
                  path="/contacts"
                  params={{ customerId }}
                  toOption={contactOption}
                  disabled={!customerId}
                  testId="return-new-contact"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="orderId" label={t('returns.order')}>
                <Select
                  allowClear
                  disabled={!customerId}
                  loading={!!customerId && customerOrders.isPending}
                  data-testid="return-new-order"
                  onChange={() => form.setFieldValue('orderLineIds', [])}
                  options={(customerOrders.data?.items ?? []).map((o) => ({
                    value: o.id,
                    label: `${o.number} · ${o.orderedAt}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="orderLineIds" label={t('returns.new.orderLines')}>
                <Select
                  mode="multiple"
                  disabled={!orderId}
                  data-testid="return-new-order-lines"
                  options={(order.data?.lines ?? []).map((l) => ({
                    value: l.id,
                    label: [l.productName, l.editionName, `× ${l.quantity}`].filter(Boolean).join(' · '),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="serialNumbers"
                label={t('returns.new.serialNumbers')}
                dependencies={['orderLineIds']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: string[] = []) =>
                      value.length || (getFieldValue('orderLineIds') as string[] | undefined)?.length
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('returns.new.pickSomething'))),
                  }),
                ]}
              >
                <Select
                  mode="tags"
                  open={false}
                  tokenSeparators={[',', ' ']}
                  data-testid="return-new-serials"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="reasonId"
                label={t('returns.reason')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Select
                  loading={reasons.isPending}
                  data-testid="return-new-reason"
                  options={(reasons.data ?? [])
                    .filter((r) => r.active)
                    .map((r) => ({
                      value: r.id,
                      label: r.label[i18n.language === 'en' ? 'en' : 'zh-CN'] || r.code,
                    }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="outcome" label={t('returns.outcome')}>
                <Radio.Group
                  data-testid="return-new-outcome"
                  options={ReturnOutcomes.map((o) => ({ value: o, label: t(`returns.outcomes.${o}`) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={t('returns.description')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10_000} />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending}
              data-testid="return-new-submit"
            >
              {t('returns.new.submit')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
