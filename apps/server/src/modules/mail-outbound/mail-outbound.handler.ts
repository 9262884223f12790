import type { Locale } from '@aftercare/contracts';
import type { EventHandler, OutboxEvent } from '../../platform/events/dispatcher.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { replyAddress, replyToken } from '../../platform/mail/reply-token.js';
import { CasesRepository, type CaseRecord } from '../cases/index.js';
import { caseCommitments } from '../sla/index.js';
import { mayAutoReply } from '../mail-channels/index.js';
import {
  MailOutboundRepository,
  type MailKind,
  type OutboundMail,
  type ThreadEntry,
} from './mail-outbound.repository.js';
import { domainOf, loadMailSettings, mailSender, type MailIdentity } from './mail-transport.js';
import { formatCommitment, renderAcknowledgement, renderReply, type RenderedMail } from './templates.js';

const localeOf = (contactLocale: string | null, ctx: ServiceContext): Locale =>
  contactLocale === 'en' || contactLocale === 'zh-CN' ? contactLocale : ctx.workspace.defaultLocale;

/**
 * In-Reply-To and References of a mail on a case: the customer's last mail is the parent (else the last mail of
 * the conversation); References lists the conversation's Message-IDs, oldest first, ending with the parent.
 */
export function threadingHeaders(thread: ThreadEntry[], beforeId: string | null): Record<string, string> {
  const upTo = beforeId ? thread.findIndex((m) => m.id === beforeId) : -1;
  const earlier = (upTo >= 0 ? thread.slice(0, upTo) : thread).filter((m) => m.mailMessageId);
  if (!earlier.length) return {};
  const parent =
    [...earlier].reverse().find((m) => m.authorType === 'contact') ??
    (earlier[earlier.length - 1] as ThreadEntry);
  const ids = earlier.filter((m) => m !== parent).map((m) => `<${m.mailMessageId}>`);
  ids.push(`<${parent.mailMessageId}>`);
  return { 'In-Reply-To': `<${parent.mailMessageId}>`, References: ids.join(' ') };
}

/** Fills the outgoing mail queue from case events; runs inside the dispatch transaction and only writes rows. */
export const mailOutboundHandler: EventHandler = {
  name: 'mail-outbound',
  handles: (type) => type === 'case.created' || type === 'case.message_added',
  async handle(tx, event, ctx) {
    if (event.type === 'case.created') await acknowledge(tx, event, ctx);
    else await forwardReply(tx, event, ctx);
  },
};

interface QueueInput {
  kind: MailKind;
  c: CaseRecord;
  to: string;
  messageId: string | null;
  mailMessageId: string;
  identity: MailIdentity;
  rendered: RenderedMail;
  extraHeaders: Record<string, string>;
  attachmentIds: string[];
}

async function queue(tx: Tx, ctx: ServiceContext, q: QueueInput): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const token = replyToken(ctx.config.secret, ctx.workspace.id, q.c.id);
  const mail: OutboundMail = {
    id: newId(),
    kind: q.kind,
    caseId: q.c.id,
    returnId: null,
    messageId: q.messageId,
    to: q.to,
    cc: [],
    subject: q.rendered.subject,
    mailMessageId: q.mailMessageId,
    headers: {
      'X-Aftercare-From-Name': q.identity.fromName,
      'X-Aftercare-From-Address': q.identity.fromAddress,
      'Reply-To': replyAddress(q.identity.replyBase, token),
      'X-Aftercare-Workspace': ctx.workspace.slug,
      ...q.extraHeaders,
    },
    text: q.rendered.text,
    html: q.rendered.html,
    attachmentIds: q.attachmentIds,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    smtpResponse: null,
    sentAt: null,
    createdAt: now,
  };
  await new MailOutboundRepository(tx, ctx.workspace.id).insert(mail);
}

async function context(tx: Tx, ctx: ServiceContext, caseId: string) {
  const c = await new CasesRepository(tx, ctx.workspace.id).find(caseId);
  if (!c) return null;
  const facts = await new MailOutboundRepository(tx, ctx.workspace.id).caseMailFacts(caseId);
  const to = facts?.contactEmail?.trim();
  if (!to) return null;
  const settings = await loadMailSettings(tx, ctx.workspace.id, ctx.workspace.name);
  const sender = mailSender(ctx.config, settings.data, null, ctx.workspace.name);
  return { c, to, locale: localeOf(facts?.contactLocale ?? null, ctx), sender };
}

/**
 * The acknowledgement of a new case, with its commitment and the service hours, to the case's contact. Cases
 * opened from an auto-reply never get here (the inbound side does not open them); a sender who already had
 * AUTO_REPLY_LIMIT.max acknowledgements within its window (or whose address bounced) gets no more (mail-channels).
 */
async function acknowledge(tx: Tx, event: OutboxEvent, ctx: ServiceContext): Promise<void> {
  const x = await context(tx, ctx, String(event.payload.caseId));
  if (!x) return;
  if (!(await mayAutoReply(tx, ctx.workspace.id, x.to, ctx.clock.now()))) return;
  const commitment = (await caseCommitments(tx, { ...ctx, locale: x.locale }, [x.c])).get(x.c.id) ?? null;
  const rendered = renderAcknowledgement(
    { brand: x.sender.settings.brand, locale: x.locale, caseNumber: x.c.number },
    {
      caseNumber: x.c.number,
      subject: x.c.subject,
      contactName: x.c.contactName,
      answerBy: commitment?.answerBy
        ? formatCommitment(commitment.answerBy, x.locale, commitment.timeZone)
        : null,
      hours: commitment?.hours ?? [],
    },
  );
  const id = newId();
  const thread = await new MailOutboundRepository(tx, ctx.workspace.id).thread(x.c.id);
  await queue(tx, ctx, {
    kind: 'acknowledgement',
    c: x.c,
    to: x.to,
    messageId: null,
    mailMessageId: `${id}@${domainOf(x.sender.identity.fromAddress)}`,
    identity: x.sender.identity,
    rendered,
    extraHeaders: { ...threadingHeaders(thread, null), 'Auto-Submitted': 'auto-replied' },
    attachmentIds: [],
  });
}

/** A public reply of an agent, to the case's contact with its files. Internal notes never leave. */
async function forwardReply(tx: Tx, event: OutboxEvent, ctx: ServiceContext): Promise<void> {
  const p = event.payload;
  if (p.visibility !== 'public' || p.authorType !== 'user') return;
  const messageId = String(p.messageId);
  const x = await context(tx, ctx, String(p.caseId));
  if (!x) return;
  const repo = new MailOutboundRepository(tx, ctx.workspace.id);
  const message = await new CasesRepository(tx, ctx.workspace.id)
    .messages(x.c.id)
    .then((all) => all.find((m) => m.id === messageId));
  if (!message || message.visibility !== 'public') return;
  const thread = await repo.thread(x.c.id);
  const mailMessageId =
    thread.find((m) => m.id === messageId)?.mailMessageId ??
    `${messageId}@${domainOf(x.sender.identity.fromAddress)}`;
  await repo.setMessageMailId(messageId, mailMessageId);
  const rendered = renderReply(
    { brand: x.sender.settings.brand, locale: x.locale, caseNumber: x.c.number },
    {
      caseNumber: x.c.number,
      subject: x.c.subject,
      bodyHtml: message.bodyHtml,
      bodyText: message.bodyText,
      author: message.authorName,
    },
  );
  await queue(tx, ctx, {
    kind: 'reply',
    c: x.c,
    to: x.to,
    messageId,
    mailMessageId,
    identity: x.sender.identity,
    rendered,
    extraHeaders: threadingHeaders(thread, messageId),
    attachmentIds: await repo.messageAttachmentIds(messageId),
  });
}
