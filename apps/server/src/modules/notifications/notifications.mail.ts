import type { Deps } from '../../platform/context.js';
import { nextAttemptAt } from '../../platform/retry.js';
import { NotificationMailQueue } from './notifications.repository.js';

export const NOTIFICATION_MAIL_INTERVAL_MS = 10_000;
/** After this many failed attempts a mail is given up (status failed, last error kept). */
export const NOTIFICATION_MAIL_MAX_ATTEMPTS = 6;
const BATCH = 50;
/** How long a sender holds a mail it took before another process may try it. */
const LEASE_MS = 5 * 60_000;

export interface NotificationMailResult {
  sent: number;
  failed: number;
}

/**
 * Sends the queued mails to staff members through the system mailer, outside any transaction. Each mail is
 * taken with a conditional update (a lease), so several processes never send it twice at once; a failure is
 * tried again with backoff. `workspaceIds` limits the run (tests).
 */
export async function runNotificationMail(
  deps: Deps,
  now: Date,
  options: { workspaceIds?: string[] } = {},
): Promise<NotificationMailResult> {
  const queue = new NotificationMailQueue(deps.database.db);
  const at = now.toISOString();
  const result: NotificationMailResult = { sent: 0, failed: 0 };
  for (const mail of await queue.due(at, options.workspaceIds, BATCH)) {
    if (!(await queue.claim(mail, new Date(now.getTime() + LEASE_MS).toISOString()))) continue;
    try {
      await deps.mailer.send({ to: mail.toAddress, subject: mail.subject, text: mail.bodyText });
      await queue.sent(mail, at);
      result.sent += 1;
    } catch (err) {
      const attempts = mail.attempts + 1;
      const next =
        attempts >= NOTIFICATION_MAIL_MAX_ATTEMPTS ? null : nextAttemptAt(now, attempts).toISOString();
      await queue.failed(mail, err instanceof Error ? err.message : String(err), next);
      result.failed += 1;
    }
  }
  return result;
}
