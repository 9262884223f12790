import type { NotificationEvent } from '@aftercare/contracts';
import { fromBool, toBool, type Executor } from '../../platform/db/database.js';

export interface NotificationRow {
  id: string;
  userId: string;
  event: NotificationEvent;
  sourceEventId: string;
  caseId: string | null;
  messageKey: string;
  params: Record<string, string>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationMailRow {
  id: string;
  userId: string;
  event: NotificationEvent;
  sourceEventId: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  createdAt: string;
}

export interface PendingMail {
  workspaceId: string;
  id: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  attempts: number;
  nextAttemptAt: string;
}

export interface CaseFacts {
  number: string;
  subject: string;
  assigneeId: string | null;
  teamId: string | null;
}

export interface ReturnFacts {
  number: string;
  customerName: string;
  departmentIds: string[];
  /** The assignee of the case the return was started from, if any. */
  caseAssigneeId: string | null;
}

export interface Recipient {
  id: string;
  name: string;
  email: string;
  locale: string;
}

/** A page position: the last row's created_at and id. */
export interface Cursor {
  createdAt: string;
  id: string;
}

function rowOf(r: {
  id: string;
  user_id: string;
  event: string;
  source_event_id: string;
  case_id: string | null;
  message_key: string;
  params: string;
  created_at: string;
  read_at: string | null;
}): NotificationRow {
  return {
    id: r.id,
    userId: r.user_id,
    event: r.event as NotificationEvent,
    sourceEventId: r.source_event_id,
    caseId: r.case_id,
    messageKey: r.message_key,
    params: JSON.parse(r.params) as Record<string, string>,
    createdAt: String(r.created_at),
    readAt: r.read_at === null ? null : String(r.read_at),
  };
}

const COLUMNS = [
  'id',
  'user_id',
  'event',
  'source_event_id',
  'case_id',
  'message_key',
  'params',
  'created_at',
  'read_at',
] as const;

export class NotificationsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  // ---- what an event is about -------------------------------------------------------------------------------

  async caseFacts(caseId: string): Promise<CaseFacts | null> {
    const r = await this.db
      .selectFrom('cases')
      .select(['number', 'subject', 'assignee_id', 'team_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', caseId)
      .executeTakeFirst();
    return r ? { number: r.number, subject: r.subject, assigneeId: r.assignee_id, teamId: r.team_id } : null;
  }

  /** What a return's notifications say and whom they reach: its number, customer, departments, case owner. */
  async returnFacts(returnId: string): Promise<ReturnFacts | null> {
    const r = await this.db
      .selectFrom('returns as r')
      .innerJoin('customers as cu', (j) =>
        j.onRef('cu.workspace_id', '=', 'r.workspace_id').onRef('cu.id', '=', 'r.customer_id'),
      )
      .leftJoin('cases as c', (j) =>
        j.onRef('c.workspace_id', '=', 'r.workspace_id').onRef('c.id', '=', 'r.case_id'),
      )
      .select([
        'r.number as number',
        'cu.name as customerName',
        'r.department_ids as departmentIds',
        'c.assignee_id as caseAssigneeId',
      ])
      .where('r.workspace_id', '=', this.workspaceId)
      .where('r.id', '=', returnId)
      .executeTakeFirst();
    return r
      ? {
          number: r.number,
          customerName: r.customerName,
          departmentIds: JSON.parse(r.departmentIds) as string[],
          caseAssigneeId: r.caseAssigneeId ?? null,
        }
      : null;
  }

  /** The members of these departments, or only their leads. */
  async departmentPeople(departmentIds: string[], leadsOnly: boolean): Promise<string[]> {
    if (!departmentIds.length) return [];
    let q = this.db
      .selectFrom('department_members')
      .select('user_id')
      .distinct()
      .where('workspace_id', '=', this.workspaceId)
      .where('department_id', 'in', departmentIds);
    if (leadsOnly) q = q.where('lead', '=', 1);
    return (await q.execute()).map((r) => r.user_id);
  }

  /** A team's lead and members. */
  async teamPeople(teamId: string): Promise<string[]> {
    const team = await this.db
      .selectFrom('teams')
      .select(['lead_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', teamId)
      .executeTakeFirst();
    const members = await this.db
      .selectFrom('team_members')
      .select(['user_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('team_id', '=', teamId)
      .execute();
    return [...(team?.lead_id ? [team.lead_id] : []), ...members.map((m) => m.user_id)];
  }

  /** The active staff members among these ids. */
  async activeUsers(ids: string[]): Promise<Recipient[]> {
    if (!ids.length) return [];
    return this.db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'locale'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', ids)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
  }

  async userName(id: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('users')
      .select(['name'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.name ?? null;
  }

  // ---- preferences ------------------------------------------------------------------------------------------

  /** The stored preferences of these users for one event (absent: the defaults apply). */
  async preferencesFor(
    userIds: string[],
    event: NotificationEvent,
  ): Promise<Map<string, { inApp: boolean; email: boolean }>> {
    if (!userIds.length) return new Map();
    const rows = await this.db
      .selectFrom('notification_preferences')
      .select(['user_id', 'in_app', 'email'])
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', 'in', userIds)
      .where('event', '=', event)
      .execute();
    return new Map(rows.map((r) => [r.user_id, { inApp: toBool(r.in_app), email: toBool(r.email) }]));
  }

  async preferencesOf(userId: string): Promise<Array<{ event: string; inApp: boolean; email: boolean }>> {
    const rows = await this.db
      .selectFrom('notification_preferences')
      .select(['event', 'in_app', 'email'])
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => ({ event: r.event, inApp: toBool(r.in_app), email: toBool(r.email) }));
  }

  async savePreference(
    userId: string,
    p: { event: NotificationEvent; inApp: boolean; email: boolean },
    at: string,
  ): Promise<void> {
    await this.db
      .insertInto('notification_preferences')
      .values({
        workspace_id: this.workspaceId,
        user_id: userId,
        event: p.event,
        in_app: fromBool(p.inApp),
        email: fromBool(p.email),
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'user_id', 'event'])
          .doUpdateSet({ in_app: fromBool(p.inApp), email: fromBool(p.email), updated_at: at }),
      )
      .execute();
  }

  // ---- the centre -------------------------------------------------------------------------------------------

  /** Writes notifications; one that exists for the same source event and user is left alone. */
  async insert(rows: NotificationRow[]): Promise<void> {
    for (const n of rows)
      await this.db
        .insertInto('notifications')
        .values({
          workspace_id: this.workspaceId,
          id: n.id,
          user_id: n.userId,
          event: n.event,
          source_event_id: n.sourceEventId,
          case_id: n.caseId,
          message_key: n.messageKey,
          params: JSON.stringify(n.params),
          created_at: n.createdAt,
          read_at: null,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'source_event_id', 'user_id']).doNothing())
        .execute();
  }

  async bySource(sourceEventId: string): Promise<NotificationRow[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .select(COLUMNS)
      .where('workspace_id', '=', this.workspaceId)
      .where('source_event_id', '=', sourceEventId)
      .execute();
    return rows.map(rowOf);
  }

  async find(userId: string, id: string): Promise<NotificationRow | null> {
    const r = await this.db
      .selectFrom('notifications')
      .select(COLUMNS)
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? rowOf(r) : null;
  }

  /** A user's notifications, newest first, after the cursor. */
  async list(
    userId: string,
    options: { unread: boolean; after: Cursor | null; limit: number },
  ): Promise<NotificationRow[]> {
    let q = this.db
      .selectFrom('notifications')
      .select(COLUMNS)
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId);
    if (options.unread) q = q.where('read_at', 'is', null);
    const after = options.after;
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map(rowOf);
  }

  async unreadCount(userId: string): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async markRead(userId: string, id: string, at: string): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
  }

  async markAllRead(userId: string, at: string): Promise<number> {
    const r = await this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  // ---- mail to staff ----------------------------------------------------------------------------------------

  async insertMail(m: NotificationMailRow): Promise<void> {
    await this.db
      .insertInto('notification_mails')
      .values({
        workspace_id: this.workspaceId,
        id: m.id,
        user_id: m.userId,
        event: m.event,
        source_event_id: m.sourceEventId,
        to_address: m.toAddress,
        subject: m.subject,
        body_text: m.bodyText,
        status: 'pending',
        next_attempt_at: m.createdAt,
        last_error: null,
        created_at: m.createdAt,
        sent_at: null,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'source_event_id', 'user_id']).doNothing())
      .execute();
  }
}

/** The staff-mail queue across workspaces (the periodic sender). */
export class NotificationMailQueue {
  constructor(private readonly db: Executor) {}

  async due(at: string, workspaceIds: string[] | undefined, limit: number): Promise<PendingMail[]> {
    if (workspaceIds?.length === 0) return [];
    let q = this.db
      .selectFrom('notification_mails')
      .select(['workspace_id', 'id', 'to_address', 'subject', 'body_text', 'attempts', 'next_attempt_at'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', at);
    if (workspaceIds) q = q.where('workspace_id', 'in', workspaceIds);
    const rows = await q.orderBy('next_attempt_at').limit(limit).execute();
    return rows.map((r) => ({
      workspaceId: r.workspace_id,
      id: r.id,
      toAddress: r.to_address,
      subject: r.subject,
      bodyText: r.body_text,
      attempts: r.attempts,
      nextAttemptAt: String(r.next_attempt_at),
    }));
  }

  /** Takes a mail for a while (a lease), unless another process took it first. */
  async claim(m: PendingMail, leaseUntil: string): Promise<boolean> {
    const r = await this.db
      .updateTable('notification_mails')
      .set({ next_attempt_at: leaseUntil })
      .where('workspace_id', '=', m.workspaceId)
      .where('id', '=', m.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', m.nextAttemptAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async sent(m: PendingMail, at: string): Promise<void> {
    await this.db
      .updateTable('notification_mails')
      .set({ status: 'sent', sent_at: at, attempts: m.attempts + 1, last_error: null })
      .where('workspace_id', '=', m.workspaceId)
      .where('id', '=', m.id)
      .execute();
  }

  async failed(m: PendingMail, error: string, next: string | null): Promise<void> {
    await this.db
      .updateTable('notification_mails')
      .set({
        attempts: m.attempts + 1,
        last_error: error.slice(0, 2000),
        ...(next ? { next_attempt_at: next } : { status: 'failed' }),
      })
      .where('workspace_id', '=', m.workspaceId)
      .where('id', '=', m.id)
      .execute();
  }
}
