import { useCallback, useState } from 'react';
import { Badge, Button, Drawer, Empty, Grid, List, Segmented, Skeleton, Space, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '@aftercare/contracts';
import { useApiError } from '../../lib/useApiError';
import { useMarkAllRead, useMarkRead, useNotifications, useNotificationStream, useUnreadCount } from './api';

/** The bell in the console header: the unread badge (live), and the notification centre in a drawer. */
export function NotificationBell() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const handleError = useApiError();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [live, setLive] = useState(false);
  useNotificationStream(useCallback((isOpen: boolean) => setLive(isOpen), []));
  const count = useUnreadCount(live).data?.count ?? 0;
  const list = useNotifications(unreadOnly, open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => handleError(e) });
    if (n.returnId) {
      setOpen(false);
      void navigate(`/app/returns/${n.returnId}`);
    } else if (n.caseId) {
      setOpen(false);
      void navigate(`/app/cases/${n.caseId}`);
    }
  };

  return (
    <>
      <Badge count={count} size="small" offset={[-4, 4]} data-testid="notification-badge">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.open')}
          onClick={() => setOpen(true)}
          data-testid="notification-bell"
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="right"
        width={screens.sm ? 420 : '100%'}
        title={t('notifications.title')}
        data-testid="notification-drawer"
        extra={
          <Button
            size="small"
            icon={<CheckOutlined />}
            disabled={count === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onError: (e) => handleError(e) })}
            data-testid="notification-read-all"
          >
            {t('notifications.readAll')}
          </Button>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Segmented
            block
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unread') },
            ]}
          />
          {list.isLoading ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : items.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}
              data-testid="notification-empty"
            />
          ) : (
            <List
              dataSource={items}
              data-testid="notification-list"
              loadMore={
                list.hasNextPage ? (
                  <div style={{ textAlign: 'center', marginTop: 12 }}>
                    <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                      {t('notifications.more')}
                    </Button>
                  </div>
                ) : null
              }
              renderItem={(n) => (
                <List.Item
                  key={n.id}
                  onClick={() => openOne(n)}
                  style={{ cursor: 'pointer', paddingInline: 8, opacity: n.readAt ? 0.65 : 1 }}
                  data-testid="notification-item"
                  data-event={n.event}
                  actions={
                    n.readAt
                      ? []
                      : [
                          <Button
                            key="read"
                            size="small"
                            type="link"
                            onClick={(e) => {
                              e.stopPropagation();
                              markRead.mutate(n.id, { onError: (err) => handleError(err) });
                            }}
                          >
                            {t('notifications.markRead')}
                          </Button>,
                        ]
                  }
                >
                  <List.Item.Meta
                    avatar={n.readAt ? null : <Badge status="processing" />}
                    title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                    description={
                      <Space direction="vertical" size={0}>
                        {n.body ? <Typography.Text type="secondary">{n.body}</Typography.Text> : null}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {dayjs(n.createdAt).fromNow()}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Space>
      </Drawer>
    </>
  );
}
