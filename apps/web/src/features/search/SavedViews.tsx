import { App, Button, Checkbox, Dropdown, Form, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, MoreOutlined, SaveOutlined, TeamOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView, SavedViewQuery } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { useCreateSavedView, useDeleteSavedView, useSavedViews, useUpdateSavedView } from './api';
import { sameQuery } from './queueQuery';

interface NameForm {
  name: string;
  shared: boolean;
}

/** The dialog that names a view (save as new, or rename / share an existing one). */
function NameDialog({
  open,
  initial,
  title,
  saving,
  onSubmit,
  onClose,
}: {
  open: boolean;
  initial: NameForm;
  title: string;
  saving: boolean;
  onSubmit: (values: NameForm, form: ReturnType<typeof Form.useForm<NameForm>>[0]) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NameForm>();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'saved-view-submit' } as Record<string, string>}
    >
      <Form<NameForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(values) => onSubmit({ name: values.name.trim(), shared: !!values.shared }, form)}
      >
        <Form.Item
          name="name"
          label={t('search.views.name')}
          rules={[
            { required: true, whitespace: true, message: t('search.views.nameRequired') },
            { max: 60, message: t('search.views.nameTooLong') },
          ]}
        >
          <Input autoFocus maxLength={60} data-testid="saved-view-name" />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked" extra={t('search.views.sharedHelp')}>
          <Checkbox data-testid="saved-view-shared">{t('search.views.shared')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Saved views of the queue: one click applies a view's query (view, filters, search, sort); the current query
 * can be saved under a name, privately or for the whole workspace; own views (and, for admins, shared ones)
 * can be renamed, re-saved with the current query, or deleted.
 */
export function SavedViews({
  current,
  onApply,
}: {
  current: SavedViewQuery;
  onApply: (query: SavedViewQuery) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const handleError = useApiError();
  const views = useSavedViews();
  const create = useCreateSavedView();
  const update = useUpdateSavedView();
  const remove = useDeleteSavedView();
  const [dialog, setDialog] = useState<{ mode: 'create' } | { mode: 'edit'; view: SavedView } | null>(null);
  const items = views.data?.items ?? [];
  const active = items.find((v) => sameQuery(v.query, current));

  const submit = (values: NameForm, form: ReturnType<typeof Form.useForm<NameForm>>[0]) => {
    const done = (text: string) => {
      void message.success(text);
      setDialog(null);
    };
    if (dialog?.mode === 'edit') {
      update.mutate(
        { id: dialog.view.id, version: dialog.view.version, ...values },
        { onSuccess: () => done(t('search.views.saved')), onError: (e) => handleError(e, { form }) },
      );
    } else {
      create.mutate(
        { ...values, query: current },
        { onSuccess: () => done(t('search.views.saved')), onError: (e) => handleError(e, { form }) },
      );
    }
  };

  const menu = (v: SavedView) => ({
    items: [
      { key: 'rename', icon: <EditOutlined />, label: t('search.views.rename') },
      { key: 'overwrite', icon: <SaveOutlined />, label: t('search.views.overwrite') },
      { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('common.delete') },
    ],
    onClick: ({ key, domEvent }: { key: string; domEvent: { stopPropagation(): void } }) => {
      domEvent.stopPropagation();
      if (key === 'rename') setDialog({ mode: 'edit', view: v });
      if (key === 'overwrite')
        update.mutate(
          { id: v.id, version: v.version, query: current },
          { onSuccess: () => void message.success(t('search.views.saved')), onError: (e) => handleError(e) },
        );
      if (key === 'delete')
        modal.confirm({
          title: t('search.views.confirmDelete', { name: v.name }),
          okText: t('common.delete'),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: () =>
            remove.mutateAsync(v.id).then(
              () => void message.success(t('common.deleted')),
              (e: unknown) => handleError(e),
            ),
        });
    },
  });

  return (
    <div className="saved-views" style={{ marginBottom: 12 }} data-testid="saved-views">
      <Space size={[6, 6]} wrap>
        <Typography.Text type="secondary">{t('search.views.title')}</Typography.Text>
        {views.isPending ? <Typography.Text type="secondary">…</Typography.Text> : null}
        {!views.isPending && items.length === 0 ? (
          <Typography.Text type="secondary" data-testid="saved-views-empty">
            {t('search.views.empty')}
          </Typography.Text>
        ) : null}
        {items.map((v) => (
          <Tag.CheckableTag
            key={v.id}
            checked={active?.id === v.id}
            onChange={() => onApply(v.query)}
            data-testid={`saved-view-${v.name}`}
          >
            <Space size={4}>
              {v.shared ? (
                <Tooltip title={t('search.views.sharedBy', { name: v.ownerName })}>
                  <TeamOutlined />
                </Tooltip>
              ) : null}
              <span>{v.name}</span>
              {v.count !== undefined ? (
                <span className="case-count">{v.count >= 1000 ? '1000+' : v.count}</span>
              ) : null}
              {v.actions.includes('update') ? (
                <Dropdown menu={menu(v)} trigger={['click']}>
                  <MoreOutlined
                    aria-label={t('common.actions')}
                    onClick={(e) => e.stopPropagation()}
                    data-testid={`saved-view-menu-${v.name}`}
                  />
                </Dropdown>
              ) : null}
            </Space>
          </Tag.CheckableTag>
        ))}
        <Button
          size="small"
          icon={<SaveOutlined />}
          onClick={() => setDialog({ mode: 'create' })}
          disabled={!!active}
          data-testid="saved-view-save"
        >
          {t('search.views.save')}
        </Button>
      </Space>
      <NameDialog
        open={!!dialog}
        title={dialog?.mode === 'edit' ? t('search.views.editTitle') : t('search.views.saveTitle')}
        initial={
          dialog?.mode === 'edit'
            ? { name: dialog.view.name, shared: dialog.view.shared }
            : { name: '', shared: false }
        }
        saving={create.isPending || update.isPending}
        onSubmit={submit}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
