import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  Modal,
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
import { CaseSeverities, type Macro, type MacroActions } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { DeleteButton } from '../../ui/DeleteButton';
import { useCan } from '../../features/auth/session';
import { useDeleteMacro, useMacros, useSaveMacro } from '../../features/macros/api';
import { describeActions, MACRO_VARIABLES } from '../../features/macros/describe';

interface Values {
  name: string;
  shared: boolean;
  body: { 'zh-CN': string; en: string };
  actions: {
    status?: MacroActions['status'] | null;
    severity?: MacroActions['severity'] | null;
    assignToMe?: boolean;
  };
}

function MacroModal({ macro, open, onClose }: { macro: Macro | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const save = useSaveMacro();
  const handleError = useApiError();
  const vars = MACRO_VARIABLES.map((v) => `{{${v}}}`).join('  ');
  return (
    <Modal
      open={open}
      width={720}
      title={macro ? t('macros.editTitle') : t('macros.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'macro-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          macro
            ? { name: macro.name, shared: macro.shared, body: macro.body, actions: macro.actions }
            : { shared: false, body: { 'zh-CN': '', en: '' }, actions: {} }
        }
        onFinish={(v) => {
          const actions: MacroActions = {
            ...(v.actions.status ? { status: v.actions.status } : {}),
            ...(v.actions.severity ? { severity: v.actions.severity } : {}),
            ...(v.actions.assignToMe ? { assignToMe: true } : {}),
          };
          const body = { name: v.name.trim(), shared: v.shared, body: v.body, actions };
          save.mutate(
            { id: macro?.id ?? null, body: macro ? { ...body, version: macro.version } : body },
            { onSuccess: onClose, onError: (error) => handleError(error, { form }) },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('macros.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="macro-name" />
        </Form.Item>
        {can('macros.manage') ? (
          <Form.Item name="shared" valuePropName="checked" extra={t('macros.sharedHelp')}>
            <Checkbox data-testid="macro-shared">{t('macros.shared')}</Checkbox>
          </Form.Item>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('macros.bodyHelp', { vars, interpolation: { escapeValue: false } })}
        </Typography.Paragraph>
        <Form.Item name={['body', 'zh-CN']} label={t('macros.bodyZh')}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={10_000}
            data-testid="macro-body-zh"
          />
        </Form.Item>
        <Form.Item name={['body', 'en']} label={t('macros.bodyEn')}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={10_000}
            data-testid="macro-body-en"
          />
        </Form.Item>
        <Typography.Text strong>{t('macros.actions')}</Typography.Text>
        <Space wrap style={{ marginTop: 8 }}>
          <Form.Item name={['actions', 'status']} label={t('macros.actionStatus')}>
            <Select
              allowClear
              style={{ minWidth: 160 }}
              options={(['open', 'pending'] as const).map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name={['actions', 'severity']} label={t('macros.actionSeverity')}>
            <Select
              allowClear
              style={{ minWidth: 160 }}
              options={CaseSeverities.map((s) => ({ value: s, label: `${s} · ${t(`caseSeverity.${s}`)}` }))}
            />
          </Form.Item>
          <Form.Item name={['actions', 'assignToMe']} valuePropName="checked" label=" ">
            <Checkbox>{t('macros.assignToMe')}</Checkbox>
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export default function MacrosPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const macros = useMacros();
  const remove = useDeleteMacro();
  const [editing, setEditing] = useState<Macro | null>(null);
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    setEditing(null);
  };
  const columns: TableColumnsType<Macro> = [
    { title: t('macros.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('macros.shared'),
      key: 'shared',
      width: 100,
      render: (_, m) =>
        m.shared ? <Tag color="blue">{t('macros.shared')}</Tag> : <Tag>{t('macros.personal')}</Tag>,
    },
    {
      title: t('macros.actions'),
      key: 'actions',
      responsive: ['md'],
      render: (_, m) => describeActions(m.actions, t) || t('macros.noActions'),
    },
    {
      title: t('common.actions'),
      key: 'ops',
      width: 200,
      render: (_, m) =>
        m.actionsAllowed.includes('update') ? (
          <Space>
            <Button
              onClick={() => {
                setEditing(m);
                setOpen(true);
              }}
            >
              {t('common.edit')}
            </Button>
            <DeleteButton
              onConfirm={() =>
                remove.mutate(m.id, {
                  onSuccess: () => void message.success(t('common.deleted')),
                  onError: (error) => handleError(error),
                })
              }
            />
          </Space>
        ) : null,
    },
  ];
  return (
    <div>
      <PageHeader
        title={t('macros.title')}
        subtitle={t('macros.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="macro-create"
          >
            {t('macros.create')}
          </Button>
        }
      />
      <Card>
        {macros.error ? (
          <QueryError error={macros.error} onRetry={() => void macros.refetch()} />
        ) : (
          <Table<Macro>
            rowKey="id"
            columns={columns}
            dataSource={macros.data ?? []}
            loading={macros.isPending}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t('macros.empty')} /> }}
            data-testid="macros-table"
          />
        )}
      </Card>
      <MacroModal macro={editing} open={open} onClose={close} key={editing?.id ?? 'new'} />
    </div>
  );
}
