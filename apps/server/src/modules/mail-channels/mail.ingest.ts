import { createHash } from 'node:crypto';
import { AttachmentLimits, type CaseType } from '@aftercare/contracts';
import { inTransaction, type Deps, type ServiceContext } from '../../platform/context.js';
import { isUniqueViolation, type Executor } from '../../platform/db/database.js';
import { nextNumber } from '../../platform/db/numbers.js';
import { newId } from '../../platform/ids.js';
import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { loadWorkspaces, systemContext } from '../../platform/system-context.js';
import { tokenOfAddress, verifyReplyToken } from '../../platform/mail/reply-token.js';
import {
  addMessageInTx,
  CasesRepository,
  createCaseInTx,
  type CaseMessageRecord,
  type CaseRecord,
} from '../cases/index.js';
import { AttachmentsRepository, attachUploadsInTx, inspectAttachment } from '../attachments/index.js';
import { ContactsRepository } from '../contacts/index.js';
import { CustomersRepository } from '../customers/index.js';
import { PUBLIC_MAIL_DOMAINS } from '../webform/index.js';
import { parseMail, type InboundMail } from './mail.parse.js';
import { MailInboundRepository, type InboundKind, type SenderContact } from './mail-inbound.repository.js';
import { MailChannelsRepository, type MailChannelRecord } from './mail-channels.repository.js';

/** Automatic answers (acknowledgements) to one sender per workspace in one hour, at most. */
export const AUTO_REPLY_LIMIT = { max: 3, windowMs: 60 * 60 * 1000 } as const;

export type IngestStatus = 'created' | 'threaded' | 'noted' | 'dropped' | 'duplicate' | 'refused';

export interface IngestResult {
  status: IngestStatus;
  kind: InboundKind | null;
  caseId: string | null;
  caseMessageId: string | null;
  inboundId: string | null;
}

/** Thrown inside the intake transaction to roll it back when the channel refuses unknown senders. */
class Refused extends Error {}

/** A file of the mail, checked by its content before the transaction; refused ones are only noted. */
interface CheckedFile {
  name: string;
  contentType: string;
  isImage: boolean;
  content: Buffer;
}

async function checkFiles(
  mail: InboundMail,
): Promise<{ files: CheckedFile[]; refused: Array<{ name: string; reason: string }> }> {
  const files: CheckedFile[] = [];
  const refused: Array<{ name: string; reason: string }> = [];
  for (const f of mail.attachments) {
    if (files.length >= AttachmentLimits.perMessage) {
      refused.push({ name: f.filename, reason: 'too_many' });
      continue;
    }
    if (f.content.length > AttachmentLimits.fileBytes) {
      refused.push({ name: f.filename, reason: 'attachment_too_large' });
      continue;
    }
    try {
      const found = await inspectAttachment(f.content, f.filename);
      files.push({ ...found, content: f.content });
    } catch (err) {
      refused.push({
        name: f.filename,
        reason: err instanceof AppError ? err.code : 'attachment_type_refused',
      });
    }
  }
  return { files, refused };
}

function ctxAs(base: ServiceContext, contact: { id: string; name: string }): ServiceContext {
  return { ...base, actor: { type: 'contact', id: contact.id, name: contact.name } };
}

/** Whether the sender may get one more automatic answer now (no bounce, under the hourly limit). */
async function autoReplyRoom(repo: MailInboundRepository, address: string, now: Date): Promise<boolean> {
  if (await repo.bounced(address)) return false;
  const since = new Date(now.getTime() - AUTO_REPLY_LIMIT.windowMs).toISOString();
  return (await repo.autoRepliesSince(address, since)) < AUTO_REPLY_LIMIT.max;
}

/**
 * Whether an automatic answer (an acknowledgement) may go to this address now, and if so counts it: at most
 * AUTO_REPLY_LIMIT.max per sender per workspace per hour, never to a bounced address. Call it inside the
 * transaction that queues the answer.
 */
export async function mayAutoReply(
  tx: Executor,
  workspaceId: string,
  address: string,
  now: Date,
): Promise<boolean> {
  const repo = new MailInboundRepository(tx, workspaceId);
  const lower = address.trim().toLowerCase();
  if (!(await autoReplyRoom(repo, lower, now))) return false;
  await repo.recordAutoReply(newId(), lower, now.toISOString());
  return true;
}

/** The body a case message gets: the trimmed text when something was trimmed, else the HTML (sanitised later). */
function bodyOf(mail: InboundMail, locale: string): string {
  if (mail.trimmed && mail.trimmedText) return mail.trimmedText;
  if (mail.html && mail.html.replace(/<[^>]*>|&nbsp;|\s/g, '').length > 0) return mail.html;
  if (mail.text) return mail.text;
  return locale === 'en' ? '(no text)' : '（无正文）';
}

function subjectOf(mail: InboundMail, locale: string): string {
  const s = mail.subject.replace(/\s+/g, ' ').trim();
  return [...(s || (locale === 'en' ? '(no subject)' : '（无主题）'))].slice(0, 200).join('');
}

/**
 * Takes in one received mail for a channel: once per Message-ID per workspace (a second delivery, concurrent
 * or after a crash, is a duplicate and changes nothing), threaded into an existing case only when the reply
 * token verifies or the sender is a contact of that case's customer, otherwise a new case. Auto-replies and
 * bounces never open a case; mail loops are dropped. Resolves after the transaction has committed.
 */
export async function ingestMail(
  deps: Deps,
  channel: MailChannelRecord,
  raw: Buffer,
  envelope: { recipients?: string[] } = {},
): Promise<IngestResult> {
  const mail = await parseMail(raw);
  const { files, refused } = await checkFiles(mail);
  const ws = (await loadWorkspaces(deps.database.db, [channel.workspaceId])).get(channel.workspaceId);
  if (!ws) throw new Error('workspace of the mail channel is gone');
  const base = systemContext(deps, ws, 'mail-in');
  base.actor = { type: 'system', id: null, name: 'email' };
  const none: IngestResult = {
    status: 'duplicate',
    kind: null,
    caseId: null,
    caseMessageId: null,
    inboundId: null,
  };
  try {
    return await inTransaction(deps, async (tx) => {
      const repo = new MailInboundRepository(tx, ws.id);
      if (await repo.seen(mail.messageId)) return none;
      const inboundId = newId();
      const now = deps.clock.now();
      await repo.insert({
        id: inboundId,
        channelId: channel.id,
        messageId: mail.messageId,
        kind: mail.kind,
        fromAddress: mail.from?.address ?? '',
        subject: mail.subject,
        fullText: mail.text,
        fullHtml: mail.html,
        raw,
        receivedAt: now.toISOString(),
      });
      const outcome = await decide(tx, base, channel, mail, files, envelope.recipients ?? []);
      const notes = { ...outcome.notes, ...(refused.length ? { refusedAttachments: refused } : {}) };
      const sender = mail.from?.address ?? '';
      const autoReplyAllowed =
        outcome.kind === 'message' &&
        (outcome.status === 'created' || outcome.status === 'threaded') &&
        sender !== '' &&
        (await autoReplyRoom(repo, sender, now));
      await repo.settle(inboundId, {
        kind: outcome.kind,
        caseId: outcome.caseId,
        caseMessageId: outcome.caseMessageId,
        autoReplyAllowed,
        notes,
      });
      await emit(tx, base, 'mail.received', {
        inboundId,
        channelId: channel.id,
        kind: outcome.kind,
        status: outcome.status,
        caseId: outcome.caseId,
        messageId: outcome.caseMessageId,
        fromAddress: sender,
        autoReplyAllowed,
      });
      return { ...outcome, inboundId };
    });
  } catch (err) {
    if (err instanceof Refused) return { ...none, status: 'refused' };
    // A concurrent delivery of the same Message-ID committed first: this one is the duplicate.
    if (
      isUniqueViolation(err) &&
      (await new MailInboundRepository(deps.database.db, ws.id).seen(mail.messageId))
    )
      return none;
    throw err;
  }
}

interface Outcome {
  status: IngestStatus;
  kind: InboundKind;
  caseId: string | null;
  caseMessageId: string | null;
  notes: Record<string, unknown>;
}

/** The case a reply may go to, and on what grounds. */
async function threadOf(
  tx: Executor,
  ctx: ServiceContext,
  mail: InboundMail,
  envelopeRecipients: string[],
  sender: SenderContact | undefined,
): Promise<
  { case: CaseRecord; by: 'token' | 'reference' | 'subject' } | { case: null; rejected: string | null }
> {
  const cases = new CasesRepository(tx, ctx.workspace.id);
  const repo = new MailInboundRepository(tx, ctx.workspace.id);
  for (const address of [...envelopeRecipients, ...mail.recipients]) {
    const token = tokenOfAddress(address.toLowerCase());
    const caseId = token && verifyReplyToken(ctx.config.secret, ctx.workspace.id, token);
    const found = caseId ? await cases.find(caseId) : undefined;
    if (found) return { case: found, by: 'token' };
  }
  // Without a valid token, a reference or a case number only counts for a contact of that case's customer.
  let rejected: string | null = null;
  const byRef = await repo.caseOfMessageIds([...mail.inReplyTo, ...mail.references]);
  if (byRef) {
    const found = await cases.find(byRef);
    if (found && sender && sender.customerId === found.customerId) return { case: found, by: 'reference' };
    rejected = 'reference_of_another_customer';
  }
  const number = /\[(T-\d{4,})\]/i.exec(mail.subject)?.[1]?.toUpperCase();
  const byNumber = number ? await repo.caseIdByNumber(number) : null;
  if (byNumber) {
    const found = await cases.find(byNumber);
    if (found && sender && sender.customerId === found.customerId) return { case: found, by: 'subject' };
    rejected = rejected ?? 'case_number_of_another_customer';
  }
  return { case: null, rejected };
}

async function decide(
  tx: Executor,
  base: ServiceContext,
  channel: MailChannelRecord,
  mail: InboundMail,
  files: CheckedFile[],
  envelopeRecipients: string[],
): Promise<Outcome> {
  const ws = base.workspace;
  const repo = new MailInboundRepository(tx, ws.id);
  const from = mail.from?.address ?? '';
  const ownAddresses = (await new MailChannelsRepository(tx, ws.id).addresses()).map((a) => a.toLowerCase());
  const dropped = (kind: InboundKind, why: string): Outcome => ({
    status: 'dropped',
    kind,
    caseId: null,
    caseMessageId: null,
    notes: { dropped: why },
  });
  if (mail.aftercareLoop || mail.aftercareWorkspace === ws.slug || ownAddresses.includes(from))
    return dropped('loop', 'mail loop');
  if (!from) return dropped(mail.kind, 'no sender');

  let sender = await repo.contactByEmail(from);
  const thread = await threadOf(tx, base, mail, envelopeRecipients, sender);
  const notes: Record<string, unknown> = thread.case
    ? { threadedBy: thread.by }
    : { notThreaded: thread.rejected };

  if (mail.kind === 'bounce') {
    const marked = await repo.markBounced(mail.bouncedRecipients, base.clock.now().toISOString());
    for (const contactId of marked)
      await recordAudit(tx, base, {
        entityType: 'contact',
        entityId: contactId,
        action: 'email_bounced',
        changes: { emailBouncedAt: { from: null, to: base.clock.now().toISOString() } },
      });
    notes.bounced = mail.bouncedRecipients;
  }
  if (mail.kind !== 'message') {
    // Automatic mail never opens a case nor passes as the customer: at most an internal note on its case.
    if (!thread.case || thread.case.status === 'closed')
      return { ...dropped(mail.kind, 'automatic mail'), notes };
    const note = await addMessageInTx(
      tx,
      base,
      thread.case,
      `${mail.kind === 'bounce' ? '[退信 / Bounce]' : '[自动回复 / Auto-reply]'} ${mail.subject}\n\n${mail.trimmedText}`,
      'internal',
    );
    return { status: 'noted', kind: mail.kind, caseId: thread.case.id, caseMessageId: note.id, notes };
  }

  const storeFiles = async (ctx: ServiceContext): Promise<string[]> => {
    const attachments = new AttachmentsRepository(tx, ws.id);
    const ids: string[] = [];
    const at = ctx.clock.now();
    for (const f of files) {
      const id = newId();
      await attachments.insert(
        {
          id,
          name: f.name,
          size: f.content.length,
          contentType: f.contentType,
          isImage: f.isImage,
          sha256: createHash('sha256').update(f.content).digest('hex'),
          uploaderType: 'contact',
          uploaderId: ctx.actor.id ?? '',
          uploaderName: ctx.actor.name,
          caseId: null,
          messageId: null,
          planStepId: null,
          expiresAt: new Date(at.getTime() + AttachmentLimits.unattachedHours * 3_600_000).toISOString(),
          createdAt: at.toISOString(),
        },
        f.content,
      );
      ids.push(id);
    }
    return ids;
  };

  if (thread.case) {
    const target = thread.case;
    if (!sender) {
      // Only a verified token gets here with a stranger (someone the case's mail was forwarded or copied to).
      if (channel.unknownSender === 'refuse') throw new Refused();
      sender = await createSender(tx, base, mail, target.customerId);
    }
    const ctx = ctxAs(base, sender);
    try {
      const message: CaseMessageRecord = await addMessageInTx(
        tx,
        ctx,
        target,
        bodyOf(mail, ws.defaultLocale),
        'public',
      );
      await repo.setMailMessageId(message.id, mail.messageId);
      await attachUploadsInTx(tx, ctx, { caseId: target.id, messageId: message.id }, await storeFiles(ctx));
      return { status: 'threaded', kind: 'message', caseId: target.id, caseMessageId: message.id, notes };
    } catch (err) {
      // A closed case, or a solved one past the reopen window: the reply opens a new case instead.
      if (!(err instanceof AppError) || (err.code !== 'case_closed' && err.code !== 'reopen_window_passed'))
        throw err;
      notes.reopenRefused = err.code;
    }
  }

  if (!sender) {
    if (channel.unknownSender === 'refuse') throw new Refused();
    sender = await createSender(tx, base, mail, null);
  }
  const ctx = ctxAs(base, sender);
  const caseId = await createCaseInTx(tx, ctx, {
    customerId: sender.customerId,
    contactId: sender.id,
    subject: subjectOf(mail, ws.defaultLocale),
    type: channel.caseType as CaseType,
    severity: 'S3',
    channel: 'email',
    body: bodyOf(mail, ws.defaultLocale),
    assigneeId: null,
    teamId: channel.teamId,
    attachmentIds: await storeFiles(ctx),
  });
  const first = await repo.firstMessageId(caseId);
  if (first) await repo.setMailMessageId(first, mail.messageId);
  return { status: 'created', kind: 'message', caseId, caseMessageId: first, notes };
}

/**
 * A contact for an unknown sender: under the given customer (a verified reply), else the customer whose
 * contacts write from the same company domain, else a new customer (per domain; per person for public mailbox
 * domains such as qq.com or gmail.com).
 */
async function createSender(
  tx: Executor,
  ctx: ServiceContext,
  mail: InboundMail,
  customerId: string | null,
): Promise<SenderContact> {
  const ws = ctx.workspace.id;
  const email = mail.from?.address ?? '';
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const shared = PUBLIC_MAIL_DOMAINS.has(domain);
  const name = [...(mail.from?.name.trim() || email.slice(0, email.lastIndexOf('@')) || email)]
    .slice(0, 100)
    .join('');
  const now = ctx.clock.now().toISOString();
  let customer =
    customerId ?? (shared ? null : await new MailInboundRepository(tx, ws).customerOfDomain(domain));
  if (!customer) {
    const repo = new MailInboundRepository(tx, ws);
    let code: string;
    do code = `MAIL-${String(await nextNumber(tx, ws, 'mail_customer')).padStart(5, '0')}`;
    while (await repo.customerCodeTaken(code));
    customer = newId();
    const customerName = [...(shared ? name : domain)].slice(0, 200).join('');
    await new CustomersRepository(tx, ws).insert(
      customer,
      {
        code,
        name: customerName,
        tier: 'standard',
        tags: ['email'],
        ownerId: null,
        phone: null,
        website: shared ? null : domain,
        province: null,
        city: null,
        address: null,
        latitude: null,
        longitude: null,
        notes: null,
      },
      now,
    );
    await recordAudit(tx, ctx, {
      entityType: 'customer',
      entityId: customer,
      action: 'created',
      after: { code, name: customerName, tier: 'standard', source: 'email' },
    });
    await emit(tx, ctx, 'customer.created', { customerId: customer, source: 'email' });
  }
  const id = newId();
  await new ContactsRepository(tx, ws).insert(
    id,
    {
      customerId: customer,
      name,
      email,
      phone: null,
      wechatId: null,
      title: null,
      birthday: null,
      locale: ctx.workspace.defaultLocale,
      portalAccess: false,
      companyWide: false,
    },
    now,
  );
  await recordAudit(tx, ctx, {
    entityType: 'contact',
    entityId: id,
    action: 'created',
    after: { customerId: customer, name, email, source: 'email' },
  });
  await emit(tx, ctx, 'contact.created', { contactId: id, customerId: customer, source: 'email' });
  return { id, customerId: customer, name, bounced: false };
}
