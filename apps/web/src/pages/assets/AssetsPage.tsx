import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Radio, Row } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AssetCreate } from '@aftercare/contracts';
import { blankToNull } from '../../lib/format';
import { useListParams } from '../../lib/useListParams';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { SearchInput } from '../../ui/SearchInput';
import { useCan } from '../../features/auth/session';
import { assets } from '../../features/assets/api';
import { AssetsTable } from '../../features/assets/AssetsTable';
import { CustomerSelect } from '../../features/customers/CustomerSelect';
import { EditionSelect, ProductSelect } from '../../features/products/ProductSelect';

interface Values {
  customerId: string;
  productId: string;
  editionId?: string | null;
  serialNumber: string;
  purchaseDate?: Dayjs | null;
  warrantyEnd?: Dayjs | null;
  notes?: string;
}

function CreateAssetModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = assets.useCreate();
  const handleError = useApiError();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const productId = Form.useWatch('productId', form);
  return (
    <Modal
      open={open}
      title={t('assets.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        data-testid="asset-form"
        onFinish={(values) => {
          const body: AssetCreate = {
            customerId: values.customerId,
            productId: values.productId,
            editionId: values.editionId ?? null,
            serialNumber: values.serialNumber.trim(),
            purchaseDate: values.purchaseDate ? values.purchaseDate.format('YYYY-MM-DD') : null,
            ...(values.warrantyEnd ? { warrantyEnd: values.warrantyEnd.format('YYYY-MM-DD') } : {}),
            notes: blankToNull(values.notes),
          };
          create.mutate(body, {
            onSuccess: (asset) => {
              void message.success(t('assets.created'));
              onClose();
              navigate(`/app/assets/${asset.id}`);
            },
            onError: (error) => handleError(error, { form }),
          });
        }}
      >
        <Form.Item
          name="customerId"
          label={t('assets.customer')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <CustomerSelect testId="asset-customer" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item
              name="productId"
              label={t('assets.product')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <ProductSelect testId="asset-product" onChange={() => form.setFieldValue('editionId', null)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="editionId" label={t('products.edition')}>
              <EditionSelect productId={productId} testId="asset-edition" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="serialNumber"
          label={t('assets.serialNumber')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
        >
          <Input data-testid="asset-serial" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="purchaseDate" label={t('assets.purchaseDate')}>
              <DatePicker style={{ width: '100%' }} data-testid="asset-purchase-date" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="warrantyEnd" label={t('assets.warrantyEnd')} extra={t('assets.warrantyEndHelp')}>
              <DatePicker style={{ width: '100%' }} data-testid="asset-warranty-end" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('common.notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const FILTERS = ['warranty', 'customerId', 'productId'] as const;

export default function AssetsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const canWrite = can('assets.write');
  return (
    <>
      <PageHeader
        title={t('nav.assets')}
        subtitle={t('assets.subtitle')}
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="asset-create"
            >
              {t('assets.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <div className="toolbar">
          <SearchInput
            value={list.q}
            onChange={(q) => list.update({ q })}
            placeholder={t('assets.searchPlaceholder')}
            testId="assets-search"
          />
          <Radio.Group
            value={list.filters.warranty ?? ''}
            onChange={(e) => list.update({ warranty: (e.target.value as string) || undefined })}
            optionType="button"
            data-testid="assets-warranty-filter"
            options={[
              { value: '', label: t('common.all') },
              { value: 'in', label: t('assets.inWarranty') },
              { value: 'out', label: t('assets.outOfWarranty') },
            ]}
          />
          <div style={{ minWidth: 200 }}>
            <CustomerSelect
              value={list.filters.customerId}
              onChange={(customerId) => list.update({ customerId })}
              testId="assets-customer-filter"
            />
          </div>
          <div style={{ minWidth: 200 }}>
            <ProductSelect
              value={list.filters.productId}
              onChange={(productId) => list.update({ productId })}
              testId="assets-product-filter"
            />
          </div>
        </div>
        <AssetsTable
          filters={{ q: list.q || undefined, ...list.filters }}
          paging={{ page: list.page, pageSize: list.pageSize, sort: list.sort, onChange: list.update }}
          empty={
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={list.hasFilters ? t('assets.emptyFiltered') : t('assets.empty')}
            >
              {canWrite && !list.hasFilters ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('assets.create')}
                </Button>
              ) : null}
            </Empty>
          }
        />
      </Card>
      <CreateAssetModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
