import type {
  CaseChannel,
  CaseCounts,
  CasePriority,
  CaseCreate,
  CaseDetail,
  CasePage,
  CaseMessage,
  CaseQuery,
  CaseSeverity,
  CaseStatus,
  CaseType,
  CaseUpdate,
  FieldError,
  MessageCreate,
  MessageVisibility,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { nextNumber } from '../../platform/db/numbers.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { diff, recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { parseSort } from '../../platform/http/sort.js';
import { messageBody } from './case-body.js';
import {
  CasesRepository,
  type CaseChanges,
  type CaseMessageRecord,
  type CaseRecord,
  type CaseReferences,
} from './cases.repository.js';
import { presentCase, presentCaseDetail, presentMessage } from './cases.presenter.js';
import { caseFilterSet } from './case-search.js';
import { loadDiscipline } from './discipline-ext.view.js';
import { assertSolvable } from './discipline-ext.service.js';
import { DisciplineRepository, type ClosingSummaryRecord } from './discipline.repository.js';
import { applyCaseSla, caseSlas, newCaseSla, saveNewCaseSla } from '../sla/index.js';
import { checkTeamAssignment, routeNewCase } from '../teams/index.js';
import { attachUploadsInTx, messageAttachments, withCaseAttachments } from '../attachments/index.js';
import { withDeliveries } from '../mail-outbound/index.js';
import { caseMentions, recordMentionsInTx, withMentions } from '../mentions/index.js';
import { loadServiceSettings, priorityOf } from '../service-settings/index.js';
import {
  complaintCloseErrors,
  complaintOpened,
  complaintsOf,
  saveComplaint,
} from '../service-levels/index.js';
import { resolveCaseCoverage } from '../service-contracts/index.js';

const SORTS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  number: 'number',
  severity: 'severity',
  status: 'status',
} as const;

/** The default reopen window; each workspace sets its own in the service settings (reopenWindowDays). */
export const REOPEN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Case numbers start at T-1001. */
export function caseNumber(n: number): string {
  return `T-${1000 + n}`;
}

/** The fields of a case as its audit entries show them (no internal bookkeeping). */
export function audited(c: CaseRecord): Record<string, unknown> {
  const { version: _v, createdAt: _c, updatedAt: _u, ...rest } = c;
  return rest;
}

/** The closing summary as the case's audit entries show it. */
function closingAudited(s: ClosingSummaryRecord | null): Record<string, string> | null {
  return s && { cause: s.cause, fix: s.fix, customerNotes: s.customerNotes };
}

export function changesOf(c: CaseRecord): CaseChanges {
  return {
    subject: c.subject,
    type: c.type,
    severity: c.severity,
    status: c.status,
    assigneeId: c.assigneeId,
    teamId: c.teamId,
    pauseReason: c.pauseReason,
    solvedAt: c.solvedAt,
    closedAt: c.closedAt,
    lastCustomerReplyAt: c.lastCustomerReplyAt,
    lastAgentReplyAt: c.lastAgentReplyAt,
    priority: c.priority,
  };
}

/** What a new case is made of, whoever opens it (staff or a contact in the portal). */
export interface CaseDraft {
  customerId: string;
  contactId: string | null;
  subject: string;
  type: CaseType;
  severity: CaseSeverity;
  channel: CaseChannel;
  body: string;
  assigneeId: string | null;
  /** With neither team nor assignee, the workspace's assignment rules route the case. */
  teamId?: string | null;
  /** Uploads of the author to attach to the first message. */
  attachmentIds?: readonly string[] | undefined;
  /** Default: from the severity. */
  priority?: CasePriority | undefined;
  /** Absent: the customer's contract in force is picked (service contracts); null: none. */
  contractId?: string | null | undefined;
  /** The customer's installed product the case is about. */
  assetId?: string | null | undefined;
  /** The references as the caller read them for these ids (CasesRepository.references); saves a read. */
  references?: CaseReferences | undefined;
}

/**
 * Writes a new case and its first (public) message inside the caller's transaction, with its audit entry and
 * the case.created event. References are checked by the caller. Returns the case id.
 */
export async function createCaseInTx(tx: Executor, ctx: ServiceContext, draft: CaseDraft): Promise<string> {
  const repo = new CasesRepository(tx, ctx.workspace.id);
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const fromContact = ctx.actor.type === 'contact';
  const subject = draft.subject.trim();
  const covered = await resolveCaseCoverage(tx, ctx, { ...draft, pick: true });
  if (covered.errors.length) throw invalidFields(covered.errors);
  const routed = draft.assigneeId || draft.teamId ? null : await routeNewCase(tx, ctx, { ...draft, subject });
  const assigneeId = routed ? routed.assigneeId : draft.assigneeId;
  const teamId = routed ? routed.teamId : (draft.teamId ?? null);
  // Names for the audit entry and the search document: the caller's read when it covers the same references.
  const refs =
    draft.references && (!routed || (!routed.assigneeId && !routed.teamId))
      ? draft.references
      : await repo.references({
          customerId: draft.customerId,
          contactId: draft.contactId,
          assigneeId,
          teamId,
        });
  if (!refs) throw invalidFields([fieldError('customerId', 'unknown_reference')]);
  const fields = {
    id,
    channel: draft.channel,
    customerId: draft.customerId,
    contactId: draft.contactId,
    subject,
    type: draft.type,
    severity: draft.severity,
    status: 'new' as const,
    assigneeId,
    teamId,
    pauseReason: null,
    solvedAt: null,
    closedAt: null,
    lastCustomerReplyAt: fromContact ? now : null,
    lastAgentReplyAt: null,
    priority: draft.priority ?? priorityOf(draft.severity),
    ...covered.coverage,
  };
  // The case as it will be stored: the SLA engine computes its targets and deadline before the one insert.
  const draftRecord: CaseRecord = {
    ...fields,
    number: '',
    customerName: refs.customerName,
    contactName: draft.contactId ? refs.contactName : null,
    assigneeName: assigneeId ? refs.assigneeName : null,
    teamName: teamId ? refs.teamName : null,
    nextDeadlineAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const sla = await newCaseSla(tx, ctx, draftRecord, { tier: refs.tier });
  // The number is taken after every read: on PostgreSQL the workspace's counter row stays locked until the
  // commit, so concurrent creations in one workspace wait only for each other's inserts, not for their reads.
  const number = caseNumber(await nextNumber(tx, ctx.workspace.id, 'case'));
  await repo.insert({ ...fields, number }, now, sla);
  await saveNewCaseSla(tx, ctx, sla);
  const created: CaseRecord = { ...draftRecord, number, nextDeadlineAt: sla.nextDeadlineAt };
  const first = await insertMessage(repo, ctx, id, draft.body, 'public', now);
  await attachUploadsInTx(tx, ctx, { caseId: id, messageId: first.id }, draft.attachmentIds);
  await repo.writeNewSearchText(id, {
    number,
    subject,
    customerName: created.customerName,
    contactName: created.contactName,
    messages: [{ text: first.bodyText, visibility: 'public' }],
  });
  await recordAudit(tx, ctx, {
    entityType: 'case',
    entityId: id,
    action: 'created',
    after: { ...audited(created), ...(routed ? { assignmentRule: routed.rule } : {}) },
  });
  await emit(tx, ctx, 'case.created', {
    caseId: id,
    customerId: draft.customerId,
    actorId: ctx.actor.id,
    ...(created.assigneeId || created.teamId
      ? { assigneeTo: created.assigneeId, teamTo: created.teamId }
      : {}),
  });
  await complaintOpened(tx, ctx, created);
  return id;
}

async function insertMessage(
  repo: CasesRepository,
  ctx: ServiceContext,
  caseId: string,
  rawBody: string,
  visibility: MessageVisibility,
  now: string,
): Promise<CaseMessageRecord> {
  const body = messageBody(rawBody);
  if (!body.text && !body.html) throw invalidFields([fieldError('body', 'required')]);
  const message: CaseMessageRecord = {
    id: newId(),
    caseId,
    authorType: ctx.actor.type,
    authorId: ctx.actor.id,
    authorName: ctx.actor.name,
    visibility,
    bodyHtml: body.html,
    bodyText: body.text,
    createdAt: now,
  };
  await repo.insertMessage(message);
  return message;
}

/**
 * Adds a message to a case inside the caller's transaction and applies what it implies: a public agent reply
 * opens a new case and stamps lastAgentReplyAt; a customer reply stamps lastCustomerReplyAt and reopens a
 * pending case, or a solved one within the reopen window. An internal note changes nothing the customer sees.
 */
export async function addMessageInTx(
  tx: Executor,
  ctx: ServiceContext,
  before: CaseRecord,
  rawBody: string,
  visibility: MessageVisibility,
): Promise<CaseMessageRecord> {
  if (before.status === 'closed') throw new AppError('case_closed');
  const repo = new CasesRepository(tx, ctx.workspace.id);
  const at = ctx.clock.now();
  const now = at.toISOString();
  const fromContact = ctx.actor.type === 'contact';
  let next: CaseChanges | null = null;
  if (fromContact) {
    next = { ...changesOf(before), lastCustomerReplyAt: now };
    if (before.status === 'pending') next = { ...next, status: 'open', pauseReason: null };
    if (before.status === 'solved') {
      const solvedAt = before.solvedAt ? Date.parse(before.solvedAt) : at.getTime();
      const windowMs = (await loadServiceSettings(tx, ctx.workspace.id)).reopenWindowDays * DAY_MS;
      if (at.getTime() - solvedAt > windowMs) throw new AppError('reopen_window_passed');
      next = { ...next, status: 'open', solvedAt: null };
    }
  } else if (visibility === 'public') {
    next = { ...changesOf(before), lastAgentReplyAt: now };
    if (before.status === 'new') next = { ...next, status: 'open' };
  }
  if (next && !(await repo.update(before.id, before.version, next, now))) throw new AppError('conflict');
  const message = await insertMessage(repo, ctx, before.id, rawBody, visibility, now);
  await repo.refreshSearchText(before.id);
  if (next)
    await repo.setNextDeadline(
      before.id,
      await applyCaseSla(tx, ctx, before, (await repo.find(before.id)) as CaseRecord),
    );
  const after = (await repo.find(before.id)) as CaseRecord;
  await recordAudit(tx, ctx, {
    entityType: 'case',
    entityId: before.id,
    action: 'message_added',
    changes: {
      ...diff(audited(before), audited(after)),
      message: { from: null, to: { id: message.id, visibility } },
    },
  });
  await emit(tx, ctx, 'case.message_added', {
    caseId: before.id,
    customerId: before.customerId,
    messageId: message.id,
    visibility,
    authorType: message.authorType,
  });
  return message;
}

/** The opaque keyset cursor: base64url of the order it belongs to and the last row's sort key. */
function encodeCursor(key: readonly string[], order: string): string {
  return Buffer.from(JSON.stringify({ o: order, k: key })).toString('base64url');
}

/** The sort key a cursor carries; 400 for a cursor that is not one, or of another order. */
function decodeCursor(cursor: string, order: string): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed && 'k' in parsed) {
      const { o, k } = parsed;
      const arity = order ? 2 : 3;
      if (
        o === order &&
        Array.isArray(k) &&
        k.length === arity &&
        k.every((v): v is string => typeof v === 'string' && v.length <= 100)
      )
        return k;
    }
  } catch {
    // not JSON: answered below
  }
  throw invalidFields([fieldError('cursor', 'invalid_value')]);
}

/** An assignee must be a user of the workspace who is active. */
function assigneeErrors(status: string | null): FieldError[] {
  if (!status) return [fieldError('assigneeId', 'unknown_reference')];
  if (status !== 'active') return [fieldError('assigneeId', 'inactive_user')];
  return [];
}

/** Support cases as staff work them: the queue, the case, its conversation and its status. */
export class CasesService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new CasesRepository(db, this.ctx.workspace.id);
  }

  private get userId(): string | undefined {
    return this.ctx.principal?.kind === 'staff' ? this.ctx.principal.userId : undefined;
  }

  async list(query: CaseQuery): Promise<CasePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const sort = query.sort ? parseSort(query.sort, SORTS, { column: 'created_at', desc: false }) : null;
    const order = query.sort ?? '';
    const q = query.q?.trim() || undefined;
    const after = query.cursor ? decodeCursor(query.cursor, order) : undefined;
    if (after && q) throw invalidFields([fieldError('cursor', 'invalid_value')]);
    const { items, total, nextKey } = await this.repo().list({
      view: query.view ?? 'all',
      userId: this.userId,
      customerId: query.customerId,
      assigneeId: query.assigneeId,
      teamId: query.teamId,
      now: this.ctx.clock.now().toISOString(),
      q,
      searchMessages: true,
      filters: caseFilterSet(query),
      sort,
      page,
      pageSize,
      after,
    });
    const [slas, complaints] = await Promise.all([
      caseSlas(this.ctx.database.db, this.ctx, items),
      complaintsOf(this.ctx.database.db, this.ctx, items),
    ]);
    return {
      items: items.map((c) => ({
        ...presentCase(c, this.ctx.principal, slas.get(c.id) ?? null),
        complaint: complaints.get(c.id) ?? null,
      })),
      total,
      page,
      pageSize,
      nextCursor: nextKey ? encodeCursor(nextKey, order) : null,
    };
  }

  async counts(): Promise<CaseCounts> {
    return this.repo().counts(this.userId ?? '', this.ctx.clock.now().toISOString());
  }

  async get(id: string, db: Executor = this.ctx.database.db): Promise<CaseDetail> {
    const repo = this.repo(db);
    const c = await repo.find(id);
    if (!c) throw new AppError('not_found');
    // Independent reads: on PostgreSQL they go out at once on pooled connections (in a transaction, in turn).
    const [slas, discipline, complaints, messages] = await Promise.all([
      caseSlas(db, this.ctx, [c]),
      loadDiscipline(db, this.ctx, c),
      complaintsOf(db, this.ctx, [c]),
      repo.messages(id),
    ]);
    const sla = slas.get(c.id) ?? null;
    const complaint = complaints.get(c.id) ?? null;
    const detail = presentCaseDetail(c, messages, this.ctx.principal, sla, discipline);
    return {
      ...(await withDeliveries(
        db,
        this.ctx,
        id,
        await withMentions(db, this.ctx, id, await withCaseAttachments(db, this.ctx, id, detail)),
      )),
      complaint,
    };
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  async create(input: CaseCreate): Promise<CaseDetail> {
    const id = await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const errs: FieldError[] = [];
      const refs = await repo.references({
        customerId: input.customerId,
        contactId: input.contactId ?? null,
        assigneeId: input.assigneeId ?? null,
        teamId: input.teamId ?? null,
      });
      if (!refs) errs.push(fieldError('customerId', 'unknown_reference'));
      else if (input.contactId) {
        const owner = refs.contactCustomerId;
        if (!owner) errs.push(fieldError('contactId', 'unknown_reference'));
        else if (owner !== input.customerId) errs.push(fieldError('contactId', 'contact_customer_mismatch'));
      }
      if (input.assigneeId) errs.push(...assigneeErrors(refs?.assigneeStatus ?? null));
      errs.push(
        ...(await checkTeamAssignment(
          tx,
          this.ctx.workspace.id,
          input.teamId ?? null,
          input.assigneeId ?? null,
        )),
      );
      if (errs.length) throw invalidFields(errs);
      const viaToken = this.ctx.principal?.kind === 'staff' && this.ctx.principal.via.type === 'token';
      return createCaseInTx(tx, this.ctx, {
        customerId: input.customerId,
        contactId: input.contactId ?? null,
        subject: input.subject,
        type: input.type ?? 'question',
        severity: input.severity ?? 'S3',
        channel: input.channel ?? (viaToken ? 'api' : 'phone'),
        body: input.body,
        assigneeId: input.assigneeId ?? null,
        teamId: input.teamId ?? null,
        attachmentIds: input.attachmentIds,
        priority: input.priority,
        contractId: input.contractId,
        assetId: input.assetId,
        references: refs,
      });
    });
    // Read back after the commit: the reply is the stored case, and the read is not part of the write.
    return this.get(id);
  }

  async update(id: string, input: CaseUpdate): Promise<CaseDetail> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      if (before.status === 'closed') throw new AppError('case_closed');
      const now = this.ctx.clock.now().toISOString();
      const status = input.status ?? before.status;
      const errs: FieldError[] = [];
      if (status !== before.status && !canMove(before.status, status))
        errs.push(fieldError('status', 'invalid_transition'));
      const pauseReason =
        status === 'pending' || status === 'on_hold'
          ? input.pauseReason !== undefined
            ? input.pauseReason?.trim() || null
            : status === before.status
              ? before.pauseReason
              : null
          : null;
      if (status === 'on_hold' && !pauseReason) errs.push(fieldError('pauseReason', 'required'));
      const discipline = new DisciplineRepository(tx, this.ctx.workspace.id);
      const closingBefore = await discipline.closingSummary(id);
      if (input.status === 'solved' && !input.closingSummary && !closingBefore)
        errs.push(
          fieldError('closingSummary/cause', 'required'),
          fieldError('closingSummary/fix', 'required'),
          fieldError('closingSummary/customerNotes', 'required'),
        );
      const assigneeId = input.assigneeId === undefined ? before.assigneeId : input.assigneeId;
      if (assigneeId && assigneeId !== before.assigneeId)
        errs.push(...(await this.checkAssignee(repo, assigneeId)));
      const teamId = input.teamId === undefined ? before.teamId : input.teamId;
      if (teamId !== before.teamId || assigneeId !== before.assigneeId)
        errs.push(...(await checkTeamAssignment(tx, this.ctx.workspace.id, teamId, assigneeId)));
      errs.push(
        ...(await complaintCloseErrors(
          tx,
          this.ctx,
          before,
          { type: input.type ?? before.type, status },
          input.complaint,
        )),
      );
      const coverage = {
        contractId: input.contractId === undefined ? before.contractId : input.contractId,
        assetId: input.assetId === undefined ? before.assetId : input.assetId,
      };
      if (coverage.contractId !== before.contractId || coverage.assetId !== before.assetId)
        errs.push(
          ...(
            await resolveCaseCoverage(tx, this.ctx, {
              customerId: before.customerId,
              contractId: coverage.contractId !== before.contractId ? coverage.contractId : null,
              assetId: coverage.assetId !== before.assetId ? coverage.assetId : null,
              pick: false,
            })
          ).errors,
        );
      if (errs.length) throw invalidFields(errs);
      if (status === 'solved' && before.status !== 'solved') await assertSolvable(tx, this.ctx, id);
      const next: CaseChanges = {
        ...changesOf(before),
        subject: input.subject?.trim() || before.subject,
        type: input.type ?? before.type,
        severity: input.severity ?? before.severity,
        status,
        assigneeId,
        teamId,
        pauseReason,
        solvedAt: status === 'solved' || status === 'closed' ? (before.solvedAt ?? now) : null,
        closedAt: status === 'closed' ? now : null,
        priority: input.priority ?? before.priority,
        ...coverage,
      };
      if (!(await repo.update(id, before.version, next, now))) throw new AppError('conflict');
      if (next.subject !== before.subject) await repo.refreshSearchText(id);
      if (input.closingSummary)
        await discipline.replaceClosingSummary({
          caseId: id,
          cause: input.closingSummary.cause.trim(),
          fix: input.closingSummary.fix.trim(),
          customerNotes: input.closingSummary.customerNotes.trim(),
          authorId: this.ctx.actor.id,
          authorName: this.ctx.actor.name,
          createdAt: now,
        });
      const closingAfter = input.closingSummary ? await discipline.closingSummary(id) : closingBefore;
      if (input.complaint) await saveComplaint(tx, this.ctx, id, input.complaint);
      await repo.setNextDeadline(
        id,
        await applyCaseSla(tx, this.ctx, before, (await repo.find(id)) as CaseRecord),
      );
      const after = (await repo.find(id)) as CaseRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: id,
        action: 'updated',
        before: { ...audited(before), closingSummary: closingAudited(closingBefore) },
        after: {
          ...audited(after),
          closingSummary: closingAudited(closingAfter),
          ...(input.complaint ? { complaint: input.complaint } : {}),
        },
      });
      await emit(tx, this.ctx, 'case.updated', {
        caseId: id,
        customerId: before.customerId,
        ...(after.status !== before.status ? { statusFrom: before.status, statusTo: after.status } : {}),
        ...(input.closingSummary ? { closingSummary: true } : {}),
        ...(after.assigneeId !== before.assigneeId
          ? { assigneeFrom: before.assigneeId, assigneeTo: after.assigneeId }
          : {}),
        ...(after.teamId !== before.teamId ? { teamFrom: before.teamId, teamTo: after.teamId } : {}),
        actorId: this.ctx.actor.id,
      });
      return this.get(id, tx);
    });
  }

  async addMessage(id: string, input: MessageCreate): Promise<CaseMessage> {
    return inTransaction(this.ctx, async (tx) => {
      const before = await this.repo(tx).find(id);
      if (!before) throw new AppError('not_found');
      const message = await addMessageInTx(tx, this.ctx, before, input.body, input.visibility);
      await attachUploadsInTx(tx, this.ctx, { caseId: id, messageId: message.id }, input.attachmentIds);
      await recordMentionsInTx(
        tx,
        this.ctx,
        { caseId: id, customerId: before.customerId, messageId: message.id, visibility: input.visibility },
        input.mentions,
      );
      return {
        ...presentMessage(message),
        attachments: await messageAttachments(tx, this.ctx, id, message.id),
        mentions: (await caseMentions(tx, this.ctx, id)).get(message.id) ?? [],
      };
    });
  }

  private async checkAssignee(repo: CasesRepository, userId: string): Promise<FieldError[]> {
    return assigneeErrors((await repo.userStatus(userId)) ?? null);
  }
}

/**
 * Status changes staff may make: any case that is not closed can be opened, put on pending or on hold, or
 * solved; a solved case can be closed or reopened; closed is final; nothing goes back to new.
 */
export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  if (from === to) return true;
  if (from === 'closed' || to === 'new') return false;
  if (from === 'solved') return to === 'closed' || to === 'open';
  return to !== 'closed';
}
