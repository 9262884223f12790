import { useState } from 'react';
import {
  App,
  Button,
  type ButtonProps,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ServiceCalendar } from '@aftercare/contracts';
import { isApiError } from '../../lib/api';
import { useApiError } from '../../lib/useApiError';
import { DeleteButton } from '../../ui/DeleteButton';
import { useCan } from '../auth/session';
import { useCalendarUsers, useCreateCalendar, useDeleteCalendar, useUpdateCalendar } from './api';
import { TEMPLATES, DEFAULT_ZONE } from './spec';

interface Props {
  calendars: ServiceCalendar[];
  selectedId: string | undefined;
  onSelect: (id: string | undefined) => void;
}

/** The workspace's calendars: pick one to edit, add, make default, delete. */
export function CalendarList({ calendars, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const handleError = useApiError();
  const remove = useDeleteCalendar();
  const update = useUpdateCalendar();
  const users = useCalendarUsers(can('cases.read'), can('customers.read'));
  const [creating, setCreating] = useState(false);

  const onDeleteError = (error: unknown) => {
    // The server answers `in_use` on the id: say it plainly rather than as a form error.
    if (isApiError(error) && error.fieldErrors.length > 0)
      void message.error(error.fieldErrors.map((f) => f.message).join('; '));
    else handleError(error);
  };

  return (
    <>
      <Table<ServiceCalendar>
        size="small"
        rowKey="id"
        dataSource={calendars}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('calendars.empty') }}
        rowClassName={(c) => (c.id === selectedId ? 'ant-table-row-selected' : '')}
        onRow={(c) => ({ onClick: () => onSelect(c.id), style: { cursor: 'pointer' } })}
        title={() =>
          can('sla.manage') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="calendar-create"
            >
              {t('calendars.create')}
            </Button>
          ) : null
        }
        columns={[
          {
            title: t('calendars.name'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <Space wrap size={4}>
                <Typography.Link data-testid={`calendar-row-${name}`}>{name}</Typography.Link>
                {c.isDefault ? <Tag color="blue">{t('calendars.default')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('calendars.timeZone'),
            key: 'zone',
            render: (_, c) => c.spec.timeZone ?? DEFAULT_ZONE,
          },
          {
            title: t('calendars.chinaOfficial'),
            key: 'china',
            render: (_, c) =>
              c.spec.useChinaOfficial ? (
                <Tag color="red">{t('calendars.follows')}</Tag>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('calendars.usedBy'),
            key: 'used',
            render: (_, c) => {
              const u = users.get(c.id);
              if (!u || u.policies.length + u.contracts.length === 0)
                return <Typography.Text type="secondary">—</Typography.Text>;
              return (
                <Space direction="vertical" size={0}>
                  {u.policies.length ? (
                    <Typography.Text title={u.policies.join(', ')}>
                      {t('calendars.policies', { count: u.policies.length })}
                    </Typography.Text>
                  ) : null}
                  {u.contracts.length ? (
                    <Typography.Text title={u.contracts.join(', ')}>
                      {t('calendars.contracts', { count: u.contracts.length })}
                    </Typography.Text>
                  ) : null}
                </Space>
              );
            },
          },
          {
            title: '',
            key: 'actions',
            render: (_, c) => (
              <Space size={4} onClick={(e) => e.stopPropagation()}>
                {c.actions.includes('makeDefault') ? (
                  <Button
                    size="small"
                    icon={<StarOutlined />}
                    loading={update.isPending && update.variables.id === c.id}
                    onClick={() =>
                      update.mutate(
                        { id: c.id, isDefault: true, version: c.version },
                        { onError: (e) => handleError(e) },
                      )
                    }
                  >
                    {t('calendars.makeDefault')}
                  </Button>
                ) : null}
                {c.actions.includes('delete') ? (
                  <DeleteButton
                    testId={`calendar-delete-${c.name}`}
                    loading={remove.isPending && remove.variables === c.id}
                    onConfirm={() =>
                      remove.mutate(c.id, {
                        onSuccess: () => {
                          void message.success(t('common.deleted'));
                          if (selectedId === c.id) onSelect(undefined);
                        },
                        onError: onDeleteError,
                      })
                    }
                  />
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <CreateDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          onSelect(id);
        }}
        selected={calendars.find((c) => c.id === selectedId)}
      />
    </>
  );
}

type Template = keyof typeof TEMPLATES | 'copy';

function CreateDialog({
  open,
  onClose,
  onCreated,
  selected,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
  selected: ServiceCalendar | undefined;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; template: Template }>();
  const create = useCreateCalendar();
  const handleError = useApiError();
  return (
    <Modal
      open={open}
      title={t('calendars.create')}
      onCancel={onClose}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'calendar-create-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: '', template: 'office' }}
        onFinish={(v) => {
          const spec =
            v.template === 'copy' && selected
              ? selected.spec
              : TEMPLATES[v.template === 'copy' ? 'office' : v.template];
          create.mutate(
            { name: v.name.trim(), spec },
            {
              onSuccess: (c) => onCreated(c.id),
              onError: (e) => handleError(e, { form }),
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('calendars.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} data-testid="calendar-create-name" autoFocus />
        </Form.Item>
        <Form.Item name="template" label={t('calendars.template')}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="office">{t('calendars.templates.office')}</Radio>
              <Radio value="allDay">{t('calendars.templates.allDay')}</Radio>
              <Radio value="empty">{t('calendars.templates.empty')}</Radio>
              {selected ? (
                <Radio value="copy">{t('calendars.templates.copy', { name: selected.name })}</Radio>
              ) : null}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
