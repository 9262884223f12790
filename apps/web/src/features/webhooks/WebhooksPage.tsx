import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WebhookEventTypes,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { DeleteButton } from '../../ui/DeleteButton';
import { CopyField } from '../../ui/CopyField';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhooks,
} from './api';
import { DeliveryLog } from './DeliveryLog';
import { PrivateTargetsSwitch } from './PrivateTargetsSwitch';

interface Values {
  url: string;
  description?: string;
  eventTypes: string[];
  enabled: boolean;
}

const families = [...new Set(WebhookEventTypes.map((e) => `${e.split('.')[0]}.*`))];
const EVENT_OPTIONS = ['*', ...families, ...WebhookEventTypes.filter((e) => e !== 'webhook.test')];

function EndpointModal({
  endpoint,
  open,
  onClose,
  onCreated,
}: {
  endpoint: WebhookEndpoint | null;
  open: boolean;
  onClose: () => void;
  onCreated: (created: WebhookEndpointWithSecret) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const handleError = useApiError();
  return (
    <Modal
      open={open}
      width={640}
      title={endpoint ? t('webhooks.editTitle') : t('webhooks.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'webhook-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          endpoint
            ? {
                url: endpoint.url,
                description: endpoint.description ?? '',
                eventTypes: endpoint.eventTypes,
                enabled: endpoint.enabled,
              }
            : { eventTypes: ['case.*'], enabled: true }
        }
        onFinish={(v) => {
          const body = {
            url: v.url.trim(),
            description: v.description?.trim() || null,
            eventTypes: v.eventTypes,
            enabled: v.enabled,
          };
          if (endpoint)
            update.mutate(
              { id: endpoint.id, body: { ...body, version: endpoint.version } },
              { onSuccess: onClose, onError: (error) => handleError(error, { form }) },
            );
          else
            create.mutate(body, {
              onSuccess: (created) => {
                onClose();
                onCreated(created);
              },
              onError: (error) => handleError(error, { form }),
            });
        }}
      >
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={t('webhooks.urlHelp')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input
            placeholder="https://example.com/hooks/aftercare"
            maxLength={2000}
            data-testid="webhook-url"
          />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('webhooks.events')}
          extra={t('webhooks.eventsHelp')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            mode="multiple"
            data-testid="webhook-events"
            options={EVENT_OPTIONS.map((e) => ({ value: e, label: e === '*' ? t('webhooks.allEvents') : e }))}
          />
        </Form.Item>
        <Form.Item name="enabled" valuePropName="checked">
          <Checkbox>{t('integrations.enabled')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The signing secret, shown once after create or rotate. */
function SecretModal({ shown, onClose }: { shown: WebhookEndpointWithSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={shown !== null}
      title={t('webhooks.secretTitle')}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="webhook-secret-close">
          {t('common.close')}
        </Button>
      }
      destroyOnHidden
    >
      {shown ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('webhooks.secretOnce')} />
          <CopyField value={shown.secret} testId="webhook-secret" />
          <Typography.Paragraph type="secondary">{t('webhooks.verifyHelp')}</Typography.Paragraph>
        </Space>
      ) : null}
    </Modal>
  );
}

export default function WebhooksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const screens = Grid.useBreakpoint();
  const webhooks = useWebhooks();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const [editing, setEditing] = useState<WebhookEndpoint | null>(null);
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [logOf, setLogOf] = useState<WebhookEndpoint | null>(null);
  const columns: TableColumnsType<WebhookEndpoint> = [
    {
      title: t('webhooks.url'),
      key: 'url',
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <Typography.Text style={{ wordBreak: 'break-all' }}>{e.url}</Typography.Text>
          {e.description ? <Typography.Text type="secondary">{e.description}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('webhooks.events'),
      key: 'events',
      responsive: ['md'],
      render: (_, e) => e.eventTypes.map((x) => <Tag key={x}>{x === '*' ? t('webhooks.allEvents') : x}</Tag>),
    },
    {
      title: t('common.status'),
      key: 'enabled',
      width: 90,
      render: (_, e) =>
        e.enabled ? (
          <Tag color="green">{t('integrations.enabled')}</Tag>
        ) : (
          <Tag>{t('integrations.disabled')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'ops',
      render: (_, e) => (
        <Space wrap>
          <Button onClick={() => setLogOf(e)} data-testid="webhook-log">
            {t('integrations.log.title')}
          </Button>
          {e.actions.includes('update') ? (
            <Button
              onClick={() => {
                setEditing(e);
                setOpen(true);
              }}
            >
              {t('common.edit')}
            </Button>
          ) : null}
          {e.actions.includes('rotate_secret') ? (
            <Popconfirm
              title={t('webhooks.rotateConfirm')}
              onConfirm={() =>
                rotate.mutate(e.id, { onSuccess: setSecret, onError: (error) => handleError(error) })
              }
            >
              <Button>{t('webhooks.rotate')}</Button>
            </Popconfirm>
          ) : null}
          {e.actions.includes('delete') ? (
            <DeleteButton
              onConfirm={() =>
                remove.mutate(e.id, {
                  onSuccess: () => void message.success(t('common.deleted')),
                  onError: (error) => handleError(error),
                })
              }
            />
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <div>
      <PageHeader
        title={t('webhooks.title')}
        subtitle={t('webhooks.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="webhook-create"
          >
            {t('webhooks.create')}
          </Button>
        }
      />
      <PrivateTargetsSwitch />
      <Card>
        {webhooks.error ? (
          <QueryError error={webhooks.error} onRetry={() => void webhooks.refetch()} />
        ) : (
          <Table<WebhookEndpoint>
            rowKey="id"
            columns={columns}
            dataSource={webhooks.data ?? []}
            loading={webhooks.isPending}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t('webhooks.empty')} /> }}
            data-testid="webhooks-table"
          />
        )}
      </Card>
      <EndpointModal
        endpoint={editing}
        open={open}
        key={editing?.id ?? 'new'}
        onClose={() => {
          setOpen(false);
          setEditing(null);
        }}
        onCreated={setSecret}
      />
      <SecretModal shown={secret} onClose={() => setSecret(null)} />
      <Drawer
        open={logOf !== null}
        onClose={() => setLogOf(null)}
        width={screens.md ? 880 : '100%'}
        title={logOf ? `${t('integrations.log.title')} · ${logOf.url}` : ''}
        destroyOnHidden
      >
        {logOf ? <DeliveryLog base={`/webhooks/${logOf.id}`} /> : null}
      </Drawer>
    </div>
  );
}
