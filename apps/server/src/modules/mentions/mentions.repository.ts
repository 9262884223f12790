import type { Executor } from '../../platform/db/database.js';

export interface MentionRow {
  id: string;
  caseId: string;
  messageId: string;
  userId: string;
  mentionedById: string | null;
  mentionedBy: string | null;
  createdAt: string;
}

export interface MyMentionRow extends MentionRow {
  caseNumber: string;
  caseSubject: string;
  caseStatus: string;
  visibility: string;
  bodyText: string;
}

export class MentionsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  /** The status of each of these users that exists in the workspace. */
  async userStatuses(userIds: string[]): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'status'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', userIds)
      .execute();
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  async insert(rows: MentionRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db
      .insertInto('case_mentions')
      .values(
        rows.map((m) => ({
          workspace_id: this.workspaceId,
          id: m.id,
          case_id: m.caseId,
          message_id: m.messageId,
          user_id: m.userId,
          mentioned_by_id: m.mentionedById,
          mentioned_by: m.mentionedBy,
          created_at: m.createdAt,
        })),
      )
      .execute();
  }

  /** The mentions of a case with the mentioned users' names, in the order they were written. */
  async ofCase(caseId: string): Promise<Array<{ messageId: string; userId: string; name: string }>> {
    return this.db
      .selectFrom('case_mentions as m')
      .innerJoin('users as u', (j) =>
        j.onRef('u.workspace_id', '=', 'm.workspace_id').onRef('u.id', '=', 'm.user_id'),
      )
      .select(['m.message_id as messageId', 'm.user_id as userId', 'u.name as name'])
      .where('m.workspace_id', '=', this.workspaceId)
      .where('m.case_id', '=', caseId)
      .orderBy('m.created_at')
      .orderBy('m.id')
      .execute();
  }

  /** The messages that mentioned a user, newest first. */
  async ofUser(
    userId: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: MyMentionRow[]; total: number }> {
    const base = this.db
      .selectFrom('case_mentions as m')
      .innerJoin('cases as c', (j) =>
        j.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.id', '=', 'm.case_id'),
      )
      .innerJoin('case_messages as msg', (j) =>
        j.onRef('msg.workspace_id', '=', 'm.workspace_id').onRef('msg.id', '=', 'm.message_id'),
      )
      .where('m.workspace_id', '=', this.workspaceId)
      .where('m.user_id', '=', userId);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select([
        'm.id as id',
        'm.case_id as caseId',
        'm.message_id as messageId',
        'm.user_id as userId',
        'm.mentioned_by_id as mentionedById',
        'm.mentioned_by as mentionedBy',
        'm.created_at as createdAt',
        'c.number as caseNumber',
        'c.subject as caseSubject',
        'c.status as caseStatus',
        'msg.visibility as visibility',
        'msg.body_text as bodyText',
      ])
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows, total: Number(total.n) };
  }
}
