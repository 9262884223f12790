import type {
  CaseChannel,
  CasePriority,
  CaseSeverity,
  CaseStatus,
  CaseType,
  CaseView,
  CustomerTier,
  MessageAuthorType,
  MessageVisibility,
} from '@aftercare/contracts';
import { CaseStatuses, CaseViews, QueueCountCap as QUEUE_COUNT_CAP } from '@aftercare/contracts';
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { executorDialect } from '../../platform/db/fulltext.js';
import type { Executor } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import {
  CaseIndexRepository,
  caseFilters,
  caseNumberOf,
  caseSearchPlan,
  SEARCH_COUNT_CAP,
} from './case-search.js';
import type { CaseFilterSet } from './case-search.js';

export interface CaseRecord {
  id: string;
  number: string;
  subject: string;
  type: CaseType;
  severity: CaseSeverity;
  status: CaseStatus;
  channel: CaseChannel;
  priority: CasePriority;
  customerId: string;
  customerName: string;
  contactId: string | null;
  contactName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  teamName: string | null;
  /** The service contract the case is served under, and the installed product it is about. */
  contractId: string | null;
  assetId: string | null;
  pauseReason: string | null;
  nextDeadlineAt: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  lastCustomerReplyAt: string | null;
  lastAgentReplyAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What a new case refers to (CasesRepository.references). */
export interface CaseReferences {
  customerName: string;
  tier: CustomerTier;
  contactCustomerId: string | null;
  contactName: string | null;
  assigneeName: string | null;
  assigneeStatus: string | null;
  teamName: string | null;
}

export interface CaseMessageRecord {
  id: string;
  caseId: string;
  authorType: MessageAuthorType;
  authorId: string | null;
  authorName: string | null;
  visibility: MessageVisibility;
  bodyHtml: string;
  bodyText: string;
  createdAt: string;
}

/** What a write may change on a case; the repository bumps version and updated_at. */
export interface CaseChanges {
  subject: string;
  type: CaseType;
  severity: CaseSeverity;
  status: CaseStatus;
  assigneeId: string | null;
  /** Absent: unchanged. */
  teamId?: string | null;
  /** Absent: unchanged (service contracts). */
  contractId?: string | null;
  assetId?: string | null;
  pauseReason: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  lastCustomerReplyAt: string | null;
  lastAgentReplyAt: string | null;
  priority: CasePriority;
}

export type NewCaseRow = CaseChanges & {
  id: string;
  number: string;
  channel: CaseChannel;
  customerId: string;
  contactId: string | null;
};

export type CaseSortColumn = 'created_at' | 'updated_at' | 'number' | 'severity' | 'status';

export interface CaseListQuery {
  view?: CaseView | undefined;
  /** The user "mine" refers to. */
  userId?: string | undefined;
  status?: CaseStatus | undefined;
  customerId?: string | undefined;
  assigneeId?: string | undefined;
  teamId?: string | undefined;
  /** The instant at_risk, breached and the SLA-state filters are judged at. */
  now?: string | undefined;
  /** Portal: the contact whose cases these are (company-wide contacts pass none). */
  contactId?: string | undefined;
  q?: string | undefined;
  /** Staff search covers every message; the portal's (false) only public text, never internal notes. */
  searchMessages?: boolean;
  /** Status lists, severity, type, channel, created range, SLA state (case-search.ts). */
  filters?: CaseFilterSet | undefined;
  /** null: the SLA-risk order (next deadline first, no deadline last, then oldest first). */
  sort: { column: CaseSortColumn; desc: boolean } | null;
  page: number;
  pageSize: number;
  /** Keyset pagination: the sort key of the previous page's last row (caseSortKey); page is then ignored. */
  after?: readonly string[] | undefined;
}

/**
 * The sort key of a case in a list order, for keyset pagination: the SLA-risk order reads
 * (sla_sort_key, created_at, number), where sla_sort_key is the next deadline or, without one, a value after
 * every deadline (0019: 'infinity' on PostgreSQL); an explicit sort reads (its column, number).
 */
export function caseSortKey(
  dialect: 'postgres' | 'sqlite',
  c: CaseRecord,
  sort: { column: CaseSortColumn; desc: boolean } | null,
): string[] {
  if (!sort) return [c.nextDeadlineAt ?? NO_DEADLINE[dialect], c.createdAt, c.number];
  const value = {
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    number: c.number,
    severity: c.severity,
    status: c.status,
  }[sort.column];
  return [value, c.number];
}

/** sla_sort_key of a case without a deadline (migration 0019). */
const NO_DEADLINE = { postgres: 'infinity', sqlite: '9999-12-31T23:59:59.999Z' } as const;

const DONE: CaseStatus[] = ['solved', 'closed'];

type CaseEb = ExpressionBuilder<DB, 'cases'>;

/**
 * The predicate of a queue view. mine, unassigned, team, at_risk and breached are work queues: they leave out
 * solved and closed cases. Every predicate is a plain or uncorrelated condition (bounded, no per-row query).
 */
function viewFilter(
  eb: CaseEb,
  view: CaseView,
  userId: string | undefined,
  now = new Date().toISOString(),
  workspaceId = '',
) {
  switch (view) {
    case 'all':
      return eb.lit(true);
    case 'mine':
      return eb.and([eb('cases.assignee_id', '=', userId ?? ''), eb('cases.status', 'not in', DONE)]);
    case 'unassigned':
      return eb.and([eb('cases.assignee_id', 'is', null), eb('cases.status', 'not in', DONE)]);
    case 'waiting':
      return eb('cases.status', '=', 'pending');
    case 'open':
      return eb('cases.status', 'not in', DONE);
    case 'team':
      return eb.and([
        eb('cases.team_id', 'in', myTeams(eb, workspaceId, userId ?? '')),
        eb('cases.status', 'not in', DONE),
      ]);
    case 'at_risk':
      return eb.and([
        eb('cases.status', 'not in', DONE),
        eb('cases.next_deadline_at', '>', now),
        eb('cases.id', 'in', warnedCases(eb, workspaceId)),
      ]);
    case 'breached':
      return eb.and([eb('cases.status', 'not in', DONE), eb('cases.next_deadline_at', '<=', now)]);
  }
}

/** The statuses a case is worked in: the open views list them, so each reads index ranges by status. */
const OPEN: CaseStatus[] = CaseStatuses.filter((s) => !DONE.includes(s));

/** viewFilter for the counts: the same cases, written so every view is an index range (status IN, not NOT IN). */
function countFilter(eb: CaseEb, view: CaseView, userId: string, now: string, workspaceId: string) {
  switch (view) {
    case 'all':
    case 'waiting':
      return viewFilter(eb, view, userId, now, workspaceId);
    case 'mine':
      return eb.and([eb('cases.assignee_id', '=', userId), eb('cases.status', 'in', OPEN)]);
    case 'unassigned':
      return eb.and([eb('cases.assignee_id', 'is', null), eb('cases.status', 'in', OPEN)]);
    case 'open':
      return eb('cases.status', 'in', OPEN);
    case 'team':
      return eb.and([
        eb('cases.team_id', 'in', myTeams(eb, workspaceId, userId)),
        eb('cases.status', 'in', OPEN),
      ]);
    case 'at_risk':
      return eb.and([
        eb('cases.status', 'in', OPEN),
        eb('cases.next_deadline_at', '>', now),
        eb('cases.id', 'in', warnedCases(eb, workspaceId)),
      ]);
    case 'breached':
      return eb.and([eb('cases.status', 'in', OPEN), eb('cases.next_deadline_at', '<=', now)]);
  }
}

/** Ids of the teams the user belongs to (uncorrelated: evaluated once). */
function myTeams(eb: CaseEb, workspaceId: string, userId: string) {
  return eb
    .selectFrom('team_members')
    .select('team_members.team_id')
    .where('team_members.workspace_id', '=', workspaceId)
    .where('team_members.user_id', '=', userId);
}

/**
 * Cases with a running SLA target (not met, current cycle) that the sweep found past a warning threshold.
 * The at_risk view keeps only those whose nearest deadline has not passed yet (past due is breached).
 */
function warnedCases(eb: CaseEb, workspaceId: string) {
  return eb
    .selectFrom('sla_events as ev')
    .innerJoin('case_sla as cs', (j) =>
      j.onRef('cs.workspace_id', '=', 'ev.workspace_id').onRef('cs.case_id', '=', 'ev.case_id'),
    )
    .select('ev.case_id')
    .where('ev.workspace_id', '=', workspaceId)
    .where('ev.event', 'in', ['warning_75', 'warning_90'])
    .where((w) =>
      w.or([
        w.and([w('ev.kind', '=', 'first_response'), w('cs.first_response_met_at', 'is', null)]),
        w.and([
          w('ev.kind', '=', 'next_response'),
          w('cs.next_response_met_at', 'is', null),
          w('ev.started_at', '=', w.ref('cs.next_response_start_at')),
        ]),
        w.and([w('ev.kind', '=', 'resolution'), w('cs.resolution_met_at', 'is', null)]),
      ]),
    );
}

export class CasesRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private select() {
    return this.db
      .selectFrom('cases')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'cases.workspace_id')
          .onRef('customers.id', '=', 'cases.customer_id'),
      )
      .leftJoin('contacts', (j) =>
        j
          .onRef('contacts.workspace_id', '=', 'cases.workspace_id')
          .onRef('contacts.id', '=', 'cases.contact_id'),
      )
      .leftJoin('users', (j) =>
        j.onRef('users.workspace_id', '=', 'cases.workspace_id').onRef('users.id', '=', 'cases.assignee_id'),
      )
      .leftJoin('teams', (j) =>
        j.onRef('teams.workspace_id', '=', 'cases.workspace_id').onRef('teams.id', '=', 'cases.team_id'),
      )
      .select([
        'cases.id',
        'cases.number',
        'cases.subject',
        'cases.type',
        'cases.severity',
        'cases.status',
        'cases.channel',
        'cases.priority',
        'cases.customer_id',
        'customers.name as customer_name',
        'cases.contact_id',
        'contacts.name as contact_name',
        'cases.assignee_id',
        'users.name as assignee_name',
        'cases.team_id',
        'teams.name as team_name',
        'cases.contract_id',
        'cases.asset_id',
        'cases.pause_reason',
        'cases.next_deadline_at',
        'cases.solved_at',
        'cases.closed_at',
        'cases.last_customer_reply_at',
        'cases.last_agent_reply_at',
        'cases.created_at',
        'cases.updated_at',
        'cases.version',
      ])
      .where('cases.workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<CaseRecord | undefined> {
    const row = await this.select().where('cases.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** The list's filters (view, references, filter set), before search and order. */
  private filtered(query: CaseListQuery) {
    let base = this.select();
    if (query.view) {
      const view = query.view;
      base = base.where((eb) => viewFilter(eb, view, query.userId, query.now, this.workspaceId));
    }
    if (query.status) base = base.where('cases.status', '=', query.status);
    if (query.customerId) base = base.where('cases.customer_id', '=', query.customerId);
    if (query.assigneeId) base = base.where('cases.assignee_id', '=', query.assigneeId);
    if (query.teamId) base = base.where('cases.team_id', '=', query.teamId);
    if (query.contactId) base = base.where('cases.contact_id', '=', query.contactId);
    if (query.filters) {
      const filters = query.filters;
      const now = query.now ?? new Date().toISOString();
      base = base.where((eb) => caseFilters(eb, filters, now));
    }
    return base;
  }

  async list(
    query: CaseListQuery,
  ): Promise<{ items: CaseRecord[]; total: number; nextKey?: string[] | null }> {
    const base = this.filtered(query);
    if (query.q) {
      // An exact case number matches directly; otherwise every word of q must match the full-text index, and
      // the hits are read in index order (newest case first) up to the page's LIMIT, never collected and sorted.
      const number = caseNumberOf(query.q);
      if (number) {
        const byNumber = base.where('cases.number', '=', number);
        const hit = await byNumber.executeTakeFirst();
        if (hit) return { items: [toRecord(hit)], total: 1 };
      }
      const plan = caseSearchPlan(
        this.db,
        this.workspaceId,
        query.q,
        query.searchMessages ? 'staff' : 'public',
      );
      if (plan) {
        const hits = base
          .innerJoin('case_search', (j) =>
            j
              .onRef('case_search.workspace_id', '=', 'cases.workspace_id')
              .onRef('case_search.case_id', '=', 'cases.id'),
          )
          .$if(plan.join !== null, (qb) =>
            qb.innerJoin(sql`${sql.table(plan.join?.table ?? '')}`.as(plan.join?.table ?? ''), (j) =>
              j.on(plan.join?.on ?? sql<boolean>`true`),
            ),
          )
          .where(plan.where);
        // Count first (at most the cap): few hits are read through the match index, many in index order.
        const countOrder = plan.countOrder;
        const counted = await this.db
          .selectFrom(
            hits
              .clearSelect()
              .select(sql`1`.as('one'))
              .$if(countOrder !== null, (qb) => qb.orderBy(countOrder ?? sql`1`))
              .limit(SEARCH_COUNT_CAP)
              .as('hits'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        const rows = await hits
          .orderBy(Number(counted.n) < SEARCH_COUNT_CAP ? plan.fewHitsOrder : plan.order)
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute();
        return { items: rows.map(toRecord), total: Number(counted.n) };
      }
    }
    // The count stops at the cap, like search's: it stays cheap however long the queue is. The count and the
    // page are independent reads; on PostgreSQL they run at once on two pooled connections.
    // The team view of a user in several teams reads each team's index range on its own (teamsPageQuery).
    const teamIds =
      query.view === 'team' && !query.teamId && query.sort === null
        ? await this.teamIdsOf(query.userId ?? '')
        : null;
    const [counted, rows] = await Promise.all([
      this.db
        .selectFrom(
          base
            .clearSelect()
            .select(sql`1`.as('one'))
            .limit(SEARCH_COUNT_CAP)
            .as('queue'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      teamIds
        ? teamIds.length
          ? this.teamsPageQuery(query, teamIds)
              .execute(this.db)
              .then((r) => r.rows)
          : []
        : this.pageQuery(query, base).execute(),
    ]);
    const items = rows.slice(0, query.pageSize).map(toRecord);
    const last = items[items.length - 1];
    return {
      items,
      total: Number(counted.n),
      nextKey:
        rows.length > query.pageSize && last ? caseSortKey(executorDialect(this.db), last, query.sort) : null,
    };
  }

  /**
   * The rows of one page of the queue (pageSize + 1, the extra one tells whether a next page exists). Index
   * order with LIMIT: the SLA-risk order is (sla_sort_key, created_at, number), which ix_cases_risk and
   * ix_cases_team_risk hold (0019); a keyset page starts after the previous page's last row. Exposed for the
   * query-plan test.
   */
  pageQuery(query: CaseListQuery, base = this.filtered(query)) {
    const dir = query.sort?.desc ? 'desc' : 'asc';
    const keys = query.sort
      ? [`cases.${query.sort.column}`, 'cases.number']
      : ['cases.sla_sort_key', 'cases.created_at', 'cases.number'];
    let ordered = base;
    const after = query.after;
    if (after) {
      if (after.length !== keys.length) throw new Error('a sort key of another order');
      ordered = ordered.where(
        sql<SqlBool>`(${sql.join(keys.map((k) => sql.ref(k)))}) ${sql.raw(dir === 'desc' ? '<' : '>')} (${sql.join(after)})`,
      );
    }
    for (const k of keys) ordered = ordered.orderBy(sql.ref(k), dir);
    return ordered.limit(query.pageSize + 1).offset(after ? 0 : (query.page - 1) * query.pageSize);
  }

  /** The teams a user belongs to. */
  async teamIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('team_members')
      .select('team_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .orderBy('team_id')
      .execute();
    return rows.map((r) => r.team_id);
  }

  /**
   * The "team" view's page for a user in the given teams, in the SLA-risk order. One team's open cases are one
   * range of ix_cases_team_risk; several teams' are several ranges, which neither database merges in order. So
   * each team's range is read on its own, in index order and LIMITed to what the page can need, and only those
   * rows (at most teams × (page × pageSize + 1)) are merged: the work does not grow with the queue.
   */
  teamsPageQuery(query: CaseListQuery, teamIds: readonly string[]) {
    const need = query.after ? query.pageSize + 1 : query.page * query.pageSize + 1;
    const branches = teamIds.map((teamId) => {
      const branch = { ...query, view: 'open' as const, teamId, page: 1, pageSize: need - 1 };
      return sql`select * from (${this.pageQuery(branch)}) as t`;
    });
    const offset = query.after ? 0 : (query.page - 1) * query.pageSize;
    // sla_sort_key is the next deadline, or after every deadline without one: the same order as this.
    return sql<Row>`${sql.join(branches, sql` union all `)}
      order by ${sql.ref('next_deadline_at')} asc nulls last, ${sql.ref('created_at')} asc, ${sql.ref('number')} asc
      limit ${query.pageSize + 1} offset ${offset}`;
  }

  /**
   * How many cases each queue view holds, for the given user's "mine" and "team", each counted up to
   * QUEUE_COUNT_CAP: one statement of capped sub-counts, each reading a bounded range of an index on
   * (workspace_id, status, …), (workspace_id, assignee_id, status) or (workspace_id, team_id, status). So the
   * counts cost the same at 1,000 cases as at 1,000,000, and the console shows "1000+" past the cap.
   */
  async counts(
    userId: string,
    now = new Date().toISOString(),
    cap = QUEUE_COUNT_CAP,
  ): Promise<Record<CaseView, number>> {
    const row = (await this.countsQuery(userId, now, cap).executeTakeFirstOrThrow()) as Record<
      CaseView,
      number | string | null
    >;
    return Object.fromEntries(CaseViews.map((v) => [v, Number(row[v] ?? 0)])) as Record<CaseView, number>;
  }

  /** The one statement behind counts(); exposed for the query-plan test. */
  countsQuery(userId: string, now: string, cap = QUEUE_COUNT_CAP) {
    const capped = (view: CaseView) =>
      this.db
        .selectFrom(
          this.db
            .selectFrom('cases')
            .select(sql`1`.as('one'))
            .where('cases.workspace_id', '=', this.workspaceId)
            .where((eb) => countFilter(eb, view, userId, now, this.workspaceId))
            .limit(cap)
            .as('v'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'));
    return this.db.selectNoFrom(CaseViews.map((v) => capped(v).as(v)));
  }

  /**
   * What a new case refers to, in one read: the customer (name, tier; undefined when unknown), the contact
   * (its customer and name), the assignee (name, status) and the team (name); null where absent or unknown.
   */
  async references(ids: {
    customerId: string;
    contactId: string | null;
    assigneeId: string | null;
    teamId: string | null;
  }): Promise<CaseReferences | undefined> {
    const r = await this.db
      .selectFrom('customers')
      .leftJoin('contacts', (j) =>
        j
          .onRef('contacts.workspace_id', '=', 'customers.workspace_id')
          .on((eb) => (ids.contactId ? eb('contacts.id', '=', ids.contactId) : eb.lit(false))),
      )
      .leftJoin('users', (j) =>
        j
          .onRef('users.workspace_id', '=', 'customers.workspace_id')
          .on((eb) => (ids.assigneeId ? eb('users.id', '=', ids.assigneeId) : eb.lit(false))),
      )
      .leftJoin('teams', (j) =>
        j
          .onRef('teams.workspace_id', '=', 'customers.workspace_id')
          .on((eb) => (ids.teamId ? eb('teams.id', '=', ids.teamId) : eb.lit(false))),
      )
      .select([
        'customers.name as customer_name',
        'customers.tier',
        'contacts.customer_id as contact_customer_id',
        'contacts.name as contact_name',
        'users.name as assignee_name',
        'users.status as assignee_status',
        'teams.name as team_name',
      ])
      .where('customers.workspace_id', '=', this.workspaceId)
      .where('customers.id', '=', ids.customerId)
      .executeTakeFirst();
    return (
      r && {
        customerName: r.customer_name,
        tier: r.tier as CustomerTier,
        contactCustomerId: r.contact_customer_id,
        contactName: r.contact_name,
        assigneeName: r.assignee_name,
        assigneeStatus: r.assignee_status,
        teamName: r.team_name,
      }
    );
  }

  /**
   * Inserts a new case. `sla`: its next deadline and SLA event as the engine computed them before the insert
   * (newCaseSla), so the row is written once, not inserted then updated.
   */
  async insert(
    row: NewCaseRow,
    now: string,
    sla: { nextDeadlineAt: string | null; nextEventAt: string | null } | null = null,
  ): Promise<void> {
    await this.db
      .insertInto('cases')
      .values({
        workspace_id: this.workspaceId,
        id: row.id,
        number: row.number,
        subject: row.subject,
        type: row.type,
        severity: row.severity,
        status: row.status,
        channel: row.channel,
        customer_id: row.customerId,
        contact_id: row.contactId,
        assignee_id: row.assigneeId,
        team_id: row.teamId ?? null,
        contract_id: row.contractId ?? null,
        asset_id: row.assetId ?? null,
        pause_reason: row.pauseReason,
        next_deadline_at: sla ? sla.nextDeadlineAt : null,
        ...(sla ? { next_sla_event_at: sla.nextEventAt, sla_applied_at: now } : {}),
        solved_at: row.solvedAt,
        closed_at: row.closedAt,
        last_customer_reply_at: row.lastCustomerReplyAt,
        last_agent_reply_at: row.lastAgentReplyAt,
        priority: row.priority,
        search_text: '',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  /** Optimistic update: false when someone else saved first. */
  async update(id: string, version: number, c: CaseChanges, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('cases')
      .set({
        subject: c.subject,
        type: c.type,
        severity: c.severity,
        status: c.status,
        assignee_id: c.assigneeId,
        ...(c.teamId !== undefined ? { team_id: c.teamId } : {}),
        ...(c.contractId !== undefined ? { contract_id: c.contractId } : {}),
        ...(c.assetId !== undefined ? { asset_id: c.assetId } : {}),
        pause_reason: c.pauseReason,
        solved_at: c.solvedAt,
        closed_at: c.closedAt,
        last_customer_reply_at: c.lastCustomerReplyAt,
        last_agent_reply_at: c.lastAgentReplyAt,
        priority: c.priority,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Sets the nearest SLA deadline (the SLA engine; tests). */
  async setNextDeadline(id: string, at: string | null): Promise<void> {
    await this.db
      .updateTable('cases')
      .set({ next_deadline_at: at })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /**
   * Rebuilds the case's full-text document (number, subject, customer, contact, every message; public text
   * apart) in the caller's transaction. Every write that changes indexed text calls this.
   */
  async refreshSearchText(id: string): Promise<void> {
    await new CaseIndexRepository(this.db, this.workspaceId).refresh(id);
  }

  /** Writes the search document of a case just created (its creator holds every indexed text). */
  async writeNewSearchText(id: string, doc: Parameters<CaseIndexRepository['writeNew']>[1]): Promise<void> {
    await new CaseIndexRepository(this.db, this.workspaceId).writeNew(id, doc);
  }

  async insertMessage(m: CaseMessageRecord): Promise<void> {
    await this.db
      .insertInto('case_messages')
      .values({
        workspace_id: this.workspaceId,
        id: m.id,
        case_id: m.caseId,
        author_type: m.authorType,
        author_id: m.authorId,
        author_name: m.authorName,
        visibility: m.visibility,
        body_html: m.bodyHtml,
        body_text: m.bodyText,
        created_at: m.createdAt,
      })
      .execute();
  }

  /** A case's messages, oldest first; publicOnly leaves internal notes out (the portal). */
  async messages(caseId: string, options: { publicOnly?: boolean } = {}): Promise<CaseMessageRecord[]> {
    let q = this.db
      .selectFrom('case_messages')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId);
    if (options.publicOnly) q = q.where('visibility', '=', 'public');
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      authorType: r.author_type as MessageAuthorType,
      authorId: r.author_id,
      authorName: r.author_name,
      visibility: r.visibility as MessageVisibility,
      bodyHtml: r.body_html,
      bodyText: r.body_text,
      createdAt: r.created_at,
    }));
  }

  async customerName(customerId: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('customers')
      .select('name')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', customerId)
      .executeTakeFirst();
    return r?.name;
  }

  async contactCustomer(contactId: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('contacts')
      .select('customer_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', contactId)
      .executeTakeFirst();
    return r?.customer_id;
  }

  async userStatus(userId: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('users')
      .select('status')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return r?.status;
  }
}

type Row = {
  id: string;
  number: string;
  subject: string;
  type: string;
  severity: string;
  status: string;
  channel: string;
  priority: string;
  customer_id: string;
  customer_name: string;
  contact_id: string | null;
  contact_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  team_id: string | null;
  team_name: string | null;
  contract_id: string | null;
  asset_id: string | null;
  pause_reason: string | null;
  next_deadline_at: string | null;
  solved_at: string | null;
  closed_at: string | null;
  last_customer_reply_at: string | null;
  last_agent_reply_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

function toRecord(r: Row): CaseRecord {
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    type: r.type as CaseType,
    severity: r.severity as CaseSeverity,
    status: r.status as CaseStatus,
    channel: r.channel as CaseChannel,
    priority: r.priority as CasePriority,
    customerId: r.customer_id,
    customerName: r.customer_name,
    contactId: r.contact_id,
    contactName: r.contact_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    teamId: r.team_id,
    teamName: r.team_name,
    contractId: r.contract_id,
    assetId: r.asset_id,
    pauseReason: r.pause_reason,
    nextDeadlineAt: r.next_deadline_at,
    solvedAt: r.solved_at,
    closedAt: r.closed_at,
    lastCustomerReplyAt: r.last_customer_reply_at,
    lastAgentReplyAt: r.last_agent_reply_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
