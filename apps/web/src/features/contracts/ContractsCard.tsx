import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceContract, ServiceContractState } from '@aftercare/contracts';
import { formatDate } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { QueryError } from '../../ui/QueryError';
import { useCan, useMe } from '../auth/session';
import { serviceContracts, useCalendars, useEditionOptions } from './api';

const STATE_COLOR: Record<ServiceContractState, string> = {
  upcoming: 'blue',
  active: 'green',
  expired: 'default',
};

export function ContractStateTag({ state }: { state: ServiceContractState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`contracts.state.${state}`)}</Tag>;
}

interface Values {
  name: string;
  editionId?: string | null;
  calendarId?: string | null;
  term: [Dayjs, Dayjs];
  notes?: string | null;
}

const DAY = 'YYYY-MM-DD';

/** Add or edit one contract of a customer; field errors appear next to their fields. */
function ContractForm({
  customerId,
  contract,
  onClose,
}: {
  customerId: string;
  contract: ServiceContract | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const handleError = useApiError();
  const { message } = App.useApp();
  const create = serviceContracts.useCreate();
  const update = serviceContracts.useUpdate();
  const calendars = useCalendars();
  const editions = useEditionOptions();
  const saving = create.isPending || update.isPending;
  const mapField = (field: string) => (field === 'startsOn' || field === 'endsOn' ? 'term' : field);

  const submit = (v: Values) => {
    const body = {
      name: v.name.trim(),
      editionId: v.editionId ?? null,
      calendarId: v.calendarId ?? null,
      startsOn: v.term[0].format(DAY),
      endsOn: v.term[1].format(DAY),
      notes: v.notes?.trim() || null,
    };
    const done = {
      onSuccess: () => {
        void message.success(t('contracts.saved'));
        onClose();
      },
      onError: (error: unknown) => handleError(error, { form, mapField }),
    };
    if (contract) update.mutate({ id: contract.id, patch: { ...body, version: contract.version } }, done);
    else create.mutate({ ...body, customerId }, done);
  };

  return (
    <Modal
      open
      title={contract ? t('contracts.editTitle') : t('contracts.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'contract-save' } as Record<string, string>}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="contract-form"
        initialValues={
          contract
            ? {
                name: contract.name,
                editionId: contract.editionId,
                calendarId: contract.calendarId,
                term: [dayjs(contract.startsOn), dayjs(contract.endsOn)],
                notes: contract.notes,
              }
            : { term: [dayjs(), dayjs().add(1, 'year').subtract(1, 'day')] }
        }
      >
        <Form.Item
          name="name"
          label={t('contracts.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} data-testid="contract-name" />
        </Form.Item>
        <Form.Item
          name="term"
          label={t('contracts.term')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            placeholder={[t('contracts.startsOn'), t('contracts.endsOn')]}
            data-testid="contract-term"
          />
        </Form.Item>
        <Form.Item name="calendarId" label={t('contracts.calendar')} extra={t('contracts.calendarHelp')}>
          <Select
            allowClear
            loading={calendars.isPending}
            placeholder={t('contracts.policyCalendar')}
            options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="contract-calendar"
          />
        </Form.Item>
        <Form.Item name="editionId" label={t('contracts.edition')} extra={t('contracts.editionHelp')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={editions.isPending}
            placeholder={t('contracts.anyEdition')}
            options={editions.data ?? []}
            data-testid="contract-edition"
          />
        </Form.Item>
        <Form.Item name="notes" label={t('contracts.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('contracts.scope')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

/** The customer's service contracts ("服务合同"), with add and edit for those allowed to manage them. */
export function ContractsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const { data: me } = useMe();
  const helpdesk = me?.kind === 'staff' && me.workspace.modules.helpdesk;
  const list = serviceContracts.useList({ customerId, pageSize: 50 }, { enabled: helpdesk });
  const [editing, setEditing] = useState<ServiceContract | 'new' | null>(null);
  const canManage = can('contracts.manage');
  if (!helpdesk) return null;
  return (
    <Card
      size="small"
      title={t('contracts.card')}
      data-testid="customer-contracts"
      extra={
        canManage ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="contract-add"
          >
            {t('contracts.add')}
          </Button>
        ) : null
      }
    >
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <List<ServiceContract>
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.empty')} />,
          }}
          renderItem={(c) => (
            <List.Item
              data-testid="contract-row"
              actions={
                c.actions.includes('update')
                  ? [
                      <Button
                        key="edit"
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing(c)}
                      />,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Typography.Text strong>{c.number}</Typography.Text>
                    <span>{c.name}</span>
                    <ContractStateTag state={c.state} />
                  </Space>
                }
                description={
                  <Space wrap size={[12, 0]}>
                    <span>
                      {formatDate(c.startsOn, locale)} – {formatDate(c.endsOn, locale)}
                    </span>
                    <span>
                      {t('contracts.calendar')}: {c.calendarName ?? t('contracts.policyCalendar')}
                    </span>
                    {c.editionName ? (
                      <span>
                        {c.productName} · {c.editionName}
                      </span>
                    ) : null}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {editing ? (
        <ContractForm
          customerId={customerId}
          contract={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
