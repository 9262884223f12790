import { Empty, Skeleton, Space, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, Locale } from '@aftercare/contracts';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useLocale } from '../lib/useLocale';
import { QueryError } from './QueryError';

const ACTION_COLOR: Record<string, string> = {
  created: 'green',
  invited: 'green',
  updated: 'blue',
  deleted: 'red',
  revoked: 'red',
};

function describe(value: unknown, locale: Locale, t: (key: string) => string): string {
  if (value === null || value === undefined || value === '') return t('history.empty');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value, locale);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('history.empty');
    return value.map((v) => describe(v, locale, t)).join(', ');
  }
  if (typeof value === 'object') {
    const named = value as Record<string, unknown>;
    if (typeof named.name === 'string') return named.name;
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * The change history of one record: who did what and when, and each field's old → new value.
 * `entity` picks the field labels (`fields.<entity>.<field>`); unknown fields show their raw name.
 */
export function History({ path, entity }: { path: string; entity: string }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const { data, isPending, error, refetch } = useQuery({
    queryKey: ['history', path],
    queryFn: () => api.get<{ items: AuditEntry[] }>(path),
  });
  if (isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (data.items.length === 0) {
    return <Empty description={t('history.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }
  const fieldLabel = (field: string) => {
    const key = `fields.${entity}.${field}`;
    if (i18n.exists(key)) return t(key);
    const common = `fields.common.${field}`;
    return i18n.exists(common) ? t(common) : field;
  };
  const actionLabel = (action: string) => {
    const key = `history.actions.${action}`;
    return i18n.exists(key) ? t(key) : action;
  };
  return (
    <Timeline
      data-testid="history"
      items={data.items.map((entry) => {
        const changes = Object.entries(entry.changes);
        return {
          key: entry.id,
          color: ACTION_COLOR[entry.action] ?? 'gray',
          children: (
            <div data-testid="history-entry">
              <Space size={6} wrap>
                <Typography.Text strong>{entry.actorName ?? t('history.system')}</Typography.Text>
                <Typography.Text>{actionLabel(entry.action)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(entry.at, locale)}
                </Typography.Text>
              </Space>
              {entry.action !== 'created' && changes.length > 0 ? (
                <div className="history-change">
                  {changes.map(([field, change]) => (
                    <div key={field}>
                      <Typography.Text type="secondary">
                        {fieldLabel(field)}
                        {t('history.colon')}
                      </Typography.Text>{' '}
                      <span className="history-value history-value-from">
                        {describe(change.from, locale, t)}
                      </span>{' '}
                      <ArrowRightOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />{' '}
                      <span className="history-value">{describe(change.to, locale, t)}</span>
                    </div>
                  ))}
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
