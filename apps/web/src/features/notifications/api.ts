import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Notification,
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
} from '@aftercare/contracts';
import { api } from '../../lib/api';
import { useLocale } from '../../lib/useLocale';

/** Without a live stream (or as its safety net) the badge is read this often. */
export const UNREAD_POLL_MS = 30_000;
const PAGE = 20;

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (locale: string, unread: boolean) => ['notifications', 'list', locale, unread] as const,
  unread: ['notifications', 'unread'] as const,
  preferences: ['notification-preferences'] as const,
};

export function useUnreadCount(live: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<UnreadCount>('/me/notifications/unread-count', undefined, signal),
    // The stream pushes the count; polling stays on, slower, in case the stream is down or behind a proxy.
    refetchInterval: live ? UNREAD_POLL_MS * 2 : UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useNotifications(unread: boolean, enabled: boolean) {
  const locale = useLocale();
  return useInfiniteQuery({
    queryKey: notificationKeys.list(locale, unread),
    queryFn: ({ pageParam, signal }) =>
      api.get<NotificationPage>(
        '/me/notifications',
        { limit: PAGE, unread: unread || undefined, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/me/notifications/${id}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<UnreadCount>('/me/notifications/read-all'),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) =>
      api.get<NotificationPreferences>('/me/notification-preferences', undefined, signal),
  });
}

export function useSaveNotificationPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferences) =>
      api.put<NotificationPreferences>('/me/notification-preferences', body),
    onSuccess: (data) => client.setQueryData(notificationKeys.preferences, data),
  });
}

/**
 * Listens to the server's live stream of my notifications (server-sent events, with the session cookie):
 * `unread` sets the badge, `notification` refreshes the list. EventSource reconnects by itself; while it is
 * down the badge falls back to polling. Returns whether the stream is open.
 */
export function useNotificationStream(onOpenChange: (open: boolean) => void): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/me/notifications/stream');
    source.onopen = () => onOpenChange(true);
    source.onerror = () => onOpenChange(false);
    source.addEventListener('unread', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as UnreadCount;
      client.setQueryData(notificationKeys.unread, data);
    });
    source.addEventListener('notification', () => {
      void client.invalidateQueries({ queryKey: ['notifications', 'list'] });
    });
    return () => {
      source.close();
      onOpenChange(false);
    };
  }, [client, onOpenChange]);
}
