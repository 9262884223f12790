import { Empty, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, CaseSla } from '@aftercare/contracts';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';

type SlaState = CaseSla['state'];
type Translate = (key: string, options?: Record<string, unknown>) => string;

export const SLA_COLOR: Record<SlaState, string> = {
  ok: '#1677ff',
  warning: '#fa8c16',
  breached: '#f5222d',
  paused: '#8c8c8c',
  met: '#52c41a',
};

const TAG_COLOR: Record<SlaState, string> = {
  ok: 'blue',
  warning: 'orange',
  breached: 'red',
  paused: 'default',
  met: 'green',
};

/** A clock for relative times ("2h 10m left") that ticks every 30 s. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A length of time in days, hours and minutes, e.g. "1d 4h" / "1天4小时". */
export function formatDuration(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('cases.duration.dh', { d, h });
  if (h > 0) return t('cases.duration.hm', { h, m });
  return t('cases.duration.m', { m });
}

/** The nearest running target's due time, falling back to the case's nextDeadlineAt. */
function nextDue(c: Case): string | null {
  const running = (c.sla?.targets ?? []).filter((tg) => tg.dueAt && !tg.metAt && tg.state !== 'met');
  const sorted = running.map((tg) => tg.dueAt as string).sort();
  return sorted[0] ?? c.nextDeadlineAt ?? null;
}

/** Queue cell: time to the next deadline, coloured by the SLA state; "—" when nothing is due. */
export function SlaCell({ c, now }: { c: Case; now: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const due = nextDue(c);
  if (!due) return <span data-testid="sla-none">—</span>;
  const state: SlaState = c.sla?.state ?? 'ok';
  const left = new Date(due).getTime() - now;
  const text =
    state === 'paused'
      ? t('cases.sla.paused')
      : left < 0
        ? t('cases.sla.overdue', { time: formatDuration(left, t) })
        : t('cases.sla.left', { time: formatDuration(left, t) });
  return (
    <Tooltip title={t('cases.sla.dueAt', { time: formatDateTime(due, locale) })}>
      <span
        style={{
          color: state === 'ok' || state === 'met' ? undefined : SLA_COLOR[state],
          whiteSpace: 'nowrap',
        }}
        data-sla-state={state}
      >
        {state === 'paused' ? <PauseCircleOutlined /> : <ClockCircleOutlined />} {text}
      </span>
    </Tooltip>
  );
}

export function SlaStateTag({ state }: { state: SlaState }) {
  const { t } = useTranslation();
  return <Tag color={TAG_COLOR[state]}>{t(`slaState.${state}`)}</Tag>;
}

/** The SLA card on a case: each target with its due time, state and how much of its time is used. */
export function SlaPanel({ sla }: { sla: CaseSla | null | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const now = useNow();
  if (!sla || sla.targets.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.sla.none')} />;
  }
  const kindLabel = (kind: string) => {
    const key = `slaKind.${kind}`;
    return i18n.exists(key) ? t(key) : kind;
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {sla.policyName ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cases.sla.policy', { name: sla.policyName })}
          {sla.calendarName ? ` · ${sla.calendarName}` : ''}
        </Typography.Text>
      ) : null}
      {sla.targets.map((target) => {
        const percent = Math.min(100, Math.max(0, Math.round(target.used * 100)));
        const left = target.dueAt ? new Date(target.dueAt).getTime() - now : null;
        return (
          <div key={target.kind} data-testid={`sla-target-${target.kind}`}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <Typography.Text strong>{kindLabel(target.kind)}</Typography.Text>
              <SlaStateTag state={target.state} />
            </Space>
            <Progress
              percent={percent}
              size="small"
              showInfo={false}
              strokeColor={SLA_COLOR[target.state]}
              status={target.state === 'breached' ? 'exception' : 'normal'}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {target.metAt
                ? t('cases.sla.metAt', { time: formatDateTime(target.metAt, locale) })
                : target.dueAt
                  ? `${t('cases.sla.dueAt', { time: formatDateTime(target.dueAt, locale) })}${
                      left !== null && target.state !== 'paused'
                        ? ` · ${
                            left < 0
                              ? t('cases.sla.overdue', { time: formatDuration(left, t) })
                              : t('cases.sla.left', { time: formatDuration(left, t) })
                          }`
                        : ''
                    }`
                  : t('cases.sla.noDue')}
            </Typography.Text>
          </div>
        );
      })}
      {sla.pausedSince ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <PauseCircleOutlined />{' '}
          {t('cases.sla.pausedSince', { time: formatDateTime(sla.pausedSince, locale) })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
