import type { MessageAuthorType, MessageVisibility, PresenceState } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';

export interface LinkRow {
  id: string;
  kind: 'merge' | 'split';
  sourceCaseId: string;
  targetCaseId: string;
  messageId: string | null;
  createdAt: string;
}

export interface LinkedCase {
  kind: 'merge' | 'split';
  /** true: this case is the source (merged into / split from here). */
  outgoing: boolean;
  caseId: string;
  number: string;
  subject: string;
  customerId: string;
  contactId: string | null;
  at: string;
}

/** Merge/split links between cases, message origins, and presence on a case. */
export class CaseMergesRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async insertLink(l: LinkRow): Promise<void> {
    await this.db
      .insertInto('case_merges')
      .values({
        workspace_id: this.workspaceId,
        id: l.id,
        kind: l.kind,
        source_case_id: l.sourceCaseId,
        target_case_id: l.targetCaseId,
        message_id: l.messageId,
        created_at: l.createdAt,
      })
      .execute();
  }

  /** The cases linked to this one, both directions, oldest link first. */
  async linksOf(caseId: string): Promise<LinkedCase[]> {
    const out = (dir: 'source' | 'target') =>
      this.db
        .selectFrom('case_merges as l')
        .innerJoin('cases as c', (j) =>
          j
            .onRef('c.workspace_id', '=', 'l.workspace_id')
            .onRef('c.id', '=', dir === 'source' ? 'l.target_case_id' : 'l.source_case_id'),
        )
        .select(['l.kind', 'l.created_at', 'c.id', 'c.number', 'c.subject', 'c.customer_id', 'c.contact_id'])
        .where('l.workspace_id', '=', this.workspaceId)
        .where(dir === 'source' ? 'l.source_case_id' : 'l.target_case_id', '=', caseId)
        .execute();
    const [from, to] = [await out('source'), await out('target')];
    const map = (outgoing: boolean) => (r: (typeof from)[number]) => ({
      kind: r.kind as 'merge' | 'split',
      outgoing,
      caseId: r.id,
      number: r.number,
      subject: r.subject,
      customerId: r.customer_id,
      contactId: r.contact_id,
      at: r.created_at,
    });
    return [...from.map(map(true)), ...to.map(map(false))].sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Copies a message into another case keeping author, visibility and time; records where it came from. */
  async copyMessage(
    m: {
      id: string;
      authorType: MessageAuthorType;
      authorId: string | null;
      authorName: string | null;
      visibility: MessageVisibility;
      bodyHtml: string;
      bodyText: string;
      createdAt: string;
    },
    fromCaseId: string,
    toCaseId: string,
    newId: string,
  ): Promise<void> {
    await this.db
      .insertInto('case_messages')
      .values({
        workspace_id: this.workspaceId,
        id: newId,
        case_id: toCaseId,
        author_type: m.authorType,
        author_id: m.authorId,
        author_name: m.authorName,
        visibility: m.visibility,
        body_html: m.bodyHtml,
        body_text: m.bodyText,
        created_at: m.createdAt,
      })
      .execute();
    await this.db
      .insertInto('case_message_origins')
      .values({
        workspace_id: this.workspaceId,
        message_id: newId,
        case_id: toCaseId,
        from_case_id: fromCaseId,
        from_message_id: m.id,
      })
      .execute();
  }

  /** Gives the first message of a split-off case the author, visibility and time of the message it came from. */
  async restoreAuthor(
    messageId: string,
    m: {
      authorType: MessageAuthorType;
      authorId: string | null;
      authorName: string | null;
      visibility: MessageVisibility;
      createdAt: string;
    },
  ): Promise<void> {
    await this.db
      .updateTable('case_messages')
      .set({
        author_type: m.authorType,
        author_id: m.authorId,
        author_name: m.authorName,
        visibility: m.visibility,
        created_at: m.createdAt,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', messageId)
      .execute();
  }

  async origins(
    caseId: string,
  ): Promise<Array<{ messageId: string; fromCaseId: string; fromNumber: string }>> {
    const rows = await this.db
      .selectFrom('case_message_origins as o')
      .innerJoin('cases as c', (j) =>
        j.onRef('c.workspace_id', '=', 'o.workspace_id').onRef('c.id', '=', 'o.from_case_id'),
      )
      .select(['o.message_id', 'o.from_case_id', 'c.number'])
      .where('o.workspace_id', '=', this.workspaceId)
      .where('o.case_id', '=', caseId)
      .execute();
    return rows.map((r) => ({ messageId: r.message_id, fromCaseId: r.from_case_id, fromNumber: r.number }));
  }

  /* Presence */

  async upsertPresence(caseId: string, userId: string, state: PresenceState, now: string): Promise<void> {
    await this.db
      .insertInto('case_presence')
      .values({ workspace_id: this.workspaceId, case_id: caseId, user_id: userId, state, seen_at: now })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'case_id', 'user_id']).doUpdateSet({ state, seen_at: now }),
      )
      .execute();
  }

  async deletePresence(caseId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('case_presence')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Forgets entries not refreshed since `before` (on this case). */
  async expirePresence(caseId: string, before: string): Promise<void> {
    await this.db
      .deleteFrom('case_presence')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .where('seen_at', '<=', before)
      .execute();
  }

  /** Staff seen on the case after `since`, other than `exceptUserId`. */
  async presence(
    caseId: string,
    since: string,
    exceptUserId: string,
  ): Promise<Array<{ userId: string; name: string; state: string; seenAt: string }>> {
    const rows = await this.db
      .selectFrom('case_presence as p')
      .innerJoin('users as u', (j) =>
        j.onRef('u.workspace_id', '=', 'p.workspace_id').onRef('u.id', '=', 'p.user_id'),
      )
      .select(['p.user_id', 'u.name', 'p.state', 'p.seen_at'])
      .where('p.workspace_id', '=', this.workspaceId)
      .where('p.case_id', '=', caseId)
      .where('p.seen_at', '>', since)
      .where('p.user_id', '!=', exceptUserId)
      .where('u.status', '=', 'active')
      .orderBy('u.name')
      .execute();
    return rows.map((r) => ({ userId: r.user_id, name: r.name, state: r.state, seenAt: r.seen_at }));
  }
}
