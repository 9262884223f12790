import { Descriptions, Empty, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { ReturnLine, ReturnStatus, ReturnStep } from '@aftercare/contracts';

const COLORS: Record<ReturnStatus, string> = {
  reviewing: 'processing',
  needs_info: 'warning',
  approved: 'success',
  rejected: 'error',
  pickup_scheduled: 'blue',
  in_transit: 'blue',
  received: 'cyan',
  inspected: 'cyan',
  completed: 'success',
  cancelled: 'default',
};

export function ReturnStatusTag({ status }: { status: ReturnStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="return-status" data-status={status}>
      {t(`returns.statuses.${status}`)}
    </Tag>
  );
}

export const yuan = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '—' : `¥${(cents / 100).toFixed(2)}`;

/** The steps of a return, oldest first, in words the customer understands. */
export function ReturnTimeline({ steps }: { steps: ReturnStep[] }) {
  const { t } = useTranslation();
  if (!steps.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="return-timeline"
      items={steps.map((s) => {
        const d = s.details;
        const department = typeof d.department === 'string' ? d.department : '';
        const extra: string[] = [];
        if (s.kind === 'decided' && typeof d.decision === 'string')
          extra.push(t(`returns.statuses.${d.decision}`));
        if (typeof d.comment === 'string' && d.comment) extra.push(d.comment);
        if (typeof d.trackingNumber === 'string')
          extra.push(`${t('returns.trackingNumber')}: ${d.trackingNumber}`);
        if (typeof d.pickupAt === 'string') extra.push(dayjs(d.pickupAt).format('YYYY-MM-DD HH:mm'));
        if (typeof d.refundCents === 'number')
          extra.push(`${t('returns.refundCents')}: ${yuan(d.refundCents)}`);
        if (typeof d.reason === 'string' && d.reason) extra.push(d.reason);
        if (typeof d.message === 'string') extra.push(d.message);
        if (Array.isArray(d.reasons))
          for (const r of d.reasons as Array<{ department: string; comment: string | null }>)
            if (r.comment) extra.push(`${r.department}: ${r.comment}`);
        return {
          color:
            s.kind === 'cancelled' || s.kind === 'review_late' || s.kind === 'escalated' ? 'red' : 'blue',
          children: (
            <div data-testid={`return-step-${s.kind}`}>
              <Typography.Text strong>{t(`returns.steps.${s.kind}`, { department })}</Typography.Text>{' '}
              <Typography.Text type="secondary">{dayjs(s.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
              {extra.map((x, i) => (
                <div key={i}>{x}</div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}

export function ReturnLines({ lines }: { lines: ReturnLine[] }) {
  const { t } = useTranslation();
  return (
    <Table<ReturnLine>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={lines}
      scroll={{ x: true }}
      columns={[
        { title: t('returns.product'), dataIndex: 'productName' },
        { title: t('returns.quantity'), dataIndex: 'quantity', width: 80 },
        {
          title: t('returns.serial'),
          render: (_, l) => l.serialNumber ?? l.orderNumber ?? '—',
        },
        {
          title: t('returns.warranty'),
          render: (_, l) => (
            <Tag color={l.warranty === 'in_warranty' ? 'green' : 'default'}>
              {t(`returns.warrantyStates.${l.warranty}`)}
            </Tag>
          ),
        },
        {
          title: t('returns.window'),
          render: (_, l) =>
            l.withinReturnWindow === null ? (
              '—'
            ) : (
              <Tag color={l.withinReturnWindow ? 'green' : 'orange'}>
                {t(l.withinReturnWindow ? 'returns.withinWindow' : 'returns.outsideWindow')}
              </Tag>
            ),
        },
      ]}
    />
  );
}

export function ReturnFacts({ items }: { items: Array<{ label: string; value: React.ReactNode }> }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      items={items.map((i, n) => ({ key: String(n), label: i.label, children: i.value }))}
    />
  );
}
