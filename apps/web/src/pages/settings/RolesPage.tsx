import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission, Role } from '@aftercare/contracts';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../../features/auth/session';
import { useDeleteRole, useRoles, useSaveRole, type RoleInput } from '../../features/settings/api';
import { permissionGroups } from '../../features/settings/permissionGroups';
import { roleName } from '../../features/settings/roleName';

function PermissionChecklist({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="permissions" noStyle>
      <Checkbox.Group style={{ width: '100%' }} disabled={disabled}>
        <Row gutter={[16, 12]}>
          {permissionGroups().map((group) => (
            <Col xs={24} sm={12} key={group.area}>
              <Typography.Text strong>{t(`permissionAreas.${group.area}`)}</Typography.Text>
              <div style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}>
                {group.permissions.map((p) => (
                  <Checkbox key={p} value={p} data-testid={`permission-${p}`}>
                    {t(`permissions.${p}`)}
                  </Checkbox>
                ))}
              </div>
            </Col>
          ))}
        </Row>
      </Checkbox.Group>
    </Form.Item>
  );
}

function RoleModal({ role, open, onClose }: { role: Role | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<RoleInput>();
  const save = useSaveRole();
  const handleError = useApiError();
  const { message } = App.useApp();
  const readOnly = !!role && !role.actions.includes('update');
  return (
    <Modal
      open={open}
      title={role ? (readOnly ? roleName(role, locale) : t('roles.editTitle')) : t('roles.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        readOnly ? (
          <Button onClick={onClose}>{t('common.close')}</Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="role-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {readOnly ? (
        <Typography.Paragraph type="secondary">
          <LockOutlined /> {t('roles.builtInHelp')}
        </Typography.Paragraph>
      ) : null}
      <Form<RoleInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: role ? roleName(role, locale) : '',
          permissions: (role?.permissions ?? []) as Permission[],
        }}
        onFinish={(values) =>
          save.mutate(
            { id: role?.id, body: { name: values.name.trim(), permissions: values.permissions ?? [] } },
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
        <Form.Item
          name="name"
          label={t('roles.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input disabled={readOnly} data-testid="role-name" />
        </Form.Item>
        <Form.Item label={t('roles.permissions')}>
          <PermissionChecklist disabled={readOnly} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function RolesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const roles = useRoles();
  const remove = useDeleteRole();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ role: Role | null } | null>(null);

  return (
    <>
      <PageHeader
        title={t('nav.roles')}
        subtitle={t('roles.subtitle')}
        extra={
          can('users.manage') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ role: null })}
              data-testid="role-create"
            >
              {t('roles.create')}
            </Button>
          ) : null
        }
      />
      {roles.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : roles.error ? (
        <QueryError error={roles.error} onRetry={() => void roles.refetch()} />
      ) : roles.data.length === 0 ? (
        <Card>
          <Empty description={t('roles.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {roles.data.map((role) => (
            <Col xs={24} md={12} xl={8} key={role.id}>
              <Card
                title={
                  <Space>
                    {roleName(role, locale)}
                    {role.builtIn ? <Tag icon={<LockOutlined />}>{t('roles.builtIn')}</Tag> : null}
                  </Space>
                }
                data-testid={`role-card-${role.key ?? role.name}`}
                actions={[
                  <Button key="open" type="link" onClick={() => setEditing({ role })}>
                    {role.actions.includes('update') ? t('common.edit') : t('common.view')}
                  </Button>,
                  ...(role.actions.includes('delete')
                    ? [
                        <Popconfirm
                          key="delete"
                          title={t('common.confirmDelete')}
                          description={t('roles.deleteHelp')}
                          okText={t('common.delete')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() =>
                            remove.mutate(role.id, {
                              onSuccess: () => void message.success(t('common.deleted')),
                              onError: (error) => handleError(error),
                            })
                          }
                        >
                          <Button type="link" danger>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []),
                ]}
              >
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('roles.permissionCount', { count: role.permissions.length })}
                </Typography.Paragraph>
                <Space size={[4, 4]} wrap>
                  {role.permissions.slice(0, 8).map((p) => (
                    <Tag key={p}>{t(`permissions.${p}`)}</Tag>
                  ))}
                  {role.permissions.length > 8 ? <Tag>+{role.permissions.length - 8}</Tag> : null}
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <RoleModal role={editing?.role ?? null} open={!!editing} onClose={() => setEditing(null)} />
    </>
  );
}
