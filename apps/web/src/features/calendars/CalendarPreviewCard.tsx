import { useState } from 'react';
import { Alert, Badge, Calendar, Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { CalendarPreviewDay, ServiceCalendar } from '@aftercare/contracts';
import { useCalendarPreview } from './api';
import { publishedHours } from './spec';

function DayTag({ day }: { day: CalendarPreviewDay }) {
  const { t } = useTranslation();
  if (day.kind === 'holiday') return <Tag color="red">{day.name ?? t('calendars.kind.holiday')}</Tag>;
  if (day.kind === 'workday') return <Tag color="orange">{day.name ?? t('calendars.kind.workday')}</Tag>;
  return null;
}

const hoursOf = (day: CalendarPreviewDay) => day.shifts.map((s) => `${s.start}–${s.end}`).join(', ');

/** What the saved calendar means: published hours, the next two weeks, and a month view. */
export function CalendarPreviewCard({ calendar }: { calendar: ServiceCalendar }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const today = dayjs().format('YYYY-MM-DD');
  const next = useCalendarPreview(calendar.id, today, 14);
  const monthView = useCalendarPreview(calendar.id, month.format('YYYY-MM-DD'), month.daysInMonth());
  const byDate = new Map((monthView.data?.days ?? []).map((d) => [d.date, d]));
  const published = publishedHours(calendar.spec.weekly, (d) => t(`calendars.weekdayShort.${d}`), {
    allDay: t('calendars.published.allDay'),
    through: t('calendars.published.through'),
    separator: t('calendars.published.separator'),
  });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="calendar-preview">
      <Card size="small" title={t('calendars.published.title')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('calendars.published.help')}
        </Typography.Paragraph>
        {published.length ? (
          published.map((line) => (
            <Typography.Paragraph key={line} style={{ marginBottom: 4 }} data-testid="published-line">
              {line}
            </Typography.Paragraph>
          ))
        ) : (
          <Typography.Text type="warning">{t('calendars.published.none')}</Typography.Text>
        )}
        {calendar.spec.useChinaOfficial ? (
          <Typography.Text type="secondary">{t('calendars.published.exceptHolidays')}</Typography.Text>
        ) : null}
      </Card>

      <Card size="small" title={t('calendars.next.title', { zone: next.data?.timeZone ?? '' })}>
        {next.isPending ? (
          <Skeleton active />
        ) : next.error ? (
          <Alert type="error" showIcon message={next.error.message} />
        ) : (
          <List
            size="small"
            dataSource={next.data.days}
            renderItem={(day) => (
              <List.Item data-testid={`next-${day.date}`} data-kind={day.kind} data-minutes={day.minutes}>
                <Space wrap size={4}>
                  <Typography.Text strong={day.date === today}>
                    {dayjs(day.date).format('MM-DD')} {t(`calendars.weekdayShort.${day.weekday}`)}
                  </Typography.Text>
                  <DayTag day={day} />
                </Space>
                {day.minutes > 0 ? (
                  <Typography.Text>{hoursOf(day)}</Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('calendars.closed')}</Typography.Text>
                )}
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card size="small" title={t('calendars.month.title')}>
        {monthView.error ? <Alert type="error" showIcon message={monthView.error.message} /> : null}
        <Space size={12} wrap style={{ marginBottom: 8 }}>
          <Badge color="green" text={t('calendars.month.open')} />
          <Badge color="red" text={t('calendars.kind.holiday')} />
          <Badge color="orange" text={t('calendars.kind.workday')} />
          <Badge color="gray" text={t('calendars.closed')} />
        </Space>
        <Calendar
          fullscreen={false}
          value={month.isSame(dayjs(), 'month') ? dayjs() : month}
          onPanelChange={(d) => setMonth(d.startOf('month'))}
          onSelect={(d, info) => {
            if (info.source !== 'date') setMonth(d.startOf('month'));
          }}
          fullCellRender={(current, info) => {
            if (info.type !== 'date') return info.originNode;
            const day = byDate.get(current.format('YYYY-MM-DD'));
            const color = !day
              ? undefined
              : day.kind === 'holiday'
                ? '#ff4d4f'
                : day.kind === 'workday'
                  ? '#fa8c16'
                  : day.minutes > 0
                    ? '#52c41a'
                    : '#bfbfbf';
            return (
              <div
                className="ant-picker-cell-inner"
                data-testid={day ? `month-${day.date}` : undefined}
                data-kind={day?.kind}
                data-minutes={day?.minutes}
                title={
                  day ? `${day.name ?? ''} ${day.minutes > 0 ? hoursOf(day) : t('calendars.closed')}` : ''
                }
                style={{ borderBottom: color ? `3px solid ${color}` : undefined }}
              >
                {current.date()}
              </div>
            );
          }}
        />
      </Card>
    </Space>
  );
}
