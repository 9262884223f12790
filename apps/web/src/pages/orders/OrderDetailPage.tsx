import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { OrderStatuses, type Order, type OrderLine } from '@aftercare/contracts';
import { blankToNull, formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { History } from '../../ui/History';
import { useCan } from '../../features/auth/session';
import { orders } from '../../features/orders/api';
import { OrderStatusTag } from '../../features/orders/OrderStatusTag';

function ExternalRefModal({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ externalRef?: string }>();
  const update = orders.useUpdate();
  const handleError = useApiError();
  return (
    <Modal
      open={open}
      title={t('orders.editExternalRef')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ externalRef: order.externalRef ?? '' }}
        onFinish={(values) =>
          update.mutate(
            { id: order.id, patch: { externalRef: blankToNull(values.externalRef), version: order.version } },
            { onSuccess: onClose, onError: (error) => handleError(error, { form }) },
          )
        }
      >
        <Form.Item name="externalRef" label={t('orders.externalRef')} extra={t('orders.externalRefHelp')}>
          <Input maxLength={64} data-testid="order-external-ref-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function OrderDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = useParams();
  const can = useCan();
  const { data: order, isPending, error, refetch } = orders.useOne(id);
  const update = orders.useUpdate();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [editingRef, setEditingRef] = useState(false);

  if (isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;

  const editable = order.actions.includes('update') || can('orders.write');
  const lines = order.lines ?? [];
  const columns: TableColumnsType<OrderLine> = [
    {
      key: 'product',
      title: t('orders.product'),
      render: (_, l) => (
        <Space direction="vertical" size={0}>
          <Link to={`/app/products/${l.productId}`}>{l.productName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.sku}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'edition', title: t('products.edition'), render: (_, l) => l.editionName ?? '—' },
    { key: 'quantity', title: t('orders.quantity'), dataIndex: 'quantity', align: 'right' },
    {
      key: 'unitPrice',
      title: t('orders.unitPrice'),
      align: 'right',
      render: (_, l) => formatMoney(l.unitPriceCents, locale, order.currency),
    },
    {
      key: 'subtotal',
      title: t('orders.subtotal'),
      align: 'right',
      render: (_, l) => formatMoney(l.unitPriceCents * l.quantity, locale, order.currency),
    },
    {
      key: 'serials',
      title: t('orders.serialNumbers'),
      render: (_, l) =>
        l.serialNumbers.length ? (
          <Space size={[4, 4]} wrap style={{ maxWidth: 360 }}>
            {l.serialNumbers.map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('orders.titleWithNumber', { number: order.number })}
        tags={<OrderStatusTag status={order.status} />}
        subtitle={<Link to={`/app/customers/${order.customerId}`}>{order.customerName}</Link>}
        extra={
          editable ? (
            <Space wrap>
              <Typography.Text type="secondary">{t('orders.changeStatus')}</Typography.Text>
              <Select
                value={order.status}
                style={{ minWidth: 130 }}
                loading={update.isPending}
                data-testid="order-status"
                options={OrderStatuses.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
                onChange={(status) =>
                  update.mutate(
                    { id: order.id, patch: { status, version: order.version } },
                    {
                      onSuccess: () => void message.success(t('common.saved')),
                      onError: (err) => handleError(err),
                    },
                  )
                }
              />
            </Space>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={can('audit.read') ? 16 : 24}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" data-testid="order-details">
              <Descriptions.Item label={t('orders.number')}>{order.number}</Descriptions.Item>
              <Descriptions.Item label={t('orders.customer')}>
                <Link to={`/app/customers/${order.customerId}`}>{order.customerName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.orderedAt')}>
                {formatDate(order.orderedAt, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.externalRef')}>
                <Space size={4}>
                  {order.externalRef ?? '—'}
                  {editable ? (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditingRef(true)}
                      aria-label={t('common.edit')}
                    />
                  ) : null}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.currency')}>{order.currency}</Descriptions.Item>
              <Descriptions.Item label={t('orders.total')}>
                <Typography.Text strong data-testid="order-detail-total">
                  {formatMoney(order.totalCents, locale, order.currency)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('common.createdAt')}>
                {formatDateTime(order.createdAt, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.updatedAt')}>
                {formatDateTime(order.updatedAt, locale)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('orders.linesCount', { count: lines.length })}>
            <Table<OrderLine>
              rowKey="id"
              columns={columns}
              dataSource={lines}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="order-lines"
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={4} align="right">
                    <Typography.Text strong>{t('orders.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <Typography.Text strong>
                      {formatMoney(order.totalCents, locale, order.currency)}
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} />
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Col>
        {can('audit.read') ? (
          <Col xs={24} xl={8}>
            <Card title={t('history.title')}>
              <History path={`/orders/${order.id}/history`} entity="order" />
            </Card>
          </Col>
        ) : null}
      </Row>
      <ExternalRefModal order={order} open={editingRef} onClose={() => setEditingRef(false)} />
    </>
  );
}
