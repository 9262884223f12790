import {
  Notification,
  NotificationIdParams,
  NotificationPage,
  NotificationPreferences,
  NotificationQuery,
  UnreadCount,
} from '@aftercare/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { AppError } from '../../platform/http/errors.js';
import { live } from '../../platform/events/live.js';
import { NotificationsService } from './notifications.service.js';
import { presentNotification } from './notifications.presenter.js';
import type { NotificationRow } from './notifications.repository.js';

/** A comment line on every open stream this often, so proxies keep it open. */
export const STREAM_HEARTBEAT_MS = 25_000;
/** Every stream also reads its unread count this often: pushes only reach streams of the writing process. */
export const STREAM_POLL_MS = 15_000;

/** The signed-in staff member's notification centre and preferences (core: always on). */
export async function notificationRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  const service = (req: FastifyRequest) => new NotificationsService(contextOf(req));

  app.get(
    '/me/notifications',
    {
      config: { access: access.staff() },
      schema: {
        tags,
        summary: 'My notifications, newest first (keyset pages; unread=true for the unread ones)',
        querystring: NotificationQuery,
        response: { 200: NotificationPage, ...errors },
      },
    },
    (req) => service(req).list(req.query),
  );
  app.get(
    '/me/notifications/unread-count',
    {
      config: { access: access.staff() },
      schema: {
        tags,
        summary: 'How many of my notifications are unread',
        response: { 200: UnreadCount, ...errors },
      },
    },
    (req) => service(req).unreadCount(),
  );
  app.post(
    '/me/notifications/:notificationId/read',
    {
      config: { access: access.staff() },
      schema: {
        tags,
        summary: 'Marks one of my notifications read',
        params: NotificationIdParams,
        response: { 200: Notification, ...errors },
      },
    },
    (req) => service(req).markRead(req.params.notificationId),
  );
  app.post(
    '/me/notifications/read-all',
    {
      config: { access: access.staff() },
      schema: { tags, summary: 'Marks all my notifications read', response: { 200: UnreadCount, ...errors } },
    },
    (req) => service(req).markAllRead(),
  );
  app.get(
    '/me/notification-preferences',
    {
      config: { access: access.staff() },
      schema: {
        tags,
        summary: 'My channels per notification event',
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    (req) => service(req).preferences(),
  );
  app.put(
    '/me/notification-preferences',
    {
      config: { access: access.staff() },
      schema: {
        tags,
        summary: 'Changes my channels for the events given (the others stay)',
        body: NotificationPreferences,
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    (req) => service(req).savePreferences(req.body),
  );

  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });
  app.get(
    '/me/notifications/stream',
    {
      config: { access: access.staff() },
      schema: {
        tags,
        summary: 'My notifications, live (text/event-stream: `notification` and `unread` events)',
        description:
          'Server-sent events; requires `Accept: text/event-stream`. A comment line every 25 s keeps it open.',
      },
    },
    async (req: FastifyRequest, reply: FastifyReply) => {
      if (!String(req.headers.accept ?? '').includes('text/event-stream')) throw new AppError('bad_request');
      const ctx = contextOf(req);
      const svc = new NotificationsService(ctx);
      const principal = ctx.principal;
      if (principal?.kind !== 'staff') throw new AppError('forbidden');
      const first = await svc.unreadCount();
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let closed = false;
      let last = first.count;
      const send = (event: string, data: unknown) => {
        if (!closed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const pushCount = async () => {
        const { count } = await svc.unreadCount();
        if (count !== last) {
          last = count;
          send('unread', { count });
        }
      };
      const refresh = () => {
        pushCount().catch((err: unknown) => req.log.warn({ err }, 'notification stream count failed'));
      };
      raw.write('retry: 5000\n\n');
      send('unread', first);
      const unsubscribe = live.subscribe(ctx.workspace.id, principal.userId, (m) => {
        if (m.event === 'notification')
          send('notification', presentNotification(m.data as NotificationRow, ctx.locale));
        refresh();
      });
      const heartbeat = setInterval(() => !closed && raw.write(': ping\n\n'), STREAM_HEARTBEAT_MS);
      const poll = setInterval(refresh, STREAM_POLL_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearInterval(poll);
        unsubscribe();
        open.delete(close);
        raw.end();
      };
      open.add(close);
      req.raw.on('close', close);
    },
  );
}
