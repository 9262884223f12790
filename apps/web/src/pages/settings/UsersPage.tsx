import {
  App,
  Badge,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CrownOutlined, MailOutlined, UserAddOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Department, InviteBody, Locale, Role, User } from '@aftercare/contracts';
import { LANGUAGES } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { useApiError } from '../../lib/useApiError';
import { useListParams } from '../../lib/useListParams';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { SearchInput } from '../../ui/SearchInput';
import { History } from '../../ui/History';
import { useCan, useSignedIn } from '../../features/auth/session';
import {
  useDepartments,
  useInvite,
  useResendInvite,
  useRoles,
  useUpdateUser,
  useUsers,
  type MembershipInput,
} from '../../features/settings/api';
import { MembershipsField } from '../../features/settings/MembershipsField';
import { InviteLinkResult } from '../../features/settings/InviteLinkResult';
import { roleName } from '../../features/settings/roleName';

const STATUS_COLOR: Record<User['status'], string> = {
  active: 'green',
  invited: 'blue',
  disabled: 'default',
};

interface InviteValues {
  email: string;
  name: string;
  roleIds: string[];
  departments?: MembershipInput[];
  locale?: Locale;
}

function cleanMemberships(list: MembershipInput[] | undefined): MembershipInput[] {
  const seen = new Set<string>();
  return (list ?? [])
    .filter((m) => m.departmentId && !seen.has(m.departmentId) && seen.add(m.departmentId))
    .map((m) => ({ departmentId: m.departmentId, lead: !!m.lead }));
}

function InviteModal({
  open,
  onClose,
  roles,
  departments,
}: {
  open: boolean;
  onClose: () => void;
  roles: Role[];
  departments: Department[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<InviteValues>();
  const invite = useInvite();
  const handleError = useApiError();
  const [result, setResult] = useState<{ email: string; url: string } | null>(null);
  const defaultRole = roles.find((r) => r.key === 'agent') ?? roles[0];

  // Roles may arrive after the form was first drawn: preselect the default role once they do.
  useEffect(() => {
    if (
      open &&
      defaultRole &&
      !form.isFieldTouched('roleIds') &&
      !(form.getFieldValue('roleIds') as string[] | undefined)?.length
    ) {
      form.setFieldValue('roleIds', [defaultRole.id]);
    }
  }, [open, defaultRole, form]);

  const close = () => {
    onClose();
    setResult(null);
    form.resetFields();
    invite.reset();
  };

  return (
    <Modal
      open={open}
      title={t('users.inviteTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={close} data-testid="invite-done">
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              icon={<MailOutlined />}
              loading={invite.isPending}
              onClick={() => form.submit()}
              data-testid="invite-submit"
            >
              {t('users.sendInvite')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <InviteLinkResult email={result.email} url={result.url} />
      ) : (
        <Form<InviteValues>
          form={form}
          layout="vertical"
          data-testid="invite-form"
          initialValues={{ roleIds: defaultRole ? [defaultRole.id] : [], departments: [], locale }}
          onFinish={(values) => {
            const body: InviteBody = {
              email: values.email.trim(),
              name: values.name.trim(),
              roleIds: values.roleIds,
              departments: cleanMemberships(values.departments),
              ...(values.locale ? { locale: values.locale } : {}),
            };
            invite.mutate(body, {
              onSuccess: (res) => setResult({ email: res.user.email, url: res.inviteUrl }),
              onError: (error) => handleError(error, { form }),
            });
          }}
        >
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[
              { required: true, message: t('validation.required') },
              { type: 'email', message: t('validation.email') },
            ]}
          >
            <Input inputMode="email" autoComplete="off" data-testid="invite-email" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('users.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input autoComplete="off" data-testid="invite-name" />
          </Form.Item>
          <Form.Item
            name="roleIds"
            label={t('users.roles')}
            rules={[{ required: true, message: t('users.rolesRequired') }]}
          >
            <Select
              mode="multiple"
              options={roles.map((r) => ({ value: r.id, label: roleName(r, locale) }))}
              optionFilterProp="label"
              data-testid="invite-roles"
            />
          </Form.Item>
          <Form.Item label={t('users.departments')} extra={t('users.leadHelp')}>
            <MembershipsField departments={departments} testPrefix="invite" />
          </Form.Item>
          <Form.Item name="locale" label={t('users.locale')}>
            <Select options={LANGUAGES} data-testid="invite-locale" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

interface EditValues {
  name: string;
  roleIds: string[];
  departments?: MembershipInput[];
}

function EditUserDrawer({
  user,
  onClose,
  roles,
  departments,
}: {
  user: User | null;
  onClose: () => void;
  roles: Role[];
  departments: Department[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateUser();
  const handleError = useApiError();
  const { message } = App.useApp();
  const editable = !!user?.actions.includes('update');

  useEffect(() => {
    if (user) {
      form.setFieldsValue({
        name: user.name,
        roleIds: user.roleIds,
        departments: user.departments.map((d) => ({ departmentId: d.departmentId, lead: d.lead })),
      });
    }
  }, [user, form]);

  return (
    <Drawer
      open={!!user}
      onClose={onClose}
      title={user?.name}
      width={520}
      destroyOnHidden
      extra={
        editable ? (
          <Button
            type="primary"
            loading={update.isPending}
            onClick={() => form.submit()}
            data-testid="user-save"
          >
            {t('common.save')}
          </Button>
        ) : null
      }
    >
      {user ? (
        <Tabs
          items={[
            {
              key: 'edit',
              label: t('users.profileTab'),
              children: (
                <Form<EditValues>
                  form={form}
                  layout="vertical"
                  disabled={!editable}
                  onFinish={(values) =>
                    update.mutate(
                      {
                        id: user.id,
                        patch: {
                          name: values.name.trim(),
                          roleIds: values.roleIds,
                          departments: cleanMemberships(values.departments),
                          version: user.version,
                        },
                      },
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
                  <Form.Item label={t('auth.email')}>
                    <Input value={user.email} disabled />
                  </Form.Item>
                  <Form.Item
                    name="name"
                    label={t('users.name')}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                  >
                    <Input data-testid="user-edit-name" />
                  </Form.Item>
                  <Form.Item
                    name="roleIds"
                    label={t('users.roles')}
                    rules={[{ required: true, message: t('users.rolesRequired') }]}
                  >
                    <Select
                      mode="multiple"
                      options={roles.map((r) => ({ value: r.id, label: roleName(r, locale) }))}
                      optionFilterProp="label"
                      data-testid="user-edit-roles"
                    />
                  </Form.Item>
                  <Form.Item label={t('users.departments')} extra={t('users.leadHelp')}>
                    <MembershipsField departments={departments} testPrefix="user-edit" />
                  </Form.Item>
                </Form>
              ),
            },
            ...(can('audit.read')
              ? [
                  {
                    key: 'history',
                    label: t('history.title'),
                    children: <History path={`/users/${user.id}/history`} entity="user" />,
                  },
                ]
              : []),
          ]}
        />
      ) : null}
    </Drawer>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedIn();
  const can = useCan();
  const canManage = can('users.manage');
  const list = useListParams(['status', 'departmentId'] as const);
  const users = useUsers(list.query);
  const roles = useRoles();
  const departments = useDepartments();
  const update = useUpdateUser();
  const resend = useResendInvite();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [inviteOpen, setInviteOpen] = useState(searchParams.get('invite') === '1' && canManage);
  const [editing, setEditing] = useState<User | null>(null);
  const [resent, setResent] = useState<{ email: string; url: string } | null>(null);

  const roleById = useMemo(() => new Map((roles.data ?? []).map((r) => [r.id, r])), [roles.data]);

  const openInvite = () => setInviteOpen(true);
  const closeInvite = () => {
    setInviteOpen(false);
    if (searchParams.has('invite')) {
      const next = new URLSearchParams(searchParams);
      next.delete('invite');
      setSearchParams(next, { replace: true });
    }
  };

  const setStatus = (user: User, status: 'active' | 'disabled') =>
    update.mutate(
      { id: user.id, patch: { status, version: user.version } },
      {
        onSuccess: () =>
          void message.success(status === 'active' ? t('users.enabled') : t('users.disabledMsg')),
        onError: (error) => handleError(error),
      },
    );

  const columns: TableColumnsType<User> = [
    {
      key: 'name',
      title: t('users.name'),
      render: (_, u) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setEditing(u)} data-testid={`user-row-${u.email}`}>
            {u.name}
            {u.id === me.id ? <Tag style={{ marginInlineStart: 8 }}>{t('users.you')}</Tag> : null}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.email}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('common.status'),
      render: (_, u) => (
        <Tag color={STATUS_COLOR[u.status]} data-testid={`user-status-${u.email}`}>
          {t(`users.status.${u.status}`)}
        </Tag>
      ),
    },
    {
      key: 'roles',
      title: t('users.roles'),
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.roleIds.map((id) => {
            const role = roleById.get(id);
            return <Tag key={id}>{role ? roleName(role, locale) : '…'}</Tag>;
          })}
        </Space>
      ),
    },
    {
      key: 'departments',
      title: t('users.departments'),
      responsive: ['md'],
      render: (_, u) =>
        u.departments.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {u.departments.map((d) => (
              <Tag
                key={d.departmentId}
                icon={d.lead ? <CrownOutlined /> : undefined}
                color={d.lead ? 'gold' : undefined}
              >
                {d.name}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      key: 'lastLoginAt',
      title: t('users.lastLogin'),
      responsive: ['lg'],
      render: (_, u) => formatDateTime(u.lastLoginAt, locale),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, u) => (
        <Space size={4} wrap>
          {u.actions.includes('update') ? (
            <Button
              size="small"
              type="link"
              onClick={() => setEditing(u)}
              data-testid={`user-edit-${u.email}`}
            >
              {t('common.edit')}
            </Button>
          ) : null}
          {u.actions.includes('resendInvite') ? (
            <Button
              size="small"
              type="link"
              loading={resend.isPending && resend.variables === u.id}
              data-testid={`user-resend-${u.email}`}
              onClick={() =>
                resend.mutate(u.id, {
                  onSuccess: (res) => setResent({ email: res.user.email, url: res.inviteUrl }),
                  onError: (error) => handleError(error),
                })
              }
            >
              {t('users.resend')}
            </Button>
          ) : null}
          {u.actions.includes('disable') ? (
            <Popconfirm
              title={t('users.disableConfirm', { name: u.name })}
              description={t('users.disableHelp')}
              okText={t('users.disable')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => setStatus(u, 'disabled')}
            >
              <Button size="small" type="link" danger data-testid={`user-disable-${u.email}`}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          ) : null}
          {u.actions.includes('enable') ? (
            <Button
              size="small"
              type="link"
              onClick={() => setStatus(u, 'active')}
              data-testid={`user-enable-${u.email}`}
            >
              {t('users.enable')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const statusCounts = users.data?.items.filter((u) => u.status === 'invited').length ?? 0;

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        subtitle={t('users.subtitle')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={openInvite}
              data-testid="invite-button"
            >
              {t('users.invite')}
            </Button>
          ) : null
        }
      />
      <Card>
        <div className="toolbar">
          <SearchInput
            value={list.q}
            onChange={(q) => list.update({ q })}
            placeholder={t('users.searchPlaceholder')}
            testId="users-search"
          />
          <Select
            allowClear
            placeholder={t('common.status')}
            style={{ minWidth: 140 }}
            value={list.filters.status}
            onChange={(status?: string) => list.update({ status })}
            options={(['active', 'invited', 'disabled'] as const).map((s) => ({
              value: s,
              label: t(`users.status.${s}`),
            }))}
            data-testid="users-status-filter"
          />
          <Select
            allowClear
            placeholder={t('users.department')}
            style={{ minWidth: 180 }}
            value={list.filters.departmentId}
            onChange={(departmentId?: string) => list.update({ departmentId })}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
          {statusCounts > 0 ? (
            <Tooltip title={t('users.invitedHint')}>
              <Badge count={statusCounts} color="blue" offset={[6, 0]}>
                <Typography.Text type="secondary">{t('users.status.invited')}</Typography.Text>
              </Badge>
            </Tooltip>
          ) : null}
        </div>
        {users.error ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            columns={columns}
            dataSource={users.data?.items}
            loading={users.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="users-table"
            locale={{
              emptyText: (
                <Empty
                  description={list.hasFilters ? t('users.emptyFiltered') : t('users.empty')}
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                >
                  {canManage && !list.hasFilters ? (
                    <Button type="primary" onClick={openInvite}>
                      {t('users.invite')}
                    </Button>
                  ) : null}
                </Empty>
              ),
            }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (page, pageSize) => list.update({ page, pageSize }),
            }}
          />
        )}
      </Card>
      <InviteModal
        open={inviteOpen}
        onClose={closeInvite}
        roles={roles.data ?? []}
        departments={departments.data ?? []}
      />
      <EditUserDrawer
        user={editing}
        onClose={() => setEditing(null)}
        roles={roles.data ?? []}
        departments={departments.data ?? []}
      />
      <Modal
        open={!!resent}
        title={t('users.resendTitle')}
        onCancel={() => setResent(null)}
        footer={
          <Button type="primary" onClick={() => setResent(null)}>
            {t('common.close')}
          </Button>
        }
      >
        {resent ? <InviteLinkResult email={resent.email} url={resent.url} /> : null}
      </Modal>
    </>
  );
}
