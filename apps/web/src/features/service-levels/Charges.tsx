import { List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { QueryError } from '../../ui/QueryError';
import { useCharges, type Side } from './api';

/** The case's chargeable items (paid escalations), for staff and the contact alike. */
export function ChargesList({ side, caseId }: { side: Side; caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, isPending, error, refetch } = useCharges(side, caseId);
  if (isPending) return <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (data.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="charges-empty">
        {t('serviceLevels.charges.empty')}
      </Typography.Text>
    );
  return (
    <List
      size="small"
      dataSource={data}
      data-testid="charges"
      renderItem={(c) => (
        <List.Item
          extra={<Typography.Text strong>{formatMoney(c.amountCents, locale, c.currency)}</Typography.Text>}
        >
          <List.Item.Meta
            title={t('serviceLevels.charges.item', { from: c.fromSeverity, to: c.toSeverity })}
            description={t('serviceLevels.charges.by', {
              name: c.requestedByName ?? '—',
              at: formatDateTime(c.createdAt, locale),
            })}
          />
        </List.Item>
      )}
    />
  );
}
