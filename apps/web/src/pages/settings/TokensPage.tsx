import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { CopyField } from '../../ui/CopyField';
import {
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
  type TokenCreated,
} from '../../features/settings/api';

interface Values {
  name: string;
  scope: ApiToken['scope'];
  expiresAt?: Dayjs | null;
}

function CreateTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiToken();
  const handleError = useApiError();
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const close = () => {
    setCreated(null);
    create.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={created ? t('tokens.createdTitle') : t('tokens.createTitle')}
      onCancel={close}
      destroyOnHidden
      maskClosable={!created}
      footer={
        created ? (
          <Button type="primary" onClick={close} data-testid="token-done">
            {t('tokens.savedIt')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={create.isPending}
              onClick={() => form.submit()}
              data-testid="token-submit"
            >
              {t('tokens.create')}
            </Button>
          </Space>
        )
      }
    >
      {created ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('tokens.secretOnce')} />
          <Typography.Text strong>{created.token.name}</Typography.Text>
          <CopyField value={created.secret} testId="token-secret" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tokens.usage')}
          </Typography.Text>
        </Space>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ scope: 'read' }}
          onFinish={(values) =>
            create.mutate(
              {
                name: values.name.trim(),
                scope: values.scope,
                ...(values.expiresAt ? { expiresAt: values.expiresAt.endOf('day').toISOString() } : {}),
              },
              { onSuccess: setCreated, onError: (error) => handleError(error, { form }) },
            )
          }
        >
          <Form.Item
            name="name"
            label={t('tokens.name')}
            extra={t('tokens.nameHelp')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input data-testid="token-name" />
          </Form.Item>
          <Form.Item name="scope" label={t('tokens.scope')}>
            <Radio.Group data-testid="token-scope">
              <Space direction="vertical">
                {(['read', 'write', 'admin'] as const).map((s) => (
                  <Radio key={s} value={s}>
                    <Typography.Text strong>{t(`tokens.scopes.${s}`)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{t(`tokens.scopeHelp.${s}`)}</Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="expiresAt" label={`${t('tokens.expiresAt')} ${t('common.optional')}`}>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              placeholder={t('tokens.never')}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export default function TokensPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);

  const columns: TableColumnsType<ApiToken> = [
    {
      key: 'name',
      title: t('tokens.name'),
      render: (_, tok) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{tok.name}</Typography.Text>
          <Typography.Text type="secondary" className="secret-box" style={{ fontSize: 12 }}>
            {tok.prefix}…
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'scope',
      title: t('tokens.scope'),
      render: (_, tok) => <Tag>{t(`tokens.scopes.${tok.scope}`)}</Tag>,
    },
    {
      key: 'status',
      title: t('common.status'),
      render: (_, tok) =>
        tok.revokedAt ? (
          <Tag color="red">{t('tokens.revoked')}</Tag>
        ) : tok.expiresAt && new Date(tok.expiresAt) < new Date() ? (
          <Tag>{t('tokens.expired')}</Tag>
        ) : (
          <Tag color="green">{t('tokens.active')}</Tag>
        ),
    },
    {
      key: 'createdAt',
      title: t('common.createdAt'),
      responsive: ['md'],
      render: (_, tok) => formatDateTime(tok.createdAt, locale),
    },
    {
      key: 'lastUsedAt',
      title: t('tokens.lastUsed'),
      responsive: ['md'],
      render: (_, tok) => formatDateTime(tok.lastUsedAt, locale),
    },
    {
      key: 'expiresAt',
      title: t('tokens.expiresAt'),
      responsive: ['lg'],
      render: (_, tok) => (tok.expiresAt ? formatDateTime(tok.expiresAt, locale) : t('tokens.never')),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, tok) =>
        tok.actions.includes('revoke') ? (
          <Popconfirm
            title={t('tokens.revokeConfirm')}
            description={t('tokens.revokeHelp')}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              revoke.mutate(tok.id, {
                onSuccess: () => void message.success(t('tokens.revokedMsg')),
                onError: (error) => handleError(error),
              })
            }
          >
            <Button type="link" size="small" danger data-testid={`token-revoke-${tok.name}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.tokens')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="token-create"
          >
            {t('tokens.create')}
          </Button>
        }
      />
      <Card>
        {tokens.error ? (
          <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : (
          <Table<ApiToken>
            rowKey="id"
            columns={columns}
            dataSource={tokens.data}
            loading={tokens.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="tokens-table"
            locale={{
              emptyText: (
                <Empty
                  image={<KeyOutlined style={{ fontSize: 40, color: '#bfbfbf' }} />}
                  description={t('tokens.empty')}
                >
                  <Button type="primary" onClick={() => setOpen(true)}>
                    {t('tokens.create')}
                  </Button>
                </Empty>
              ),
            }}
          />
        )}
      </Card>
      <CreateTokenModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}
