import { App, Button, Card, Col, Descriptions, Row, Skeleton, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { DeleteButton } from '../../ui/DeleteButton';
import { History } from '../../ui/History';
import { useCan } from '../../features/auth/session';
import { products } from '../../features/products/api';
import { EditionsEditor } from '../../features/products/EditionsEditor';

export default function ProductDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const { data: product, isPending, error, refetch } = products.useOne(id);
  const remove = products.useRemove();
  const handleError = useApiError();
  const { message } = App.useApp();

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;

  const editable = product.actions.includes('update');
  return (
    <>
      <PageHeader
        title={product.name}
        subtitle={product.sku}
        tags={product.active ? null : <Tag>{t('products.inactive')}</Tag>}
        extra={
          <>
            {editable ? (
              <Link to={`/app/products/${product.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="product-edit">
                  {t('common.edit')}
                </Button>
              </Link>
            ) : null}
            {product.actions.includes('delete') ? (
              <DeleteButton
                testId="product-delete"
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(product.id, {
                    onSuccess: () => {
                      void message.success(t('common.deleted'));
                      navigate('/app/products', { replace: true });
                    },
                    onError: (err) => handleError(err),
                  })
                }
              />
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={can('audit.read') ? 16 : 24}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" data-testid="product-details">
              <Descriptions.Item label={t('products.sku')}>{product.sku}</Descriptions.Item>
              <Descriptions.Item label={t('products.category')}>{product.category ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('products.active')}>
                {product.active ? t('common.yes') : t('common.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('products.warrantyMonths')}>
                {t('products.months', { count: product.warrantyMonths })}
              </Descriptions.Item>
              <Descriptions.Item label={t('products.returnWindowDays')}>
                {t('products.days', { count: product.returnWindowDays })}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.updatedAt')}>
                {formatDateTime(product.updatedAt, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('products.description')} span={{ xs: 1, sm: 2, lg: 3 }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {product.description || '—'}
                </Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            title={t('products.editions')}
            extra={<Typography.Text type="secondary">{t('products.editionsHelp')}</Typography.Text>}
          >
            <EditionsEditor product={product} editable={editable} />
          </Card>
        </Col>
        {can('audit.read') ? (
          <Col xs={24} xl={8}>
            <Card title={t('history.title')}>
              <History path={`/products/${product.id}/history`} entity="product" />
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
