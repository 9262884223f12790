import { App, Card, Skeleton, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NotificationPreference } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { useNotificationPreferences, useSaveNotificationPreferences } from './api';

/** My notification channels: a row per event, a switch per channel. */
export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiError();
  const prefs = useNotificationPreferences();
  const save = useSaveNotificationPreferences();

  const change = (row: NotificationPreference, patch: Partial<NotificationPreference>) =>
    save.mutate(
      { items: [{ ...row, ...patch }] },
      {
        onSuccess: () => void message.success(t('notifications.prefs.saved')),
        onError: (e) => handleError(e),
      },
    );

  const switchFor = (channel: 'inApp' | 'email') => (value: boolean, row: NotificationPreference) => (
    <Switch
      size="small"
      checked={value}
      disabled={save.isPending}
      onChange={(checked) => change(row, { [channel]: checked })}
      aria-label={`${t(`notifications.events.${row.event}`)} ${t(`notifications.prefs.${channel}`)}`}
      data-testid={`pref-${row.event}-${channel}`}
    />
  );

  return (
    <Card title={t('notifications.prefs.title')} data-testid="notification-preferences">
      {prefs.isLoading ? (
        <Skeleton active />
      ) : (
        <Table<NotificationPreference>
          rowKey="event"
          size="small"
          pagination={false}
          dataSource={prefs.data?.items ?? []}
          columns={[
            {
              title: t('notifications.prefs.event'),
              dataIndex: 'event',
              render: (event: string) => t(`notifications.events.${event}`),
            },
            {
              title: t('notifications.prefs.inApp'),
              dataIndex: 'inApp',
              width: 96,
              render: switchFor('inApp'),
            },
            {
              title: t('notifications.prefs.email'),
              dataIndex: 'email',
              width: 96,
              render: switchFor('email'),
            },
          ]}
        />
      )}
    </Card>
  );
}
