import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CaseTypes,
  UnknownSenderPolicies,
  type CaseType,
  type MailChannel,
  type MailChannelKind,
  type UnknownSenderPolicy,
} from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { DeleteButton } from '../../ui/DeleteButton';
import { useTeams } from '../../features/teams/api';
import {
  useDeleteMailChannel,
  useMailChannels,
  useSaveMailChannel,
  useTestMailChannel,
} from '../../features/mail-channels/api';

interface Values {
  kind: MailChannelKind;
  name: string;
  address: string;
  teamId: string | null;
  caseType: CaseType;
  unknownSender: UnknownSenderPolicy;
  enabled: boolean;
  imapHost?: string;
  imapPort?: number;
  imapTls?: boolean;
  imapUser?: string;
  imapPassword?: string;
  imapFolder?: string;
  pollSeconds?: number;
}

function ChannelModal({
  channel,
  open,
  onClose,
}: {
  channel: MailChannel | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveMailChannel();
  const teams = useTeams(open);
  const handleError = useApiError();
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'smtp';
  const initial: Values = channel
    ? {
        kind: channel.kind,
        name: channel.name,
        address: channel.address,
        teamId: channel.teamId,
        caseType: channel.caseType,
        unknownSender: channel.unknownSender,
        enabled: channel.enabled,
        ...(channel.imap
          ? {
              imapHost: channel.imap.host,
              imapPort: channel.imap.port,
              imapTls: channel.imap.tls,
              imapUser: channel.imap.user,
              imapFolder: channel.imap.folder,
              pollSeconds: channel.imap.pollSeconds,
            }
          : {}),
      }
    : {
        kind: 'smtp',
        name: '',
        address: '',
        teamId: null,
        caseType: 'question',
        unknownSender: 'create_contact',
        enabled: true,
        imapPort: 993,
        imapTls: true,
        imapFolder: 'INBOX',
        pollSeconds: 60,
      };
  return (
    <Modal
      open={open}
      width={640}
      title={channel ? t('mailChannels.editTitle') : t('mailChannels.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'mail-channel-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(v) => {
          const common = {
            name: v.name.trim(),
            address: v.address.trim(),
            teamId: v.teamId ?? null,
            caseType: v.caseType,
            unknownSender: v.unknownSender,
            enabled: v.enabled,
          };
          const imap =
            v.kind === 'imap'
              ? {
                  imapHost: v.imapHost?.trim(),
                  imapPort: v.imapPort,
                  imapTls: v.imapTls,
                  imapUser: v.imapUser?.trim(),
                  imapFolder: v.imapFolder?.trim() || 'INBOX',
                  pollSeconds: v.pollSeconds,
                  ...(v.imapPassword ? { imapPassword: v.imapPassword } : {}),
                }
              : {};
          const body = channel
            ? { ...common, ...imap, version: channel.version }
            : { kind: v.kind, ...common, ...imap };
          save.mutate(
            { id: channel?.id ?? null, body },
            { onSuccess: onClose, onError: (error) => handleError(error, { form }) },
          );
        }}
      >
        <Form.Item name="kind" label={t('mailChannels.kind')}>
          <Radio.Group disabled={Boolean(channel)} data-testid="mail-channel-kind">
            <Radio.Button value="smtp">{t('mailChannels.kinds.smtp')}</Radio.Button>
            <Radio.Button value="imap">{t('mailChannels.kinds.imap')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="name"
          label={t('mailChannels.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="mail-channel-name" />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('mailChannels.address')}
          extra={kind === 'smtp' ? t('mailChannels.addressHelpSmtp') : t('mailChannels.addressHelpImap')}
          rules={[{ required: true, type: 'email', message: t('validation.required') }]}
        >
          <Input maxLength={254} placeholder="support@example.com" data-testid="mail-channel-address" />
        </Form.Item>
        {kind === 'imap' ? (
          <>
            <Space wrap align="start">
              <Form.Item
                name="imapHost"
                label={t('mailChannels.imapHost')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input
                  style={{ width: 240 }}
                  placeholder="imap.example.com"
                  data-testid="mail-channel-host"
                />
              </Form.Item>
              <Form.Item name="imapPort" label={t('mailChannels.imapPort')}>
                <InputNumber min={1} max={65535} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="imapTls" label={t('mailChannels.imapTls')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              <Form.Item
                name="imapUser"
                label={t('mailChannels.imapUser')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input style={{ width: 240 }} autoComplete="off" data-testid="mail-channel-user" />
              </Form.Item>
              <Form.Item
                name="imapPassword"
                label={t('mailChannels.imapPassword')}
                extra={channel?.imap?.hasPassword ? t('mailChannels.imapPasswordKeep') : undefined}
                rules={
                  channel?.imap?.hasPassword ? [] : [{ required: true, message: t('validation.required') }]
                }
              >
                <Input.Password
                  style={{ width: 240 }}
                  autoComplete="new-password"
                  data-testid="mail-channel-password"
                />
              </Form.Item>
            </Space>
            <Space wrap align="start">
              <Form.Item name="imapFolder" label={t('mailChannels.imapFolder')}>
                <Input style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="pollSeconds" label={t('mailChannels.pollSeconds')}>
                <InputNumber min={30} max={86400} style={{ width: 140 }} />
              </Form.Item>
            </Space>
          </>
        ) : null}
        <Form.Item name="teamId" label={t('mailChannels.team')}>
          <Select
            allowClear
            placeholder={t('mailChannels.teamNone')}
            loading={teams.isPending}
            options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="caseType" label={t('mailChannels.caseType')}>
            <Select
              style={{ width: 180 }}
              options={CaseTypes.map((c) => ({ value: c, label: t(`caseType.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="unknownSender" label={t('mailChannels.unknownSender')}>
            <Select
              style={{ width: 220 }}
              options={UnknownSenderPolicies.map((p) => ({
                value: p,
                label: t(`mailChannels.unknownSenders.${p}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('mailChannels.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export default function MailChannelsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const handleError = useApiError();
  const channels = useMailChannels();
  const remove = useDeleteMailChannel();
  const test = useTestMailChannel();
  const [editing, setEditing] = useState<MailChannel | null>(null);
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    setEditing(null);
  };
  const runTest = (c: MailChannel) =>
    test.mutate(c.id, {
      onSuccess: (r) =>
        r.ok
          ? void message.success(t('mailChannels.testOk', { count: r.messages ?? 0 }))
          : void message.error(t('mailChannels.testFailed', { error: r.error ?? '' })),
      onError: (error) => handleError(error),
    });
  const columns: TableColumnsType<MailChannel> = [
    {
      title: t('mailChannels.name'),
      key: 'name',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{c.name}</Typography.Text>
          <Typography.Text type="secondary" copyable>
            {c.address}
          </Typography.Text>
          {c.lastError ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('mailChannels.lastError', { error: c.lastError })}
            </Typography.Text>
          ) : c.polledAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('mailChannels.polledAt', { at: formatDateTime(c.polledAt, locale) })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('mailChannels.kind'),
      key: 'kind',
      render: (_, c) => (
        <Space wrap>
          <Tag color={c.kind === 'smtp' ? 'blue' : 'purple'}>{t(`mailChannels.kinds.${c.kind}`)}</Tag>
          {c.enabled ? null : <Tag>{t('mailChannels.disabled')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('mailChannels.team'),
      key: 'team',
      responsive: ['md'],
      render: (_, c) => c.teamName ?? t('mailChannels.teamNone'),
    },
    {
      title: t('mailChannels.caseType'),
      key: 'caseType',
      responsive: ['lg'],
      render: (_, c) => t(`caseType.${c.caseType}`),
    },
    {
      title: t('common.actions'),
      key: 'ops',
      render: (_, c) =>
        c.actions.includes('update') ? (
          <Space wrap>
            {c.actions.includes('test') ? (
              <Button
                icon={<ApiOutlined />}
                loading={test.isPending && test.variables === c.id}
                onClick={() => runTest(c)}
                data-testid="mail-channel-test"
              >
                {t('mailChannels.test')}
              </Button>
            ) : null}
            <Button
              onClick={() => {
                setEditing(c);
                setOpen(true);
              }}
            >
              {t('common.edit')}
            </Button>
            <DeleteButton
              onConfirm={() =>
                remove.mutate(c.id, {
                  onSuccess: () => void message.success(t('common.deleted')),
                  onError: (error) => handleError(error),
                })
              }
            />
          </Space>
        ) : null,
    },
  ];
  const port = channels.data?.smtpReceiverPort ?? null;
  return (
    <div>
      <PageHeader
        title={t('mailChannels.title')}
        subtitle={t('mailChannels.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="mail-channel-create"
          >
            {t('mailChannels.create')}
          </Button>
        }
      />
      {channels.data ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={port ? 'info' : 'warning'}
          showIcon
          message={port ? t('mailChannels.receiverOn', { port }) : t('mailChannels.receiverOff')}
          data-testid="mail-receiver-hint"
        />
      ) : null}
      <Card>
        {channels.error ? (
          <QueryError error={channels.error} onRetry={() => void channels.refetch()} />
        ) : (
          <Table<MailChannel>
            rowKey="id"
            columns={columns}
            dataSource={channels.data?.items ?? []}
            loading={channels.isPending}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t('mailChannels.empty')} /> }}
            data-testid="mail-channels-table"
          />
        )}
      </Card>
      <ChannelModal channel={editing} open={open} onClose={close} key={editing?.id ?? 'new'} />
    </div>
  );
}
