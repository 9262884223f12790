import type {
  CaseChannel,
  CaseFilters,
  CaseSeverity,
  CaseSlaFilter,
  CaseStatus,
  CaseType,
} from '@aftercare/contracts';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import {
  caseMatchPlan,
  executorDialect,
  writeCaseDocument,
  type CaseMatchPlan,
  type SearchScope,
} from '../../platform/db/fulltext.js';
import type { DB } from '../../platform/db/schema.js';
import { caseDocument } from '../../platform/search/case-document.js';
import { segmentQuery } from '../../platform/search/segment.js';

/** Searches count at most this many hits (the count stays cheap at any size; the UI shows "1000+"). */
export const SEARCH_COUNT_CAP = 1000;

/** A case number typed as the whole query ("T-1001", "t1001" is not one). */
const CASE_NUMBER = /^[a-z]+-\d+$/i;

/**
 * How the list query finds the hits of q: the index's match plan for q's words (all must match), or null when
 * q holds nothing searchable (only punctuation).
 */
export function caseSearchPlan(
  db: Executor,
  workspaceId: string,
  q: string,
  scope: SearchScope,
): CaseMatchPlan | null {
  const words = segmentQuery(q);
  const last = words[words.length - 1];
  if (!last) return null;
  return caseMatchPlan(executorDialect(db), workspaceId, scope, words, { prefixLast: prefixWorthy(last) });
}

/**
 * Whether the last word is also matched as a prefix (the user may still be typing it): Latin words and codes of
 * three characters or more. Shorter prefixes expand to too many words to stay fast; Chinese words come whole
 * out of jieba.
 */
export function prefixWorthy(word: string): boolean {
  return word.length >= 3 && !/\p{Script=Han}/u.test(word);
}

/** The case number when q is exactly one (T-1001, t-1001), which then matches directly. */
export function caseNumberOf(q: string): string | null {
  const trimmed = q.trim();
  return CASE_NUMBER.test(trimmed) ? trimmed.toUpperCase() : null;
}

/** The queue's filters beyond the view (lists are ORed within, ANDed across). */
export interface CaseFilterSet {
  statuses?: CaseStatus[] | undefined;
  severities?: CaseSeverity[] | undefined;
  types?: CaseType[] | undefined;
  channels?: CaseChannel[] | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  slaStates?: CaseSlaFilter[] | undefined;
}

/** The filter set of a queue query (GET /cases, a saved view). */
export function caseFilterSet(f: CaseFilters): CaseFilterSet {
  return {
    statuses: f.status,
    severities: f.severity,
    types: f.type,
    channels: f.channel,
    createdFrom: f.createdFrom,
    createdTo: f.createdTo,
    slaStates: f.slaState,
  };
}

type CaseEb = ExpressionBuilder<DB, 'cases'>;
const PAUSED: CaseStatus[] = ['pending', 'on_hold'];

/** A running target's due instant has passed (the clock stands still while paused). */
function breachedSla(eb: CaseEb, now: string) {
  return eb.exists(
    eb
      .selectFrom('case_sla')
      .select(sql`1`.as('one'))
      .whereRef('case_sla.workspace_id', '=', 'cases.workspace_id')
      .whereRef('case_sla.case_id', '=', 'cases.id')
      .where((s) =>
        s.or([
          s.and([
            s('case_sla.first_response_met_at', 'is', null),
            s('case_sla.first_response_due_at', '<=', now),
          ]),
          s.and([
            s('case_sla.next_response_start_at', 'is not', null),
            s('case_sla.next_response_met_at', 'is', null),
            s('case_sla.next_response_due_at', '<=', now),
          ]),
          s.and([s('case_sla.resolution_met_at', 'is', null), s('case_sla.resolution_due_at', '<=', now)]),
        ]),
      ),
  );
}

/** The sweep recorded a warning for a target that still runs (in its current cycle). */
function warnedSla(eb: CaseEb) {
  return eb.exists(
    eb
      .selectFrom('sla_events')
      .innerJoin('case_sla', (j) =>
        j
          .onRef('case_sla.workspace_id', '=', 'sla_events.workspace_id')
          .onRef('case_sla.case_id', '=', 'sla_events.case_id'),
      )
      .select(sql`1`.as('one'))
      .whereRef('sla_events.workspace_id', '=', 'cases.workspace_id')
      .whereRef('sla_events.case_id', '=', 'cases.id')
      .where('sla_events.event', 'in', ['warning_75', 'warning_90'])
      .where((s) =>
        s.or([
          s.and([
            s('sla_events.kind', '=', 'first_response'),
            s('case_sla.first_response_met_at', 'is', null),
          ]),
          s.and([
            s('sla_events.kind', '=', 'next_response'),
            s('case_sla.next_response_met_at', 'is', null),
            s('sla_events.started_at', '=', s.ref('case_sla.next_response_start_at')),
          ]),
          s.and([s('sla_events.kind', '=', 'resolution'), s('case_sla.resolution_met_at', 'is', null)]),
        ]),
      ),
  );
}

/** Some target still runs (not every target met). */
function runningSla(eb: CaseEb) {
  return eb.exists(
    eb
      .selectFrom('case_sla')
      .select(sql`1`.as('one'))
      .whereRef('case_sla.workspace_id', '=', 'cases.workspace_id')
      .whereRef('case_sla.case_id', '=', 'cases.id')
      .where((s) =>
        s.or([
          s('case_sla.first_response_met_at', 'is', null),
          s.and([
            s('case_sla.next_response_start_at', 'is not', null),
            s('case_sla.next_response_met_at', 'is', null),
          ]),
          s('case_sla.resolution_met_at', 'is', null),
        ]),
      ),
  );
}

/**
 * The SLA state of a case as the queue filters it, the same order of precedence as the engine's worst state:
 * paused (a running target while pending/on hold), breached (a running target past due), warning (the sweep
 * has recorded a warning threshold for a running target), ok (a running target, none of the above).
 */
function slaStateFilter(eb: CaseEb, state: CaseSlaFilter, now: string): Expression<SqlBool> {
  const paused = eb('cases.status', 'in', PAUSED);
  const running = eb('cases.status', 'not in', PAUSED);
  // 'ok' last: a running target, none of the other states.
  switch (state) {
    case 'paused':
      return eb.and([paused, runningSla(eb)]);
    case 'breached':
      return eb.and([running, breachedSla(eb, now)]);
    case 'warning':
      return eb.and([running, eb.not(breachedSla(eb, now)), warnedSla(eb)]);
    default:
      return eb.and([running, runningSla(eb), eb.not(breachedSla(eb, now)), eb.not(warnedSla(eb))]);
  }
}

/** The predicate of the filter set (true when empty). */
export function caseFilters(eb: CaseEb, f: CaseFilterSet, now: string): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (f.statuses?.length) parts.push(eb('cases.status', 'in', f.statuses));
  if (f.severities?.length) parts.push(eb('cases.severity', 'in', f.severities));
  if (f.types?.length) parts.push(eb('cases.type', 'in', f.types));
  if (f.channels?.length) parts.push(eb('cases.channel', 'in', f.channels));
  if (f.createdFrom) parts.push(eb('cases.created_at', '>=', f.createdFrom));
  if (f.createdTo) parts.push(eb('cases.created_at', '<', f.createdTo));
  if (f.slaStates?.length) {
    const states = f.slaStates;
    parts.push(eb.or(states.map((s) => slaStateFilter(eb, s, now))));
  }
  return parts.length ? eb.and(parts) : eb.lit(true);
}

/**
 * Keeps the search index of cases current. Every write that changes indexed text (a case created, a message
 * added, the subject changed, a customer or contact renamed) calls one of these in its own transaction.
 */
export class CaseIndexRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  /** Rebuilds a case's document from its number, subject, customer, contact and messages. */
  async refresh(caseId: string): Promise<void> {
    const head = await this.db
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
      .select([
        'cases.number',
        'cases.subject',
        'customers.name as customer_name',
        'contacts.name as contact_name',
      ])
      .where('cases.workspace_id', '=', this.workspaceId)
      .where('cases.id', '=', caseId)
      .executeTakeFirst();
    if (!head) return;
    const messages = await this.db
      .selectFrom('case_messages')
      .select(['body_text', 'visibility'])
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    await writeCaseDocument(
      this.db,
      this.workspaceId,
      caseId,
      caseDocument({
        number: head.number,
        subject: head.subject,
        customerName: head.customer_name,
        contactName: head.contact_name,
        messages: messages.map((m) => ({ text: m.body_text, visibility: m.visibility })),
      }),
    );
  }

  /** Writes the document of a case just created, from what its creator already holds (no reads). */
  async writeNew(caseId: string, doc: Parameters<typeof caseDocument>[0]): Promise<void> {
    await writeCaseDocument(this.db, this.workspaceId, caseId, caseDocument(doc), { fresh: true });
  }

  /** After a customer's rename: every case of the customer. */
  async refreshCustomer(customerId: string): Promise<void> {
    const rows = await this.db
      .selectFrom('cases')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('customer_id', '=', customerId)
      .execute();
    for (const r of rows) await this.refresh(r.id);
  }

  /** After a contact's rename: every case the contact opened. */
  async refreshContact(contactId: string): Promise<void> {
    const rows = await this.db
      .selectFrom('cases')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('contact_id', '=', contactId)
      .execute();
    for (const r of rows) await this.refresh(r.id);
  }
}
