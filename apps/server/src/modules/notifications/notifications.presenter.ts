import type { Locale, Notification } from '@aftercare/contracts';
import { renderNotification } from './notifications.messages.js';
import type { Cursor, NotificationRow } from './notifications.repository.js';

/** A notification as its reader sees it, in the reader's language. */
export function presentNotification(row: NotificationRow, locale: Locale): Notification {
  const { title, body } = renderNotification(row.messageKey, row.params, locale);
  return {
    id: row.id,
    event: row.event,
    caseId: row.caseId,
    ...(row.params.returnId ? { returnId: row.params.returnId } : {}),
    caseNumber: row.params.number ?? null,
    title,
    body,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

export function encodeCursor(row: NotificationRow): string {
  return Buffer.from(`${row.createdAt}|${row.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null for one that is not ours. */
export function decodeCursor(cursor: string): Cursor | null {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length || !createdAt || !id || Number.isNaN(Date.parse(createdAt))) return null;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { createdAt, id };
}
