import { fromBool, toBool, type Executor } from '../../platform/db/database.js';

export type InboundKind = 'message' | 'auto_reply' | 'bounce' | 'loop';

export interface InboundRow {
  id: string;
  channelId: string | null;
  messageId: string;
  kind: InboundKind;
  fromAddress: string;
  subject: string;
  fullText: string;
  fullHtml: string | null;
  raw: Buffer;
  receivedAt: string;
}

export interface SenderContact {
  id: string;
  customerId: string;
  name: string;
  bounced: boolean;
}

/** The original of a case message received by mail (what "show original" shows). */
export interface MailOriginal {
  caseMessageId: string;
  messageId: string;
  fromAddress: string;
  subject: string;
  fullText: string;
  fullHtml: string | null;
  receivedAt: string;
}

/** Intake's reads and writes: inbound mail, the threading lookups, senders and the automatic-answer log. */
export class MailInboundRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async seen(messageId: string): Promise<boolean> {
    const a = await this.db
      .selectFrom('mail_inbound')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    if (a) return true;
    const b = await this.db
      .selectFrom('case_messages')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('mail_message_id', '=', messageId)
      .executeTakeFirst();
    return Boolean(b);
  }

  /** Claims the Message-ID: a second insert of the same id fails on the unique key (also concurrently). */
  async insert(r: InboundRow): Promise<void> {
    await this.db
      .insertInto('mail_inbound')
      .values({
        workspace_id: this.workspaceId,
        id: r.id,
        channel_id: r.channelId,
        message_id: r.messageId,
        kind: r.kind,
        from_address: r.fromAddress,
        subject: r.subject,
        case_id: null,
        case_message_id: null,
        auto_reply_allowed: 0,
        full_text: r.fullText,
        full_html: r.fullHtml,
        notes: '{}',
        raw: r.raw,
        received_at: r.receivedAt,
      })
      .execute();
  }

  async settle(
    id: string,
    s: {
      kind: InboundKind;
      caseId: string | null;
      caseMessageId: string | null;
      autoReplyAllowed: boolean;
      notes: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.db
      .updateTable('mail_inbound')
      .set({
        kind: s.kind,
        case_id: s.caseId,
        case_message_id: s.caseMessageId,
        auto_reply_allowed: fromBool(s.autoReplyAllowed),
        notes: JSON.stringify(s.notes),
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** The case a message with one of these Message-IDs belongs to (sent or received), newest first. */
  async caseOfMessageIds(ids: string[]): Promise<string | null> {
    if (!ids.length) return null;
    const sent = await this.db
      .selectFrom('case_messages')
      .select('case_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('mail_message_id', 'in', ids)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (sent) return sent.case_id;
    const received = await this.db
      .selectFrom('mail_inbound')
      .select('case_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('message_id', 'in', ids)
      .where('case_id', 'is not', null)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
    return received?.case_id ?? null;
  }

  async caseIdByNumber(number: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('cases')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('number', '=', number)
      .executeTakeFirst();
    return r?.id ?? null;
  }

  async contactByEmail(email: string): Promise<SenderContact | undefined> {
    const r = await this.db
      .selectFrom('contacts')
      .select(['id', 'customer_id', 'name', 'email_bounced_at'])
      .where('workspace_id', '=', this.workspaceId)
      .where('email', '=', email)
      .executeTakeFirst();
    return r && { id: r.id, customerId: r.customer_id, name: r.name, bounced: Boolean(r.email_bounced_at) };
  }

  /** A customer whose contacts write from this (company) domain; the one with most such contacts. */
  async customerOfDomain(domain: string): Promise<string | null> {
    const rows = await this.db
      .selectFrom('contacts')
      .select(['customer_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('email', 'like', `%@${domain.replace(/[%_\\]/g, '')}`)
      .execute();
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.customer_id, (counts.get(r.customer_id) ?? 0) + 1);
    let best: string | null = null;
    for (const [id, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = id;
    return best;
  }

  async customerCodeTaken(code: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('customers')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('code', '=', code)
      .executeTakeFirst();
    return Boolean(r);
  }

  async setMailMessageId(caseMessageId: string, messageId: string): Promise<void> {
    await this.db
      .updateTable('case_messages')
      .set({ mail_message_id: messageId })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', caseMessageId)
      .execute();
  }

  async firstMessageId(caseId: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('case_messages')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    return r?.id ?? null;
  }

  /** Marks the contacts with these addresses as bounced; returns their ids. */
  async markBounced(emails: string[], at: string): Promise<string[]> {
    if (!emails.length) return [];
    const rows = await this.db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('email', 'in', emails)
      .execute();
    if (!rows.length) return [];
    await this.db
      .updateTable('contacts')
      .set({ email_bounced_at: at })
      .where('workspace_id', '=', this.workspaceId)
      .where('email', 'in', emails)
      .execute();
    return rows.map((r) => r.id);
  }

  async bounced(email: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('contacts')
      .select('email_bounced_at')
      .where('workspace_id', '=', this.workspaceId)
      .where('email', '=', email)
      .executeTakeFirst();
    return Boolean(r?.email_bounced_at);
  }

  async autoRepliesSince(address: string, since: string): Promise<number> {
    const r = await this.db
      .selectFrom('mail_auto_replies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', this.workspaceId)
      .where('address', '=', address)
      .where('sent_at', '>', since)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async recordAutoReply(id: string, address: string, at: string): Promise<void> {
    await this.db
      .insertInto('mail_auto_replies')
      .values({ workspace_id: this.workspaceId, id, address, sent_at: at })
      .execute();
  }

  async autoReplyAllowed(id: string): Promise<boolean | null> {
    const r = await this.db
      .selectFrom('mail_inbound')
      .select('auto_reply_allowed')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toBool(r.auto_reply_allowed) : null;
  }
}

/** The originals of a case's messages that came in by mail. */
export async function originalsOfCase(
  db: Executor,
  workspaceId: string,
  caseId: string,
): Promise<MailOriginal[]> {
  const rows = await db
    .selectFrom('mail_inbound')
    .select([
      'case_message_id',
      'message_id',
      'from_address',
      'subject',
      'full_text',
      'full_html',
      'received_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .where('case_message_id', 'is not', null)
    .orderBy('received_at')
    .execute();
  return rows.map((r) => ({
    caseMessageId: r.case_message_id ?? '',
    messageId: r.message_id,
    fromAddress: r.from_address,
    subject: r.subject,
    fullText: r.full_text,
    fullHtml: r.full_html,
    receivedAt: r.received_at,
  }));
}
