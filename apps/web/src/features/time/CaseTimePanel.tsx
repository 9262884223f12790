import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { ClockCircleOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimeEntry } from '@aftercare/contracts';
import { formatDate } from '../../lib/format';
import { useApiError } from '../../lib/useApiError';
import { useLocale } from '../../lib/useLocale';
import { QueryError } from '../../ui/QueryError';
import { useCan } from '../auth/session';
import { useCaseTime, useDeleteTimeEntry, useSaveTimeEntry } from './api';
import { formatMinutes } from './duration';

interface Values {
  minutes: number;
  billable: boolean;
  workedOn: Dayjs;
  note?: string;
}

function EntryModal({
  caseId,
  entry,
  open,
  onClose,
}: {
  caseId: string;
  entry: TimeEntry | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveTimeEntry(caseId);
  const handleError = useApiError();
  return (
    <Modal
      open={open}
      title={entry ? t('time.editTitle') : t('time.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'time-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          entry
            ? {
                minutes: entry.minutes,
                billable: entry.billable,
                workedOn: dayjs(entry.workedOn),
                note: entry.note,
              }
            : { minutes: 30, billable: true, workedOn: dayjs() }
        }
        onFinish={(values) => {
          const body = {
            minutes: values.minutes,
            billable: values.billable,
            workedOn: values.workedOn.format('YYYY-MM-DD'),
            note: values.note?.trim() ?? '',
          };
          save.mutate(
            { id: entry?.id ?? null, body: entry ? { ...body, version: entry.version } : body },
            { onSuccess: onClose, onError: (error) => handleError(error, { form }) },
          );
        }}
      >
        <Form.Item
          name="minutes"
          label={t('time.minutes')}
          extra={t('time.minutesHelp')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber
            min={1}
            max={1440}
            precision={0}
            style={{ width: '100%' }}
            data-testid="time-minutes"
          />
        </Form.Item>
        <Form.Item name="billable" label={t('time.billable')} valuePropName="checked">
          <Switch data-testid="time-billable" />
        </Form.Item>
        <Form.Item
          name="workedOn"
          label={t('time.workedOn')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="note" label={`${t('time.note')} ${t('common.optional')}`}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} data-testid="time-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Time worked on the case: totals, entries, and logging time. */
export function CaseTimePanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const { message } = App.useApp();
  const handleError = useApiError();
  const { data, isPending, error, refetch } = useCaseTime(caseId);
  const remove = useDeleteTimeEntry(caseId);
  const [editing, setEditing] = useState<TimeEntry | null>(null);
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    setEditing(null);
  };
  return (
    <Card
      size="small"
      title={
        <span>
          <ClockCircleOutlined /> {t('time.title')}
        </span>
      }
      data-testid="case-time"
      extra={
        can('cases.write') ? (
          <Button size="small" onClick={() => setOpen(true)} data-testid="time-add">
            {t('time.add')}
          </Button>
        ) : null
      }
    >
      {isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Space wrap data-testid="time-totals">
            <Tag color="blue">
              {t('time.totalBillable', { time: formatMinutes(data.totals.billableMinutes, t) })}
            </Tag>
            <Tag>
              {t('time.totalNonBillable', { time: formatMinutes(data.totals.nonBillableMinutes, t) })}
            </Tag>
          </Space>
          {data.entries.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('time.empty')}
              style={{ margin: '8px 0' }}
            />
          ) : (
            <List
              size="small"
              dataSource={data.entries}
              data-testid="time-entries"
              renderItem={(e) => (
                <List.Item
                  actions={
                    e.actions.includes('update')
                      ? [
                          <Button
                            key="edit"
                            type="text"
                            size="small"
                            icon={<EditOutlined />}
                            aria-label={t('common.edit')}
                            onClick={() => {
                              setEditing(e);
                              setOpen(true);
                            }}
                          />,
                          <Popconfirm
                            key="delete"
                            title={t('common.confirmDelete')}
                            okText={t('common.delete')}
                            okButtonProps={{ danger: true }}
                            cancelText={t('common.cancel')}
                            onConfirm={() =>
                              remove.mutate(e.id, {
                                onSuccess: () => void message.success(t('common.deleted')),
                                onError: (err) => handleError(err),
                              })
                            }
                          >
                            <Button
                              type="text"
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('common.delete')}
                              loading={remove.isPending && remove.variables === e.id}
                            />
                          </Popconfirm>,
                        ]
                      : []
                  }
                >
                  <Space direction="vertical" size={0}>
                    <Space size={4} wrap>
                      <Typography.Text strong>{formatMinutes(e.minutes, t)}</Typography.Text>
                      {e.billable ? (
                        <Tag color="blue">{t('time.billable')}</Tag>
                      ) : (
                        <Tag>{t('time.nonBillable')}</Tag>
                      )}
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDate(e.workedOn, locale)} · {e.userName}
                      {e.note ? ` · ${e.note}` : ''}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </>
      )}
      <EntryModal caseId={caseId} entry={editing} open={open} onClose={close} key={editing?.id ?? 'new'} />
    </Card>
  );
}
