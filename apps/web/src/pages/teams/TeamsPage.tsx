import { App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../../features/auth/session';
import { useUsers } from '../../features/settings/api';
import { useDeleteTeam, useSaveTeam, useTeams } from '../../features/teams/api';

interface Values {
  name: string;
  memberIds: string[];
  leadId?: string | null;
}

function TeamModal({ team, open, onClose }: { team: Team | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveTeam();
  const handleError = useApiError();
  const { message } = App.useApp();
  const users = useUsers({ status: 'active', pageSize: 200 });
  const memberIds = Form.useWatch('memberIds', form) ?? [];
  const known = new Map((team?.members ?? []).map((m) => [m.userId, m.name]));
  const options = [
    ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` })),
    ...[...known.entries()]
      .filter(([id]) => !(users.data?.items ?? []).some((u) => u.id === id))
      .map(([id, name]) => ({ value: id, label: name })),
  ];
  return (
    <Modal
      open={open}
      title={team ? t('teams.editTitle') : t('teams.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="team-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: team?.name ?? '',
          memberIds: team?.members.map((m) => m.userId) ?? [],
          leadId: team?.leadId ?? null,
        }}
        onFinish={(values) => {
          const body = {
            name: values.name.trim(),
            memberIds: values.memberIds,
            leadId: values.leadId ?? null,
          };
          save.mutate(
            { id: team?.id, body: team ? { ...body, version: team.version } : body },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (error) =>
                handleError(error, {
                  form,
                  mapField: (field: string) => (field.startsWith('memberIds') ? 'memberIds' : field),
                }),
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('teams.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="memberIds" label={t('teams.members')} extra={t('teams.membersHelp')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={users.isPending}
            options={options}
            data-testid="team-members"
          />
        </Form.Item>
        <Form.Item name="leadId" label={t('teams.lead')}>
          <Select
            allowClear
            data-testid="team-lead"
            options={options.filter((o) => memberIds.includes(o.value))}
            placeholder={t('teams.leadPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Settings → Teams: the groups of staff that own queues and receive cases from assignment rules. */
export default function TeamsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const teams = useTeams();
  const remove = useDeleteTeam();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ team: Team | null } | null>(null);
  const canManage = can('teams.manage');

  const columns: TableColumnsType<Team> = [
    { key: 'name', title: t('teams.name'), dataIndex: 'name' },
    {
      key: 'members',
      title: t('teams.members'),
      render: (_, team) =>
        team.members.length ? (
          <Space wrap size={[4, 4]}>
            {team.members.map((m) => (
              <Tag key={m.userId} color={m.userId === team.leadId ? 'gold' : undefined}>
                {m.name}
                {m.status !== 'active' ? ` (${t('teams.inactive')})` : ''}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    { key: 'lead', title: t('teams.lead'), responsive: ['md'], render: (_, team) => team.leadName ?? '—' },
    { key: 'active', title: t('teams.activeCases'), dataIndex: 'activeCases', align: 'right' },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, team) => (
        <Space size={4}>
          {team.actions.includes('update') ? (
            <Button
              type="link"
              size="small"
              onClick={() => setEditing({ team })}
              data-testid={`team-edit-${team.name}`}
            >
              {t('common.edit')}
            </Button>
          ) : null}
          {team.actions.includes('delete') ? (
            <Popconfirm
              title={t('teams.confirmDelete')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                remove.mutate(team.id, {
                  onSuccess: () => void message.success(t('common.deleted')),
                  onError: (error) => handleError(error),
                })
              }
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        subtitle={t('teams.subtitle')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ team: null })}
              data-testid="team-create"
            >
              {t('teams.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        {teams.error && !teams.data ? (
          <QueryError error={teams.error} onRetry={() => void teams.refetch()} />
        ) : (
          <Table<Team>
            rowKey="id"
            columns={columns}
            dataSource={teams.data}
            loading={teams.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="teams-table"
            locale={{
              emptyText: teams.isPending ? (
                ' '
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teams.emptyTeams')} />
              ),
            }}
          />
        )}
      </Card>
      <TeamModal team={editing?.team ?? null} open={!!editing} onClose={() => setEditing(null)} />
    </>
  );
}
