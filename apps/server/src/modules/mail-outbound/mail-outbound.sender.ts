import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Deps } from '../../platform/context.js';
import { nextAttemptAt } from '../../platform/retry.js';
import { loadWorkspaces } from '../../platform/system-context.js';
import { AttachmentsRepository } from '../attachments/index.js';
import { dueMail, MailOutboundRepository, type OutboundMail } from './mail-outbound.repository.js';
import { classifyError, createTransport, loadMailSettings, mailSender } from './mail-transport.js';

export const MAIL_SEND_INTERVAL_MS = 5_000;
/** How many mails one pass sends. */
export const MAIL_SEND_BATCH = 50;
/** After this many attempts a temporary failure counts as permanent. */
export const MAIL_MAX_ATTEMPTS = 8;
/** While a mail is being sent no other process takes it; after this it is taken again (a crashed sender). */
export const MAIL_LEASE_MS = 10 * 60_000;
/** Backoff base of temporary failures: about 1, 2, 4, 8… minutes. */
export const MAIL_RETRY_BASE_MS = 60_000;

/** The error of a mail that finds no SMTP server (workspace settings off and no SMTP_URL). */
export const NOT_CONFIGURED = 'No SMTP server is configured (mail settings or SMTP_URL)';

export interface MailSendResult {
  sent: number;
  retried: number;
  failed: number;
}

/** The headers stored with a queued mail that are not sent as such. */
const INTERNAL = new Set(['X-Aftercare-From-Name', 'X-Aftercare-From-Address']);

/** The nodemailer message of a queued mail, with its attachments' bytes. */
async function messageOf(deps: Deps, workspaceId: string, m: OutboundMail): Promise<Mail.Options> {
  const files = new AttachmentsRepository(deps.database.db, workspaceId);
  const attachments: Mail.Attachment[] = [];
  for (const a of await files.findMany(m.attachmentIds)) {
    const content = await files.content(a.id);
    if (content) attachments.push({ filename: a.name, content, contentType: a.contentType });
  }
  const headers = Object.fromEntries(Object.entries(m.headers).filter(([k]) => !INTERNAL.has(k)));
  const replyTo = headers['Reply-To'];
  delete headers['Reply-To'];
  return {
    from: {
      name: m.headers['X-Aftercare-From-Name'] ?? '',
      address: m.headers['X-Aftercare-From-Address'] ?? '',
    },
    to: m.to,
    ...(m.cc.length ? { cc: m.cc } : {}),
    ...(replyTo ? { replyTo } : {}),
    subject: m.subject,
    messageId: `<${m.mailMessageId}>`,
    headers,
    text: m.text,
    html: m.html,
    attachments,
  };
}

/**
 * Sends the due mail of the queue with each workspace's SMTP settings (one transport per workspace and pass).
 * A temporary failure (4xx, connection trouble) is tried again with backoff; a permanent one (5xx), or the last
 * attempt, marks the mail failed with the server's answer, which the agent sees on the message.
 * `workspaceIds` limits the pass (tests).
 */
export async function runMailOutbound(
  deps: Deps,
  now: Date,
  options: { workspaceIds?: string[] } = {},
): Promise<MailSendResult> {
  const result: MailSendResult = { sent: 0, retried: 0, failed: 0 };
  const at = now.toISOString();
  const due = await dueMail(deps.database.db, at, options.workspaceIds, MAIL_SEND_BATCH);
  if (!due.length) return result;
  const workspaces = await loadWorkspaces(
    deps.database.db,
    due.map((d) => d.workspaceId),
  );
  const transports = new Map<string, Transporter | null>();
  try {
    for (const d of due) {
      const w = workspaces.get(d.workspaceId);
      if (!w) continue;
      const repo = new MailOutboundRepository(deps.database.db, d.workspaceId);
      if (!(await repo.claim(d.id, at, new Date(now.getTime() + MAIL_LEASE_MS).toISOString(), at))) continue;
      const mail = await repo.find(d.id);
      if (!mail) continue;
      if (!transports.has(d.workspaceId)) {
        const s = await loadMailSettings(deps.database.db, d.workspaceId, w.name);
        const sender = mailSender(deps.config, s.data, s.passwordSealed, w.name);
        transports.set(d.workspaceId, sender.transport ? createTransport(sender.transport) : null);
      }
      const transport = transports.get(d.workspaceId) ?? null;
      if (!transport) {
        // Nothing to send with yet: kept in the queue with backoff, so the mail leaves once an admin sets it up.
        const retryAt =
          mail.attempts >= MAIL_MAX_ATTEMPTS
            ? null
            : nextAttemptAt(now, mail.attempts, { baseMs: MAIL_RETRY_BASE_MS }).toISOString();
        await repo.markFailed(d.id, NOT_CONFIGURED, retryAt, at);
        if (retryAt) result.retried += 1;
        else result.failed += 1;
        continue;
      }
      try {
        const info = (await transport.sendMail(await messageOf(deps, d.workspaceId, mail))) as {
          response?: unknown;
        };
        await repo.markSent(d.id, typeof info.response === 'string' ? info.response : 'sent', at);
        result.sent += 1;
      } catch (err) {
        const { message, permanent } = classifyError(err);
        const last = permanent || mail.attempts >= MAIL_MAX_ATTEMPTS;
        const retryAt = last
          ? null
          : nextAttemptAt(now, mail.attempts, { baseMs: MAIL_RETRY_BASE_MS }).toISOString();
        await repo.markFailed(d.id, message, retryAt, at);
        if (retryAt) result.retried += 1;
        else result.failed += 1;
      }
    }
  } finally {
    for (const t of transports.values()) t?.close();
  }
  return result;
}
