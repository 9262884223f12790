import type { Locale } from '@aftercare/contracts';
import type { EventHandler, OutboxEvent } from '../../platform/events/dispatcher.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { MailOutboundRepository } from './mail-outbound.repository.js';
import { domainOf, loadMailSettings, mailSender } from './mail-transport.js';
import { formatCommitment, renderReturnStep, type ReturnStepData } from './templates.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The step (and its data) an outbox event of a return tells the customer, or null for internal events. */
type StepData = Omit<ReturnStepData, 'number' | 'contactName' | 'link'>;

function stepOf(
  event: OutboxEvent,
  when: (iso: string | null) => string | null,
  money: (c: unknown) => string | null,
): StepData | null {
  const p = event.payload;
  switch (event.type) {
    case 'return.created':
      return { step: 'created', dueAt: when(str(p.decisionDueAt)) };
    case 'return.reviewed':
      return p.verdict === 'needs_info' ? { step: 'needs_info', comment: str(p.comment) } : null;
    case 'return.decided': {
      const reasons = Array.isArray(p.reasons)
        ? p.reasons.map((r: unknown) => {
            const o = (r ?? {}) as Record<string, unknown>;
            return { department: str(o.department) ?? '', comment: str(o.comment) };
          })
        : [];
      if (p.decision === 'approved')
        return { step: 'approved', reasons, logistics: str(p.logistics), refund: money(p.refundCents) };
      if (p.decision === 'rejected') return { step: 'rejected', reasons, canAppeal: p.canAppeal === true };
      return null;
    }
    case 'return.appealed':
      return { step: 'appealed', dueAt: when(str(p.decisionDueAt)) };
    case 'return.shipped':
      return str(p.pickupAt)
        ? { step: 'pickup_scheduled', pickupAt: when(str(p.pickupAt)) }
        : { step: 'shipped', trackingNumber: str(p.trackingNumber) };
    case 'return.received':
      return { step: 'received' };
    case 'return.inspected':
      return { step: 'inspected', passed: p.passed === true };
    case 'return.completed':
      if (p.outcome === 'refund') return { step: 'refunded', refund: money(p.refundCents) };
      if (p.outcome === 'repair') return { step: 'repair_opened' };
      return { step: 'replacement_ordered' };
    case 'return.cancelled':
      return { step: 'cancelled', comment: str(p.reason) };
    default:
      return null;
  }
}

/**
 * Tells a return's contact each step the customer follows (received, needs information, the decision with the
 * departments' reasons, appeal, pickup or shipping, received, inspected, the outcome, cancelled): one mail per
 * step on the `mail_outbound` queue (`kind` return_step, `return_id` set), branded and sent like case mail.
 * Runs inside the dispatch transaction and only writes rows. Contacts without an address get no mail.
 */
export const returnMailHandler: EventHandler = {
  name: 'mail-outbound-returns',
  handles: (type) => type.startsWith('return.'),
  async handle(tx, event, ctx) {
    await queueReturnStep(tx, event, ctx);
  },
};

async function queueReturnStep(tx: Tx, event: OutboxEvent, ctx: ServiceContext): Promise<void> {
  const returnId = str(event.payload.returnId);
  if (!returnId) return;
  const repo = new MailOutboundRepository(tx, ctx.workspace.id);
  const facts = await repo.returnMailFacts(returnId);
  const to = facts?.contactEmail?.trim();
  if (!facts || !to) return;
  const locale: Locale =
    facts.contactLocale === 'en' || facts.contactLocale === 'zh-CN'
      ? facts.contactLocale
      : ctx.workspace.defaultLocale;
  const when = (iso: string | null) =>
    iso && !Number.isNaN(Date.parse(iso)) ? formatCommitment(iso, locale, ctx.workspace.timezone) : null;
  const money = (cents: unknown) =>
    typeof cents === 'number' && Number.isFinite(cents)
      ? new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
          style: 'currency',
          currency: 'CNY',
        }).format(cents / 100)
      : null;
  const step = stepOf(event, when, money);
  if (!step) return;
  const settings = await loadMailSettings(tx, ctx.workspace.id, ctx.workspace.name);
  const sender = mailSender(ctx.config, settings.data, null, ctx.workspace.name);
  const rendered = renderReturnStep(
    { brand: sender.settings.brand, locale, caseNumber: '' },
    {
      ...step,
      number: facts.number,
      contactName: facts.contactName,
      link: `${ctx.config.publicUrl}/portal/returns/${returnId}`,
    },
  );
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await repo.insert({
    id,
    kind: 'return_step',
    caseId: null,
    returnId,
    messageId: null,
    to,
    cc: [],
    subject: rendered.subject,
    mailMessageId: `${id}@${domainOf(sender.identity.fromAddress)}`,
    headers: {
      'X-Aftercare-From-Name': sender.identity.fromName,
      'X-Aftercare-From-Address': sender.identity.fromAddress,
      'Reply-To': sender.identity.replyBase,
      'X-Aftercare-Workspace': ctx.workspace.slug,
      'X-Aftercare-Return': facts.number,
    },
    text: rendered.text,
    html: rendered.html,
    attachmentIds: [],
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    smtpResponse: null,
    sentAt: null,
    createdAt: now,
  });
}
