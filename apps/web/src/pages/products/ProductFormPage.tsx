import { App, Button, Card, Col, Form, Input, InputNumber, Row, Skeleton, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Product, ProductCreate } from '@aftercare/contracts';
import { blankToNull } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { products } from '../../features/products/api';

interface Values {
  sku: string;
  name: string;
  category?: string;
  description?: string;
  warrantyMonths: number;
  returnWindowDays: number;
  active?: boolean;
  editions?: { code: string; name: string }[];
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

function ProductForm({ product }: { product?: Product }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const create = products.useCreate();
  const update = products.useUpdate();
  const handleError = useApiError();
  const { message } = App.useApp();

  const submit = (values: Values) => {
    const fields = {
      sku: values.sku.trim(),
      name: values.name.trim(),
      category: blankToNull(values.category),
      description: blankToNull(values.description),
      warrantyMonths: values.warrantyMonths,
      returnWindowDays: values.returnWindowDays,
    };
    if (product) {
      update.mutate(
        { id: product.id, patch: { ...fields, active: values.active ?? true, version: product.version } },
        {
          onSuccess: (saved) => {
            void message.success(t('common.saved'));
            navigate(`/app/products/${saved.id}`);
          },
          onError: (error) => handleError(error, { form }),
        },
      );
    } else {
      const body: ProductCreate = {
        ...fields,
        editions: (values.editions ?? [])
          .filter((e) => e.code?.trim() && e.name?.trim())
          .map((e) => ({ code: e.code.trim(), name: e.name.trim() })),
      };
      create.mutate(body, {
        onSuccess: (saved) => {
          void message.success(t('products.created'));
          navigate(`/app/products/${saved.id}`, { replace: true });
        },
        onError: (error) => handleError(error, { form }),
      });
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      scrollToFirstError
      data-testid="product-form"
      initialValues={
        product
          ? {
              ...product,
              category: product.category ?? undefined,
              description: product.description ?? undefined,
            }
          : { warrantyMonths: 12, returnWindowDays: 7, editions: [] }
      }
      onFinish={submit}
    >
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="sku"
              label={t('products.sku')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { pattern: SKU, message: t('validation.code') },
                { max: 64 },
              ]}
            >
              <Input data-testid="product-sku" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={t('products.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input data-testid="product-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="category" label={t('products.category')}>
              <Input data-testid="product-category" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="warrantyMonths"
              label={t('products.warrantyMonths')}
              extra={t('products.warrantyHelp')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber
                min={0}
                max={240}
                precision={0}
                style={{ width: '100%' }}
                data-testid="product-warranty"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="returnWindowDays"
              label={t('products.returnWindowDays')}
              extra={t('products.returnHelp')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber
                min={0}
                max={3650}
                precision={0}
                style={{ width: '100%' }}
                data-testid="product-return"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('products.description')}>
              <Input.TextArea rows={3} data-testid="product-description" />
            </Form.Item>
          </Col>
          {product ? (
            <Col xs={24}>
              <Form.Item
                name="active"
                label={t('products.active')}
                extra={t('products.activeHelp')}
                valuePropName="checked"
              >
                <Switch data-testid="product-active" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Card>
      {!product ? (
        <Card title={t('products.editions')} extra={t('products.editionsHelp')} style={{ marginBottom: 16 }}>
          <Form.List name="editions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" wrap style={{ display: 'flex' }}>
                    <Form.Item
                      name={[field.name, 'code']}
                      rules={[
                        { required: true, message: t('validation.required') },
                        { pattern: SKU, message: t('validation.code') },
                      ]}
                    >
                      <Input
                        placeholder={t('products.editionCode')}
                        data-testid={`product-edition-${index}-code`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <Input
                        placeholder={t('products.editionName')}
                        data-testid={`product-edition-${index}-name`}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.remove')}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ code: '', name: '' })}
                  data-testid="product-add-edition"
                >
                  {t('products.addEdition')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      ) : null}
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending}
          data-testid="product-save"
        >
          {product ? t('common.save') : t('products.create')}
        </Button>
        <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

export default function ProductFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, isPending, error, refetch } = products.useOne(id);
  if (!id) {
    return (
      <>
        <PageHeader title={t('products.create')} />
        <ProductForm />
      </>
    );
  }
  return (
    <>
      <PageHeader title={data ? t('products.editTitle', { name: data.name }) : t('common.edit')} />
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <ProductForm key={data.version} product={data} />
      )}
    </>
  );
}
