import {
  DefaultNotificationPreferences,
  NotificationEvents,
  type Notification,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationQuery,
  type UnreadCount,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/errors.js';
import { live } from '../../platform/events/live.js';
import { NotificationsRepository } from './notifications.repository.js';
import { decodeCursor, encodeCursor, presentNotification } from './notifications.presenter.js';

/** The signed-in staff member's own notifications and notification preferences. */
export class NotificationsService {
  constructor(private readonly ctx: ServiceContext) {}

  private get userId(): string {
    const p = this.ctx.principal;
    if (p?.kind !== 'staff') throw new AppError('forbidden');
    return p.userId;
  }

  private repo(db = this.ctx.database.db) {
    return new NotificationsRepository(db, this.ctx.workspace.id);
  }

  async list(query: NotificationQuery): Promise<NotificationPage> {
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && !after) throw new AppError('bad_request');
    const rows = await this.repo().list(this.userId, {
      unread: query.unread ?? false,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => presentNotification(r, this.ctx.locale)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async unreadCount(): Promise<UnreadCount> {
    return { count: await this.repo().unreadCount(this.userId) };
  }

  async markRead(id: string): Promise<Notification> {
    const userId = this.userId;
    const row = await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const found = await repo.find(userId, id);
      if (!found) throw new AppError('not_found');
      if (found.readAt) return found;
      const at = this.ctx.clock.now().toISOString();
      await repo.markRead(userId, id, at);
      return { ...found, readAt: at };
    });
    this.pushCount(userId);
    return presentNotification(row, this.ctx.locale);
  }

  async markAllRead(): Promise<UnreadCount> {
    const userId = this.userId;
    await inTransaction(this.ctx, (tx) =>
      this.repo(tx).markAllRead(userId, this.ctx.clock.now().toISOString()),
    );
    this.pushCount(userId);
    return { count: 0 };
  }

  /** Tells this person's other open tabs (in this process) that the unread count changed. */
  private pushCount(userId: string): void {
    live.publish(this.ctx.workspace.id, userId, { event: 'read', data: null });
  }

  async preferences(): Promise<NotificationPreferences> {
    const stored = new Map((await this.repo().preferencesOf(this.userId)).map((p) => [p.event, p]));
    return {
      items: NotificationEvents.map((event) => {
        const p = stored.get(event) ?? DefaultNotificationPreferences[event];
        return { event, inApp: p.inApp, email: p.email };
      }),
    };
  }

  async savePreferences(input: NotificationPreferences): Promise<NotificationPreferences> {
    const userId = this.userId;
    const before = await this.preferences();
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const at = this.ctx.clock.now().toISOString();
      for (const p of input.items) await repo.savePreference(userId, p, at);
      await recordAudit(tx, this.ctx, {
        entityType: 'user',
        entityId: userId,
        action: 'notification_preferences_updated',
        changes: { notificationPreferences: { from: before.items, to: input.items } },
      });
    });
    return this.preferences();
  }
}
