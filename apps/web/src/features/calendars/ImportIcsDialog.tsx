import { useState } from 'react';
import { Alert, App, Button, Input, List, Modal, Space, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CalendarSpec, ServiceCalendar } from '@aftercare/contracts';
import { isApiError } from '../../lib/api';
import { useApiError } from '../../lib/useApiError';
import { useImportIcs } from './api';

interface Props {
  calendar: ServiceCalendar;
  open: boolean;
  onClose: () => void;
}

const dateOf = (e: string | { date: string }) => (typeof e === 'string' ? e : e.date);
const nameOf = (e: string | { name?: string }) => (typeof e === 'string' ? undefined : e.name);

/** What an .ics file holds, read roughly before sending it: the events' dates and summaries. */
function peek(ics: string): { date: string; summary: string }[] {
  const events = ics.split(/BEGIN:VEVENT/).slice(1);
  return events.map((e) => {
    const unfolded = e.replace(/\r?\n[ \t]/g, '');
    const start = /DTSTART[^:\r\n]*:(\d{4})(\d{2})(\d{2})/.exec(unfolded);
    const summary = /SUMMARY[^:\r\n]*:([^\r\n]*)/.exec(unfolded);
    return {
      date: start ? `${start[1]}-${start[2]}-${start[3]}` : '?',
      summary: summary?.[1]?.trim() ?? '',
    };
  });
}

/** The dates an import added or changed, from the spec before and after. */
function changes(before: CalendarSpec, after: CalendarSpec) {
  const key = (kind: string, e: string | { date: string; name?: string }) =>
    `${kind}|${dateOf(e)}|${nameOf(e) ?? ''}`;
  const old = new Set([
    ...(before.holidays ?? []).map((e) => key('holiday', e)),
    ...(before.workdays ?? []).map((e) => key('workday', e)),
  ]);
  return [
    ...(after.holidays ?? []).map((e) => ({ kind: 'holiday' as const, date: dateOf(e), name: nameOf(e) })),
    ...(after.workdays ?? []).map((e) => ({ kind: 'workday' as const, date: dateOf(e), name: nameOf(e) })),
  ]
    .filter((e) => !old.has(key(e.kind, e)))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Upload or paste an iCalendar file; the server merges its all-day events as holidays / 调休 workdays. */
export function ImportIcsDialog({ calendar, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const importIcs = useImportIcs();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ReturnType<typeof changes> | null>(null);
  const events = text.trim() ? peek(text) : [];
  const close = () => {
    setText('');
    setResult(null);
    setError(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('calendars.ics.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={close}>
            {t('calendars.ics.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              data-testid="ics-submit"
              disabled={events.length === 0}
              loading={importIcs.isPending}
              onClick={() =>
                importIcs.mutate(
                  { id: calendar.id, ics: text },
                  {
                    onSuccess: (saved) => {
                      setResult(changes(calendar.spec, saved.spec));
                      void message.success(t('calendars.ics.imported'));
                    },
                    onError: (e) => {
                      if (isApiError(e) && e.fieldErrors.length > 0)
                        setError(e.fieldErrors.map((f) => f.message).join('; '));
                      else handleError(e);
                    },
                  },
                )
              }
            >
              {t('calendars.ics.import')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="ics-result">
          <Alert type="success" showIcon message={t('calendars.ics.resultCount', { count: result.length })} />
          <List
            size="small"
            dataSource={result}
            locale={{ emptyText: t('calendars.ics.nothingNew') }}
            style={{ maxHeight: 280, overflow: 'auto' }}
            renderItem={(e) => (
              <List.Item>
                <Space>
                  <Tag color={e.kind === 'holiday' ? 'red' : 'orange'}>{t(`calendars.kind.${e.kind}`)}</Tag>
                  {e.date}
                  {e.name}
                </Space>
              </List.Item>
            )}
          />
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('calendars.ics.help')}</Typography.Paragraph>
          <Upload.Dragger
            accept=".ics,text/calendar"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((s) => {
                setText(s);
                setError(null);
              });
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('calendars.ics.upload')}</p>
          </Upload.Dragger>
          <Input.TextArea
            data-testid="ics-text"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            placeholder={t('calendars.ics.paste')}
            autoSize={{ minRows: 3, maxRows: 8 }}
            status={error ? 'error' : undefined}
          />
          {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
          {text.trim() ? (
            <>
              <Typography.Text strong>{t('calendars.ics.found', { count: events.length })}</Typography.Text>
              <List
                size="small"
                dataSource={events.slice(0, 50)}
                style={{ maxHeight: 220, overflow: 'auto' }}
                renderItem={(e) => (
                  <List.Item>
                    {e.date} {e.summary}
                  </List.Item>
                )}
              />
              <Alert type="info" showIcon message={t('calendars.ics.replaces')} />
            </>
          ) : null}
        </Space>
      )}
    </Modal>
  );
}
