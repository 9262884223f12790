import type { MailBrand, MailStatus, SmtpSecurity } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';

/** A workspace's outgoing mail settings, everything but the password. */
export interface MailSettingsData {
  enabled: boolean;
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  fromName: string;
  fromAddress: string;
  replyToAddress: string;
  brand: MailBrand;
}

export interface MailSettingsRecord {
  data: MailSettingsData;
  /** The password sealed with SecretBox, null when none. */
  passwordSealed: string | null;
  /** 0 while the workspace runs on the defaults (no row yet). */
  version: number;
}

/** `return_step`: a step of a return told to its contact (0020). */
export type MailKind = 'acknowledgement' | 'reply' | 'return_step';

/** One mail in the queue. */
export interface OutboundMail {
  id: string;
  kind: MailKind;
  /** The case the mail is about, null for mail about a return. */
  caseId: string | null;
  /** The return the mail is about (return steps), else null. */
  returnId: string | null;
  messageId: string | null;
  to: string;
  cc: string[];
  subject: string;
  /** The Message-ID, without angle brackets. */
  mailMessageId: string;
  /** From, Reply-To, In-Reply-To, References, Auto-Submitted, X-Aftercare-Workspace… */
  headers: Record<string, string>;
  text: string;
  html: string;
  attachmentIds: string[];
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  smtpResponse: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** What the queue needs to know of the case a mail is about and its contact. */
export interface CaseMailFacts {
  contactEmail: string | null;
  contactLocale: string | null;
}

/** What the queue needs to know of a return and its contact. */
export interface ReturnMailFacts {
  number: string;
  contactEmail: string | null;
  contactLocale: string | null;
  contactName: string;
}

/** A message of a case with the Message-ID it was received or sent with. */
export interface ThreadEntry {
  id: string;
  authorType: string;
  mailMessageId: string | null;
}

type MailRow = {
  id: string;
  kind: string;
  case_id: string | null;
  return_id: string | null;
  message_id: string | null;
  to_address: string;
  cc: string;
  subject: string;
  mail_message_id: string;
  headers: string;
  text_body: string;
  html_body: string;
  attachment_ids: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  smtp_response: string | null;
  sent_at: string | null;
  created_at: string;
};

const record = (r: MailRow): OutboundMail => ({
  id: r.id,
  kind: r.kind as MailKind,
  caseId: r.case_id,
  returnId: r.return_id,
  messageId: r.message_id,
  to: r.to_address,
  cc: JSON.parse(r.cc) as string[],
  subject: r.subject,
  mailMessageId: r.mail_message_id,
  headers: JSON.parse(r.headers) as Record<string, string>,
  text: r.text_body,
  html: r.html_body,
  attachmentIds: JSON.parse(r.attachment_ids) as string[],
  status: r.status as MailStatus,
  attempts: r.attempts,
  nextAttemptAt: String(r.next_attempt_at),
  lastError: r.last_error,
  smtpResponse: r.smtp_response,
  sentAt: r.sent_at === null ? null : String(r.sent_at),
  createdAt: String(r.created_at),
});

export class MailOutboundRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async loadSettings(): Promise<Omit<MailSettingsRecord, 'data'> & { data: Partial<MailSettingsData> }> {
    const r = await this.db
      .selectFrom('mail_settings')
      .select(['settings', 'password_sealed', 'version'])
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirst();
    if (!r) return { data: {}, passwordSealed: null, version: 0 };
    return {
      data: JSON.parse(r.settings) as Partial<MailSettingsData>,
      passwordSealed: r.password_sealed,
      version: r.version,
    };
  }

  /** Optimistic save: false when the version is stale. */
  async saveSettings(
    data: MailSettingsData,
    passwordSealed: string | null,
    version: number,
    now: string,
  ): Promise<boolean> {
    const values = { settings: JSON.stringify(data), password_sealed: passwordSealed, updated_at: now };
    if (version === 0) {
      const res = await this.db
        .insertInto('mail_settings')
        .values({ workspace_id: this.workspaceId, ...values, version: 1 })
        .onConflict((oc) => oc.column('workspace_id').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const res = await this.db
      .updateTable('mail_settings')
      .set({ ...values, version: version + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The contact of a case: its address and language. */
  async caseMailFacts(caseId: string): Promise<CaseMailFacts | undefined> {
    const r = await this.db
      .selectFrom('cases as c')
      .leftJoin('contacts as p', (j) =>
        j.onRef('p.workspace_id', '=', 'c.workspace_id').onRef('p.id', '=', 'c.contact_id'),
      )
      .select(['p.email', 'p.locale'])
      .where('c.workspace_id', '=', this.workspaceId)
      .where('c.id', '=', caseId)
      .executeTakeFirst();
    return r ? { contactEmail: r.email, contactLocale: r.locale } : undefined;
  }

  /** The messages of a case, oldest first, with their Message-IDs (threading headers). */
  async thread(caseId: string): Promise<ThreadEntry[]> {
    const rows = await this.db
      .selectFrom('case_messages')
      .select(['id', 'author_type', 'mail_message_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, authorType: r.author_type, mailMessageId: r.mail_message_id }));
  }

  /** The ids of the files attached to a message. */
  async messageAttachmentIds(messageId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('attachments')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('message_id', '=', messageId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Records the Message-ID a case message is sent with (so the customer's answer threads to it). */
  async setMessageMailId(messageId: string, mailMessageId: string): Promise<void> {
    await this.db
      .updateTable('case_messages')
      .set({ mail_message_id: mailMessageId })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', messageId)
      .where('mail_message_id', 'is', null)
      .execute();
  }

  async insert(m: OutboundMail): Promise<void> {
    await this.db
      .insertInto('mail_outbound')
      .values({
        workspace_id: this.workspaceId,
        id: m.id,
        kind: m.kind,
        case_id: m.caseId,
        return_id: m.returnId,
        message_id: m.messageId,
        to_address: m.to,
        cc: JSON.stringify(m.cc),
        subject: m.subject,
        mail_message_id: m.mailMessageId,
        headers: JSON.stringify(m.headers),
        text_body: m.text,
        html_body: m.html,
        attachment_ids: JSON.stringify(m.attachmentIds),
        status: m.status,
        attempts: m.attempts,
        next_attempt_at: m.nextAttemptAt,
        last_error: m.lastError,
        smtp_response: m.smtpResponse,
        sent_at: m.sentAt,
        created_at: m.createdAt,
        updated_at: m.createdAt,
      })
      .execute();
  }

  async find(id: string): Promise<OutboundMail | undefined> {
    const r = await this.db
      .selectFrom('mail_outbound')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? record(r) : undefined;
  }

  /** The mail about a return, oldest first (the delivery state staff see on the return). */
  async ofReturn(returnId: string): Promise<OutboundMail[]> {
    const rows = await this.db
      .selectFrom('mail_outbound')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('return_id', '=', returnId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(record);
  }

  /** The contact of a return, with the address and language its mail goes to. */
  async returnMailFacts(returnId: string): Promise<ReturnMailFacts | undefined> {
    return this.db
      .selectFrom('returns as r')
      .innerJoin('contacts as ct', (j) =>
        j.onRef('ct.workspace_id', '=', 'r.workspace_id').onRef('ct.id', '=', 'r.contact_id'),
      )
      .select([
        'r.number as number',
        'ct.email as contactEmail',
        'ct.locale as contactLocale',
        'ct.name as contactName',
      ])
      .where('r.workspace_id', '=', this.workspaceId)
      .where('r.id', '=', returnId)
      .executeTakeFirst();
  }

  /** The mail of every message of a case, in one query (the latest per message wins). */
  async ofCase(caseId: string): Promise<OutboundMail[]> {
    const rows = await this.db
      .selectFrom('mail_outbound')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(record);
  }

  /**
   * Takes a due mail for sending: only one process wins the conditional update. The lease (next_attempt_at)
   * lets another process take the mail again if this one dies while sending.
   */
  async claim(id: string, dueBy: string, leaseUntil: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('mail_outbound')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: leaseUntil,
        updated_at: now,
      }))
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'sending'])
      .where('next_attempt_at', '<=', dueBy)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async markSent(id: string, response: string, now: string): Promise<void> {
    await this.db
      .updateTable('mail_outbound')
      .set({ status: 'sent', smtp_response: response.slice(0, 1000), sent_at: now, updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** A failed attempt: queued again at `retryAt`, or failed for good when `retryAt` is null. */
  async markFailed(id: string, error: string, retryAt: string | null, now: string): Promise<void> {
    await this.db
      .updateTable('mail_outbound')
      .set({
        status: retryAt ? 'queued' : 'failed',
        last_error: error.slice(0, 1000),
        smtp_response: error.slice(0, 1000),
        ...(retryAt ? { next_attempt_at: retryAt } : {}),
        updated_at: now,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** "Retry now" for a failed mail: queued again for the next pass. False unless it had failed. */
  async requeue(id: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('mail_outbound')
      .set({ status: 'queued', next_attempt_at: now, updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'bounced'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}

/** Due mail of every workspace (or of the given ones), oldest first. */
export async function dueMail(
  db: Executor,
  now: string,
  workspaceIds: string[] | undefined,
  limit: number,
): Promise<Array<{ workspaceId: string; id: string }>> {
  if (workspaceIds && workspaceIds.length === 0) return [];
  let q = db
    .selectFrom('mail_outbound')
    .select(['workspace_id', 'id'])
    .where('status', 'in', ['queued', 'sending'])
    .where('next_attempt_at', '<=', now);
  if (workspaceIds) q = q.where('workspace_id', 'in', workspaceIds);
  const rows = await q.orderBy('next_attempt_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, id: r.id }));
}
