import { App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentKinds, type Department } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { PageHeader } from '../../ui/PageHeader';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../../features/auth/session';
import {
  useDeleteDepartment,
  useDepartments,
  useSaveDepartment,
  type DepartmentInput,
} from '../../features/settings/api';

function DepartmentModal({
  department,
  open,
  onClose,
}: {
  department: Department | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DepartmentInput>();
  const save = useSaveDepartment();
  const handleError = useApiError();
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title={department ? t('departments.editTitle') : t('departments.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="department-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<DepartmentInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: department?.name ?? '', kind: department?.kind ?? 'support' }}
        onFinish={(values) =>
          save.mutate(
            { id: department?.id, body: { name: values.name.trim(), kind: values.kind } },
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
          label={t('departments.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input data-testid="department-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('departments.kind')} extra={t('departments.kindHelp')}>
          <Select
            options={DepartmentKinds.map((k) => ({ value: k, label: t(`departmentKinds.${k}`) }))}
            data-testid="department-kind"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const departments = useDepartments();
  const remove = useDeleteDepartment();
  const handleError = useApiError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ department: Department | null } | null>(null);
  const canManage = can('users.manage');

  const columns: TableColumnsType<Department> = [
    { key: 'name', title: t('departments.name'), dataIndex: 'name' },
    {
      key: 'kind',
      title: t('departments.kind'),
      render: (_, d) => <Tag>{t(`departmentKinds.${d.kind}`)}</Tag>,
    },
    { key: 'memberCount', title: t('departments.members'), dataIndex: 'memberCount', align: 'right' },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, d) => (
        <Space size={4}>
          {d.actions.includes('update') ? (
            <Button type="link" size="small" onClick={() => setEditing({ department: d })}>
              {t('common.edit')}
            </Button>
          ) : null}
          {d.actions.includes('delete') ? (
            <Popconfirm
              title={t('common.confirmDelete')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                remove.mutate(d.id, {
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
        title={t('nav.departments')}
        subtitle={t('departments.subtitle')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ department: null })}
              data-testid="department-create"
            >
              {t('departments.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        {departments.error ? (
          <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
        ) : (
          <Table<Department>
            rowKey="id"
            columns={columns}
            dataSource={departments.data}
            loading={departments.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="departments-table"
            locale={{
              emptyText: (
                <Empty description={t('departments.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
                  {canManage ? (
                    <Button type="primary" onClick={() => setEditing({ department: null })}>
                      {t('departments.create')}
                    </Button>
                  ) : null}
                </Empty>
              ),
            }}
          />
        )}
      </Card>
      <DepartmentModal
        department={editing?.department ?? null}
        open={!!editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
