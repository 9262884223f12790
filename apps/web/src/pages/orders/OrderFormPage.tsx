import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { OrderStatuses, type OrderCreate } from '@aftercare/contracts';
import { blankToNull, formatMoney } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { orders } from '../../features/orders/api';
import { CustomerSelect } from '../../features/customers/CustomerSelect';
import { customers } from '../../features/customers/api';
import { EditionSelect, ProductSelect } from '../../features/products/ProductSelect';

interface LineValues {
  productId?: string | null;
  editionId?: string | null;
  quantity?: number;
  unitPrice?: number;
  serialNumbers?: string[];
}

interface Values {
  customerId: string;
  orderedAt: Dayjs;
  externalRef?: string;
  status: OrderCreate['status'];
  currency: string;
  lines: LineValues[];
}

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY'];
const emptyLine: LineValues = {
  productId: null,
  editionId: null,
  quantity: 1,
  unitPrice: 0,
  serialNumbers: [],
};

export default function OrderFormPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const presetCustomerId = params.get('customerId') ?? undefined;
  const preset = customers.useOne(presetCustomerId);
  const create = orders.useCreate();
  const handleError = useApiError();
  const { message } = App.useApp();
  const lines = Form.useWatch('lines', form);
  const currency = Form.useWatch('currency', form) ?? 'CNY';
  const totalCents = (lines ?? []).reduce(
    (sum, l) => sum + Math.round((l?.unitPrice ?? 0) * 100) * (l?.quantity ?? 0),
    0,
  );

  const submit = (values: Values) => {
    const body: OrderCreate = {
      customerId: values.customerId,
      orderedAt: values.orderedAt.format('YYYY-MM-DD'),
      externalRef: blankToNull(values.externalRef),
      status: values.status,
      currency: values.currency,
      lines: values.lines.map((l) => ({
        productId: l.productId ?? '',
        editionId: l.editionId ?? null,
        quantity: l.quantity ?? 1,
        unitPriceCents: Math.round((l.unitPrice ?? 0) * 100),
        serialNumbers: (l.serialNumbers ?? []).map((s) => s.trim()).filter(Boolean),
      })),
    };
    create.mutate(body, {
      onSuccess: (order) => {
        void message.success(t('orders.created', { number: order.number }));
        navigate(`/app/orders/${order.id}`, { replace: true });
      },
      onError: (error) =>
        handleError(error, { form, mapField: (f) => f.replace(/unitPriceCents$/, 'unitPrice') }),
    });
  };

  return (
    <>
      <PageHeader title={t('orders.create')} />
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        data-testid="order-form"
        initialValues={{
          customerId: presetCustomerId,
          orderedAt: dayjs(),
          status: 'open',
          currency: 'CNY',
          lines: [emptyLine],
        }}
        onFinish={submit}
      >
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="customerId"
                label={t('orders.customer')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <CustomerSelect knownName={preset.data?.name} testId="order-customer" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="orderedAt"
                label={t('orders.orderedAt')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="order-date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="status" label={t('common.status')}>
                <Select options={OrderStatuses.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={12}>
              <Form.Item
                name="externalRef"
                label={t('orders.externalRef')}
                extra={t('orders.externalRefHelp')}
              >
                <Input maxLength={64} data-testid="order-external-ref" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="currency" label={t('orders.currency')}>
                <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('orders.lines')} style={{ marginBottom: 16 }}>
          <Form.List
            name="lines"
            rules={[
              {
                validator: async (_, value: LineValues[] | undefined) => {
                  if (!value || value.length === 0) throw new Error(t('orders.needLine'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => {
                  const productId = lines?.[index]?.productId;
                  const line = lines?.[index];
                  return (
                    <div key={field.key} data-testid={`order-line-${index}`}>
                      {index > 0 ? <Divider style={{ margin: '8px 0 16px' }} /> : null}
                      <Row gutter={12} align="top">
                        <Col xs={24} md={8}>
                          <Form.Item
                            name={[field.name, 'productId']}
                            label={t('orders.product')}
                            rules={[{ required: true, message: t('validation.required') }]}
                          >
                            <ProductSelect
                              testId={`order-line-${index}-product`}
                              onChange={() => form.setFieldValue(['lines', field.name, 'editionId'], null)}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={5}>
                          <Form.Item name={[field.name, 'editionId']} label={t('products.edition')}>
                            <EditionSelect productId={productId} testId={`order-line-${index}-edition`} />
                          </Form.Item>
                        </Col>
                        <Col xs={8} md={3}>
                          <Form.Item
                            name={[field.name, 'quantity']}
                            label={t('orders.quantity')}
                            rules={[{ required: true, message: t('validation.required') }]}
                          >
                            <InputNumber
                              min={1}
                              precision={0}
                              style={{ width: '100%' }}
                              data-testid={`order-line-${index}-quantity`}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={10} md={4}>
                          <Form.Item
                            name={[field.name, 'unitPrice']}
                            label={t('orders.unitPrice')}
                            rules={[{ required: true, message: t('validation.required') }]}
                          >
                            <InputNumber
                              min={0}
                              precision={2}
                              style={{ width: '100%' }}
                              data-testid={`order-line-${index}-price`}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={6} md={4} style={{ textAlign: 'right' }}>
                          <Form.Item label={t('orders.subtotal')}>
                            <Space>
                              <Typography.Text>
                                {formatMoney(
                                  Math.round((line?.unitPrice ?? 0) * 100) * (line?.quantity ?? 0),
                                  locale,
                                  currency,
                                )}
                              </Typography.Text>
                              <Button
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                disabled={fields.length === 1}
                                onClick={() => remove(field.name)}
                                aria-label={t('common.remove')}
                                data-testid={`order-line-${index}-remove`}
                              />
                            </Space>
                          </Form.Item>
                        </Col>
                        <Col xs={24}>
                          <Form.Item
                            name={[field.name, 'serialNumbers']}
                            label={t('orders.serialNumbers')}
                            extra={t('orders.serialNumbersHelp')}
                          >
                            <Select
                              mode="tags"
                              open={false}
                              tokenSeparators={[',', '，', ' ', ';']}
                              data-testid={`order-line-${index}-serials`}
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    </div>
                  );
                })}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ ...emptyLine })}
                  data-testid="order-add-line"
                >
                  {t('orders.addLine')}
                </Button>
              </>
            )}
          </Form.List>
          <Divider />
          <div style={{ textAlign: 'right' }}>
            <Typography.Text type="secondary">{t('orders.total')}: </Typography.Text>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="order-total">
              {formatMoney(totalCents, locale, currency)}
            </Typography.Text>
          </div>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="order-save">
            {t('orders.create')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
