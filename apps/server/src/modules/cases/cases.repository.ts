import type {
  CaseChannel,
  CaseSeverity,
  CaseStatus,
  CaseType,
  CaseView,
  MessageAuthorType,
  MessageVisibility,
} from '@aftercare/contracts';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { containsText } from '../../platform/db/sql.js';

export interface CaseRecord {
  id: string;
  number: string;
  subject: string;
  type: CaseType;
  severity: CaseSeverity;
  status: CaseStatus;
  channel: CaseChannel;
  customerId: string;
  customerName: string;
  contactId: string | null;
  contactName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
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
  pauseReason: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  lastCustomerReplyAt: string | null;
  lastAgentReplyAt: string | null;
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
  /** Portal: the contact whose cases these are (company-wide contacts pass none). */
  contactId?: string | undefined;
  q?: string | undefined;
  /** Portal search looks at number and subject only: message text may include internal notes. */
  searchMessages?: boolean;
  /** null: the SLA-risk order (next deadline first, no deadline last, then oldest first). */
  sort: { column: CaseSortColumn; desc: boolean } | null;
  page: number;
  pageSize: number;
}

const DONE: CaseStatus[] = ['solved', 'closed'];

type CaseEb = ExpressionBuilder<DB, 'cases'>;

/** The predicate of a queue view. mine and unassigned are work queues: they leave out solved and closed cases. */
function viewFilter(eb: CaseEb, view: CaseView, userId: string | undefined) {
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
  }
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
      .select([
        'cases.id',
        'cases.number',
        'cases.subject',
        'cases.type',
        'cases.severity',
        'cases.status',
        'cases.channel',
        'cases.customer_id',
        'customers.name as customer_name',
        'cases.contact_id',
        'contacts.name as contact_name',
        'cases.assignee_id',
        'users.name as assignee_name',
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

  async list(query: CaseListQuery): Promise<{ items: CaseRecord[]; total: number }> {
    let base = this.select();
    if (query.view) {
      const view = query.view;
      base = base.where((eb) => viewFilter(eb, view, query.userId));
    }
    if (query.status) base = base.where('cases.status', '=', query.status);
    if (query.customerId) base = base.where('cases.customer_id', '=', query.customerId);
    if (query.assigneeId) base = base.where('cases.assignee_id', '=', query.assigneeId);
    if (query.contactId) base = base.where('cases.contact_id', '=', query.contactId);
    if (query.q) {
      const q = query.q;
      base = base.where((eb) =>
        query.searchMessages
          ? containsText(eb, 'cases.search_text', q)
          : eb.or([containsText(eb, 'cases.number', q), containsText(eb, 'cases.subject', q)]),
      );
    }
    const total = await base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    let ordered = base;
    if (query.sort) {
      const dir = query.sort.desc ? 'desc' : 'asc';
      ordered = ordered.orderBy(`cases.${query.sort.column}`, dir).orderBy('cases.number', dir);
    } else {
      ordered = ordered
        .orderBy(sql`case when cases.next_deadline_at is null then 1 else 0 end`)
        .orderBy('cases.next_deadline_at', 'asc')
        .orderBy('cases.created_at', 'asc')
        .orderBy('cases.number', 'asc');
    }
    const rows = await ordered
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(toRecord), total: Number(total.n) };
  }

  /** How many cases each queue view holds, for the given user's "mine". */
  async counts(userId: string): Promise<Record<CaseView, number>> {
    const count = async (view: CaseView) => {
      const r = await this.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('cases.workspace_id', '=', this.workspaceId)
        .where((eb) => viewFilter(eb, view, userId))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    return {
      all: await count('all'),
      mine: await count('mine'),
      unassigned: await count('unassigned'),
      waiting: await count('waiting'),
      open: await count('open'),
    };
  }

  async insert(row: NewCaseRow, now: string): Promise<void> {
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
        pause_reason: row.pauseReason,
        next_deadline_at: null,
        solved_at: row.solvedAt,
        closed_at: row.closedAt,
        last_customer_reply_at: row.lastCustomerReplyAt,
        last_agent_reply_at: row.lastAgentReplyAt,
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
        pause_reason: c.pauseReason,
        solved_at: c.solvedAt,
        closed_at: c.closedAt,
        last_customer_reply_at: c.lastCustomerReplyAt,
        last_agent_reply_at: c.lastAgentReplyAt,
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

  /** Rebuilds the search text from the number, subject, customer name and every message's text. */
  async refreshSearchText(id: string): Promise<void> {
    const head = await this.db
      .selectFrom('cases')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'cases.workspace_id')
          .onRef('customers.id', '=', 'cases.customer_id'),
      )
      .select(['cases.number', 'cases.subject', 'customers.name'])
      .where('cases.workspace_id', '=', this.workspaceId)
      .where('cases.id', '=', id)
      .executeTakeFirst();
    if (!head) return;
    const texts = await this.db
      .selectFrom('case_messages')
      .select('body_text')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const searchText = [head.number, head.subject, head.name, ...texts.map((t) => t.body_text)].join('\n');
    await this.db
      .updateTable('cases')
      .set({ search_text: searchText })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
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
  customer_id: string;
  customer_name: string;
  contact_id: string | null;
  contact_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
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
    customerId: r.customer_id,
    customerName: r.customer_name,
    contactId: r.contact_id,
    contactName: r.contact_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
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
