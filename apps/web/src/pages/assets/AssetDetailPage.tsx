import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Tag,
} from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AssetStatuses, type Asset } from '@aftercare/contracts';
import { blankToNull, formatDate, formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { History } from '../../ui/History';
import { useCan } from '../../features/auth/session';
import { assets } from '../../features/assets/api';
import { WarrantyTag } from '../../features/assets/WarrantyTag';

interface Values {
  status: Asset['status'];
  purchaseDate?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  notes?: string;
}

function EditAssetModal({ asset, open, onClose }: { asset: Asset; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = assets.useUpdate();
  const handleError = useApiError();
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title={t('assets.editTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          status: asset.status,
          purchaseDate: asset.purchaseDate ? dayjs(asset.purchaseDate) : null,
          warrantyEnd: asset.warrantyEnd ? dayjs(asset.warrantyEnd) : null,
          notes: asset.notes ?? '',
        }}
        onFinish={(values) =>
          update.mutate(
            {
              id: asset.id,
              patch: {
                status: values.status,
                purchaseDate: values.purchaseDate ? values.purchaseDate.format('YYYY-MM-DD') : null,
                warrantyEnd: values.warrantyEnd ? values.warrantyEnd.format('YYYY-MM-DD') : null,
                notes: blankToNull(values.notes),
                version: asset.version,
              },
            },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (error) => handleError(error, { form }),
            },
          )
        }
      >
        <Form.Item name="status" label={t('common.status')}>
          <Select
            options={AssetStatuses.map((s) => ({ value: s, label: t(`assetStatus.${s}`) }))}
            data-testid="asset-status"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="purchaseDate" label={t('assets.purchaseDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="warrantyEnd" label={t('assets.warrantyEnd')}>
              <DatePicker style={{ width: '100%' }} data-testid="asset-edit-warranty-end" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('common.notes')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function AssetDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = useParams();
  const can = useCan();
  const { data: asset, isPending, error, refetch } = assets.useOne(id);
  const [editing, setEditing] = useState(false);

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;

  return (
    <>
      <PageHeader
        title={asset.serialNumber}
        subtitle={`${asset.productName}${asset.editionName ? ` · ${asset.editionName}` : ''}`}
        tags={<WarrantyTag inWarranty={asset.inWarranty} warrantyEnd={asset.warrantyEnd} />}
        extra={
          asset.actions.includes('update') || can('assets.write') ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="asset-edit">
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={can('audit.read') ? 14 : 24}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="asset-details">
              <Descriptions.Item label={t('assets.customer')}>
                <Link to={`/app/customers/${asset.customerId}`}>{asset.customerName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('assets.product')}>
                <Link to={`/app/products/${asset.productId}`}>{asset.productName}</Link>
                {asset.editionName ? <Tag style={{ marginInlineStart: 6 }}>{asset.editionName}</Tag> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('assets.serialNumber')}>{asset.serialNumber}</Descriptions.Item>
              <Descriptions.Item label={t('common.status')}>
                {t(`assetStatus.${asset.status}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('assets.purchaseDate')}>
                {formatDate(asset.purchaseDate, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('assets.warrantyEnd')}>
                {formatDate(asset.warrantyEnd, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('assets.order')}>
                {asset.orderId ? (
                  <Link to={`/app/orders/${asset.orderId}`}>{asset.orderNumber ?? '…'}</Link>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.updatedAt')}>
                {formatDateTime(asset.updatedAt, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.notes')} span={{ xs: 1, md: 2 }}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{asset.notes || '—'}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {can('audit.read') ? (
          <Col xs={24} xl={10}>
            <Card title={t('history.title')}>
              <History path={`/assets/${asset.id}/history`} entity="asset" />
            </Card>
          </Col>
        ) : null}
      </Row>
      <EditAssetModal key={asset.version} asset={asset} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}
