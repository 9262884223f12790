import type {
  FieldError,
  PageOf,
  PortalReturn,
  PortalReturnCreate,
  PortalReturnReason,
  PortalReturnSummary,
  ReturnAppealInput,
  ReturnCancelInput,
  ReturnCompleteInput,
  ReturnCreate,
  ReturnInfoInput,
  ReturnInspectInput,
  ReturnPickupInput,
  ReturnPolicy,
  ReturnPolicyCreate,
  ReturnPolicyUpdate,
  ReturnQuery,
  ReturnReason,
  ReturnReasonCreate,
  ReturnReasonUpdate,
  ReturnRequest,
  ReturnReviewInput,
  ReturnShipInput,
  ReturnSummary,
  ReturnLineInput,
  ReturnOutcome,
  ReturnQueue,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { nextNumber } from '../../platform/db/numbers.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { addServiceMinutes } from '../../platform/calendar/index.js';
import { compiledCalendar } from '../calendars/index.js';
import { addMonths, isInWarranty, todayIn } from '../assets/index.js';
import { previewOf } from '../attachments/index.js';
import { returnDeliveries } from '../mail-outbound/index.js';
import {
  ReturnsRepository,
  type PolicyFields,
  type ReturnLineRecord,
  type ReturnPatch,
  type ReturnRow,
  type ReviewRecord,
  type StepRecord,
} from './returns.repository.js';
import { initialState, transition, type Command, type MachineState } from './returns.machine.js';
import {
  presentPolicy,
  presentPortalReturn,
  presentPortalSummary,
  presentReason,
  presentReturn,
  presentSummary,
  reasonLabel,
  stateOf,
  type Viewer,
} from './returns.presenter.js';

/** The number of a return: R-1001, R-1002… */
export function returnNumber(n: number): string {
  return `R-${1000 + n}`;
}

/** Thrown inside a transaction when another writer moved the return first; the command is recomputed. */
class Raced extends Error {}
const MAX_ATTEMPTS = 10;

/** A step of the state machine as the service applies it. */
interface Plan {
  command: Command;
  /** Columns to write besides status/round/appealed/decision (computed from the transition). */
  patch?: ReturnPatch;
  /** Writes after the guarded update (reviews), in the same transaction. */
  after?: (repo: ReturnsRepository, next: MachineState, row: ReturnRow) => Promise<void>;
  step: { kind: string; public: boolean; details: Record<string, unknown> };
  event: string;
  payload?: Record<string, unknown>;
}

export class ReturnsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new ReturnsRepository(db, this.ctx.workspace.id);
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  /** Who is looking: a manager (all), a reviewer (their departments' queues; leads see all), a contact. */
  private async viewer(db: Executor = this.ctx.database.db): Promise<Viewer> {
    const p = this.ctx.principal;
    if (!p) return { kind: 'system' };
    if (p.kind === 'contact')
      return {
        kind: 'contact',
        customerId: p.customerId,
        contactId: p.contactId,
        companyWide: p.companyWide,
      };
    const memberships = await this.repo(db).membershipsOf(p.userId);
    return {
      kind: 'staff',
      userId: p.userId,
      manage: p.permissions.has('returns.manage'),
      seesAll: p.permissions.has('returns.manage') || memberships.some((m) => m.lead),
      departmentIds: memberships.map((m) => m.departmentId),
    };
  }

  private visible(row: ReturnRow, v: Viewer): boolean {
    switch (v.kind) {
      case 'system':
        return true;
      case 'contact':
        return row.customer_id === v.customerId && (v.companyWide || row.contact_id === v.contactId);
      case 'staff': {
        if (v.seesAll) return true;
        const deps = JSON.parse(row.department_ids) as string[];
        return deps.some((d) => v.departmentIds.includes(d));
      }
    }
  }

  // ------------------------------------------------------------------ policies

  async listPolicies(): Promise<ReturnPolicy[]> {
    const repo = this.repo();
    const [policies, departments] = await Promise.all([repo.policies(), repo.departments()]);
    return policies.map((p) => presentPolicy(p, departments, this.ctx.principal));
  }

  async createPolicy(input: ReturnPolicyCreate): Promise<ReturnPolicy> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const fields = await checkPolicy(repo, input);
      const id = newId();
      if ((await repo.policies()).some((p) => (p.category ?? '') === (fields.category ?? '')))
        throw invalidFields([fieldError('category', 'duplicate')]);
      await repo.insertPolicy(id, fields, this.now());
      const after = await repo.policy(id);
      if (!after) throw new AppError('not_found');
      await recordAudit(tx, this.ctx, {
        entityType: 'return_policy',
        entityId: id,
        action: 'created',
        after: fields,
      });
      await emit(tx, this.ctx, 'return_policy.created', { policyId: id });
      return presentPolicy(after, await repo.departments(), this.ctx.principal);
    });
  }

  async updatePolicy(id: string, input: ReturnPolicyUpdate): Promise<ReturnPolicy> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.policy(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const fields = await checkPolicy(repo, input);
      if ((await repo.policies()).some((p) => p.id !== id && (p.category ?? '') === (fields.category ?? '')))
        throw invalidFields([fieldError('category', 'duplicate')]);
      if (!(await repo.updatePolicy(id, before.version, fields, this.now()))) throw new AppError('conflict');
      const after = await repo.policy(id);
      if (!after) throw new AppError('not_found');
      await recordAudit(tx, this.ctx, {
        entityType: 'return_policy',
        entityId: id,
        action: 'updated',
        before: policyFieldsOf(before),
        after: fields,
      });
      await emit(tx, this.ctx, 'return_policy.updated', { policyId: id });
      return presentPolicy(after, await repo.departments(), this.ctx.principal);
    });
  }

  async deletePolicy(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.policy(id);
      if (!before) throw new AppError('not_found');
      await repo.deletePolicy(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'return_policy',
        entityId: id,
        action: 'deleted',
        before: policyFieldsOf(before),
      });
      await emit(tx, this.ctx, 'return_policy.deleted', { policyId: id });
    });
  }

  async policyExists(id: string): Promise<boolean> {
    return Boolean(await this.repo().policy(id));
  }

  // ------------------------------------------------------------------ reasons

  async listReasons(): Promise<ReturnReason[]> {
    return (await this.repo().reasons()).map(presentReason);
  }

  async portalReasons(): Promise<PortalReturnReason[]> {
    return (await this.repo().reasons(true)).map((r) => ({
      id: r.id,
      code: r.code,
      label: reasonLabel(r, this.ctx.locale),
    }));
  }

  async createReason(input: ReturnReasonCreate): Promise<ReturnReason> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      if ((await repo.reasons()).some((r) => r.code === input.code))
        throw invalidFields([fieldError('code', 'duplicate')]);
      const id = newId();
      const rec = {
        id,
        code: input.code,
        labelZh: input.label['zh-CN'].trim(),
        labelEn: input.label.en.trim(),
        active: input.active ?? true,
        position: input.position ?? 0,
      };
      await repo.insertReason(rec, this.now());
      await recordAudit(tx, this.ctx, {
        entityType: 'return_reason',
        entityId: id,
        action: 'created',
        after: rec,
      });
      await emit(tx, this.ctx, 'return_reason.created', { reasonId: id });
      return presentReason({ ...rec, version: 0 });
    });
  }

  async updateReason(id: string, input: ReturnReasonUpdate): Promise<ReturnReason> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.reason(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      if ((await repo.reasons()).some((r) => r.id !== id && r.code === input.code))
        throw invalidFields([fieldError('code', 'duplicate')]);
      const rec = {
        id,
        code: input.code,
        labelZh: input.label['zh-CN'].trim(),
        labelEn: input.label.en.trim(),
        active: input.active ?? before.active,
        position: input.position ?? before.position,
      };
      if (!(await repo.updateReason(rec, before.version, this.now()))) throw new AppError('conflict');
      await recordAudit(tx, this.ctx, {
        entityType: 'return_reason',
        entityId: id,
        action: 'updated',
        before,
        after: { ...rec, version: before.version + 1 },
      });
      await emit(tx, this.ctx, 'return_reason.updated', { reasonId: id });
      return presentReason({ ...rec, version: before.version + 1 });
    });
  }

  // ------------------------------------------------------------------ requests

  async list(query: ReturnQuery): Promise<PageOf<ReturnSummary>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const v = await this.viewer();
    if (v.kind !== 'staff') throw new AppError('forbidden');
    let departmentIds: string[] | undefined;
    if (query.departmentId) {
      if (!v.seesAll && !v.departmentIds.includes(query.departmentId))
        return { items: [], total: 0, page, pageSize };
      departmentIds = [query.departmentId];
    } else if (!v.seesAll) departmentIds = v.departmentIds;
    const repo = this.repo();
    const { items, total } = await repo.list({
      status: query.status,
      customerId: query.customerId,
      departmentIds,
      pendingOnly: query.pendingOnly,
      page,
      pageSize,
    });
    const reasons = new Map((await repo.reasons()).map((r) => [r.id, r]));
    const out: ReturnSummary[] = [];
    for (const row of items) {
      const review = query.departmentId
        ? (await repo.reviews(row.id, row.round)).find((r) => r.departmentId === query.departmentId)
        : undefined;
      out.push(presentSummary(row, reasons.get(row.reason_id), review?.status ?? null, this.ctx.locale));
    }
    return { items: out, total, page, pageSize };
  }

  /** The department queues the signed-in reviewer may open, with what waits in each. */
  async queues(): Promise<ReturnQueue[]> {
    const v = await this.viewer();
    if (v.kind !== 'staff') throw new AppError('forbidden');
    const repo = this.repo();
    const reviewing = new Set((await repo.policies()).flatMap((p) => p.departmentIds));
    const pending = await repo.pendingByDepartment();
    return (await repo.departments())
      .filter(
        (d) => v.departmentIds.includes(d.id) || (v.seesAll && (reviewing.has(d.id) || pending.has(d.id))),
      )
      .map((d) => ({
        departmentId: d.id,
        name: d.name,
        kind: d.kind,
        pending: pending.get(d.id) ?? 0,
        member: v.departmentIds.includes(d.id),
      }));
  }

  async portalList(query: { page?: number; pageSize?: number }): Promise<PageOf<PortalReturnSummary>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const v = await this.viewer();
    if (v.kind !== 'contact') throw new AppError('forbidden');
    const repo = this.repo();
    const { items, total } = await repo.list({
      customerId: v.customerId,
      contactId: v.companyWide ? undefined : v.contactId,
      page,
      pageSize,
    });
    const reasons = new Map((await repo.reasons()).map((r) => [r.id, r]));
    return {
      items: items.map((row) => presentPortalSummary(row, reasons.get(row.reason_id), this.ctx.locale)),
      total,
      page,
      pageSize,
    };
  }

  async get(id: string, db: Executor = this.ctx.database.db): Promise<ReturnRequest> {
    const repo = this.repo(db);
    const row = await repo.find(id);
    const v = await this.viewer(db);
    if (!row || !this.visible(row, v) || v.kind === 'contact') throw new AppError('not_found');
    const mails = await returnDeliveries(db, this.ctx.workspace.id, id);
    return { ...(await this.present(repo, row, v)), mails };
  }

  async portalGet(id: string, db: Executor = this.ctx.database.db): Promise<PortalReturn> {
    const repo = this.repo(db);
    const row = await repo.find(id);
    const v = await this.viewer(db);
    if (!row || v.kind !== 'contact' || !this.visible(row, v)) throw new AppError('not_found');
    const [lines, reviews, steps, reason] = await Promise.all([
      repo.lines(id),
      repo.reviews(id, row.round),
      repo.steps(id, true),
      repo.reason(row.reason_id),
    ]);
    return presentPortalReturn(row, lines, reviews, steps, reason, this.ctx.locale, await repo.departments());
  }

  /**
   * A photo of a return, re-encoded as WebP (only pixels survive), for whoever may see the return (staff of its
   * reviewing departments, leads and managers; the customer's contacts). 404 for anything else.
   */
  async photo(id: string, photoId: string): Promise<Buffer> {
    const repo = this.repo();
    const row = await repo.find(id);
    if (!row || !this.visible(row, await this.viewer())) throw new AppError('not_found');
    const content = await repo.photo(id, photoId);
    if (!content) throw new AppError('not_found');
    try {
      return await previewOf(content);
    } catch {
      throw new AppError('not_found');
    }
  }

  async exists(id: string): Promise<boolean> {
    const row = await this.repo().find(id);
    return Boolean(row && this.visible(row, await this.viewer()));
  }

  private async present(repo: ReturnsRepository, row: ReturnRow, v: Viewer): Promise<ReturnRequest> {
    const [lines, reviews, steps, reason, departments] = await Promise.all([
      repo.lines(row.id),
      repo.reviews(row.id, row.round),
      repo.steps(row.id, false),
      repo.reason(row.reason_id),
      repo.departments(),
    ]);
    return presentReturn(
      row,
      lines,
      reviews,
      steps,
      reason,
      departments,
      v,
      this.ctx.locale,
      this.ctx.clock.now(),
    );
  }

  /** Staff start a return for a customer (optionally from a case). */
  async create(input: ReturnCreate): Promise<ReturnRequest> {
    const p = this.ctx.principal;
    if (!p || p.kind !== 'staff') throw new AppError('forbidden');
    const id = await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const errs: FieldError[] = [];
      if (!(await repo.customerExists(input.customerId)))
        throw invalidFields([fieldError('customerId', 'unknown_reference')]);
      if (input.contactId && !(await repo.contactOfCustomer(input.contactId, input.customerId)))
        errs.push(fieldError('contactId', 'unknown_reference'));
      if (input.caseId && !(await repo.caseOfCustomer(input.caseId, input.customerId)))
        errs.push(fieldError('caseId', 'unknown_reference'));
      if (errs.length) throw invalidFields(errs);
      return this.createInTx(tx, repo, input, {
        customerId: input.customerId,
        contactId: input.contactId ?? null,
        caseId: input.caseId ?? null,
        uploader: { type: 'user', id: p.userId },
      });
    });
    return this.get(id);
  }

  /** A contact starts a return in the portal. */
  async portalCreate(input: PortalReturnCreate): Promise<PortalReturn> {
    const p = this.ctx.principal;
    if (!p || p.kind !== 'contact') throw new AppError('forbidden');
    const id = await inTransaction(this.ctx, (tx) =>
      this.createInTx(tx, this.repo(tx), input, {
        customerId: p.customerId,
        contactId: p.contactId,
        caseId: null,
        uploader: { type: 'contact', id: p.contactId },
      }),
    );
    return this.portalGet(id);
  }

  private async createInTx(
    tx: Executor,
    repo: ReturnsRepository,
    input: PortalReturnCreate,
    who: {
      customerId: string;
      contactId: string | null;
      caseId: string | null;
      uploader: { type: 'user'; id: string } | { type: 'contact'; id: string };
    },
  ): Promise<string> {
    const now = this.ctx.clock.now();
    const nowIso = now.toISOString();
    const errs: FieldError[] = [];
    const reason = await repo.reason(input.reasonId);
    if (!reason || !reason.active) errs.push(fieldError('reasonId', 'unknown_reference'));
    const today = todayIn(now, this.ctx.workspace.timezone);
    const lines = await this.checkLines(repo, input.lines, who.customerId, today, errs);
    const photoIds = input.photoIds ?? [];
    const usable = new Set(await repo.usableUploads(photoIds, who.uploader, nowIso));
    photoIds.forEach((pid, i) => {
      if (!usable.has(pid)) errs.push(fieldError(`photoIds/${i}`, 'unknown_reference'));
    });
    if (errs.length) throw invalidFields(errs);
    const category = lines.find((l) => l.category)?.category ?? null;
    const policy = await repo.policyFor(category);
    if (!policy) throw new AppError('return_policy_missing');
    const id = newId();
    const number = returnNumber(await nextNumber(tx, this.ctx.workspace.id, 'return'));
    const reviewDueAt = await this.dueAfter(repo, policy.calendarId, now, policy.reviewHours);
    const decisionDueAt = await this.dueAfter(repo, policy.calendarId, now, policy.decisionHours);
    const state = initialState(policy.rule, policy.quorum, policy.departmentIds);
    await repo.insertReturn({
      id,
      number,
      customer_id: who.customerId,
      contact_id: who.contactId,
      case_id: who.caseId,
      policy_id: policy.id,
      reason_id: input.reasonId,
      outcome: input.outcome,
      description: input.description?.trim() || null,
      photo_ids: JSON.stringify(photoIds),
      status: state.status,
      round: state.round,
      appealed: 0,
      rule: policy.rule,
      quorum: policy.quorum,
      department_ids: JSON.stringify(policy.departmentIds),
      review_hours: policy.reviewHours,
      decision_hours: policy.decisionHours,
      calendar_id: policy.calendarId,
      review_due_at: reviewDueAt,
      decision_due_at: decisionDueAt,
      decision: null,
      decided_at: null,
      appeal_reason: null,
      logistics: null,
      pickup_at: null,
      tracking_number: null,
      received_at: null,
      inspected_at: null,
      inspection_passed: null,
      inspection_note: null,
      refund_cents: null,
      replacement_order_id: null,
      repair_case_id: null,
      completed_at: null,
      cancelled_at: null,
      created_at: nowIso,
      updated_at: nowIso,
      version: 0,
    });
    await repo.insertLines(
      id,
      lines.map((l, i) => ({ ...l, id: newId(), position: i + 1 })),
    );
    await repo.insertReviews(id, 1, policy.departmentIds, reviewDueAt);
    await repo.movePhotos(id, photoIds, nowIso);
    await this.step(repo, id, { kind: 'created', public: true, details: { number, outcome: input.outcome } });
    await recordAudit(tx, this.ctx, {
      entityType: 'return',
      entityId: id,
      action: 'created',
      after: {
        number,
        customerId: who.customerId,
        contactId: who.contactId,
        caseId: who.caseId,
        reasonId: input.reasonId,
        outcome: input.outcome,
        lines: lines.map((l) => ({ orderLineId: l.orderLineId, assetId: l.assetId, quantity: l.quantity })),
        policyId: policy.id,
        photoIds,
        departmentIds: policy.departmentIds,
        rule: policy.rule,
        reviewDueAt,
        decisionDueAt,
      },
    });
    await emit(tx, this.ctx, 'return.created', {
      returnId: id,
      number,
      customerId: who.customerId,
      contactId: who.contactId,
      departmentIds: policy.departmentIds,
      decisionDueAt,
    });
    return id;
  }

  /** Each line: an order line of the customer, or a serial number of their installed base; checks warranty and the return window. */
  private async checkLines(
    repo: ReturnsRepository,
    inputs: ReturnLineInput[],
    customerId: string,
    today: string,
    errs: FieldError[],
  ): Promise<
    Array<
      Omit<
        ReturnLineRecord,
        'id' | 'position' | 'productName' | 'orderId' | 'orderNumber' | 'serialNumber' | 'unitPriceCents'
      >
    >
  > {
    const out: Array<
      Omit<
        ReturnLineRecord,
        'id' | 'position' | 'productName' | 'orderId' | 'orderNumber' | 'serialNumber' | 'unitPriceCents'
      >
    > = [];
    for (const [i, l] of inputs.entries()) {
      if (Boolean(l.orderLineId) === Boolean(l.serialNumber)) {
        errs.push(fieldError(`lines/${i}/orderLineId`, 'invalid_value'));
        continue;
      }
      if (l.orderLineId) {
        const ol = await repo.orderLine(l.orderLineId);
        if (!ol || ol.customerId !== customerId) {
          errs.push(fieldError(`lines/${i}/orderLineId`, 'unknown_reference'));
          continue;
        }
        const already = await repo.returnedQuantity(ol.id);
        if (l.quantity + already > ol.quantity) {
          errs.push(fieldError(`lines/${i}/quantity`, 'invalid_value'));
          continue;
        }
        const warrantyEnd = ol.warrantyMonths > 0 ? addMonths(ol.orderedAt, ol.warrantyMonths) : null;
        const windowEnd = addDays(ol.orderedAt, ol.returnWindowDays);
        out.push({
          orderLineId: ol.id,
          assetId: null,
          productId: ol.productId,
          category: ol.category,
          quantity: l.quantity,
          warranty:
            warrantyEnd === null
              ? 'out_of_warranty'
              : warrantyEnd >= today
                ? 'in_warranty'
                : 'out_of_warranty',
          warrantyEnd,
          withinWindow: windowEnd >= today,
          windowEnd,
        });
      } else if (l.serialNumber) {
        const a = await repo.assetBySerial(customerId, l.serialNumber.trim());
        if (!a) {
          errs.push(fieldError(`lines/${i}/serialNumber`, 'unknown_reference'));
          continue;
        }
        if (l.quantity !== 1) {
          errs.push(fieldError(`lines/${i}/quantity`, 'invalid_value'));
          continue;
        }
        const from = a.orderedAt ?? a.purchaseDate;
        const windowEnd = from ? addDays(from, a.returnWindowDays) : null;
        out.push({
          orderLineId: null,
          assetId: a.id,
          productId: a.productId,
          category: a.category,
          quantity: 1,
          warranty:
            a.warrantyEnd === null
              ? 'unknown'
              : isInWarranty(a.status, a.warrantyEnd, today)
                ? 'in_warranty'
                : 'out_of_warranty',
          warrantyEnd: a.warrantyEnd,
          withinWindow: windowEnd === null ? null : windowEnd >= today,
          windowEnd,
        });
      }
    }
    return out;
  }

  private async dueAfter(
    repo: ReturnsRepository,
    calendarId: string | null,
    from: Date,
    hours: number,
  ): Promise<string> {
    const cal = (calendarId && (await repo.calendar(calendarId))) || (await repo.calendar(null));
    if (!cal) return new Date(from.getTime() + hours * 3_600_000).toISOString();
    return addServiceMinutes(compiledCalendar(this.ctx.workspace.id, cal), from, hours * 60).toISOString();
  }

  private async step(
    repo: ReturnsRepository,
    returnId: string,
    s: { kind: string; public: boolean; details: Record<string, unknown> },
  ): Promise<void> {
    const rec: StepRecord = {
      id: newId(),
      kind: s.kind,
      at: this.now(),
      actorName: this.ctx.actor.name,
      public: s.public,
      details: s.details,
    };
    await repo.insertStep(returnId, rec);
  }

  // ------------------------------------------------------------------ the machine, applied

  /**
   * Applies one command: reads the return, computes the transition, writes it only if the return still has the
   * version it was read with (else the whole unit is retried on the fresh state), then the review rows, the
   * timeline step, the audit entry and the outbox event(s) — all in one transaction.
   */
  private async act(
    id: string,
    make: (
      row: ReturnRow,
      state: MachineState,
      reviews: ReviewRecord[],
      repo: ReturnsRepository,
    ) => Promise<Plan> | Plan,
    opts: { portal?: boolean; version?: number } = {},
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await inTransaction(this.ctx, async (tx) => {
          const repo = this.repo(tx);
          const row = await repo.find(id);
          const v = await this.viewer(tx);
          if (!row || !this.visible(row, v) || (v.kind === 'contact') !== Boolean(opts.portal))
            throw new AppError('not_found');
          if (opts.version !== undefined && opts.version !== row.version) throw new AppError('conflict');
          const reviews = await repo.reviews(id, row.round);
          const state = stateOf(row, reviews);
          const plan = await make(row, state, reviews, repo);
          const t = transition(state, plan.command);
          if (!t.ok) throw new AppError(t.error);
          const now = this.now();
          const patch: ReturnPatch = {
            ...plan.patch,
            status: t.state.status,
            round: t.state.round,
            appealed: t.state.appealed ? 1 : 0,
            updated_at: now,
          };
          let decisionReasons: Array<{ departmentId: string; comment: string | null }> = [];
          let logistics: string | null = null;
          let suggestedRefund: number | null = null;
          if (t.decided) {
            patch.decision = t.decided;
            patch.decided_at = now;
            const merged = await mergedReviews(repo, row, plan);
            decisionReasons = merged
              .filter((r) => r.status === t.decided || (t.decided === 'rejected' && r.status === 'rejected'))
              .map((r) => ({ departmentId: r.departmentId, comment: r.comment }));
            logistics = merged.find((r) => r.conditions.logistics)?.conditions.logistics ?? null;
            const finance = merged.find((r) => r.conditions.refundCents !== undefined);
            if (finance?.conditions.refundCents !== undefined)
              suggestedRefund = finance.conditions.refundCents - (finance.conditions.restockingFeeCents ?? 0);
            if (t.decided === 'approved') patch.logistics = logistics;
          }
          if (!(await repo.updateGuarded(id, row.version, patch))) throw new Raced();
          if (plan.after) await plan.after(repo, t.state, row);
          await this.step(repo, id, plan.step);
          await recordAudit(tx, this.ctx, {
            entityType: 'return',
            entityId: id,
            action: plan.command.type,
            changes: {
              status: { from: row.status, to: t.state.status },
              ...(t.state.round !== row.round ? { round: { from: row.round, to: t.state.round } } : {}),
              ...Object.fromEntries(
                Object.entries(plan.step.details).map(([k, val]) => [k, { from: null, to: val }]),
              ),
            },
          });
          const base = {
            returnId: id,
            number: row.number,
            customerId: row.customer_id,
            contactId: row.contact_id,
          };
          await emit(tx, this.ctx, plan.event, {
            ...base,
            statusFrom: row.status,
            statusTo: t.state.status,
            ...plan.payload,
          });
          if (t.decided) {
            const departments = new Map((await repo.departments()).map((d) => [d.id, d.name]));
            const reasons = decisionReasons.map((r) => ({
              department: departments.get(r.departmentId) ?? '',
              comment: r.comment,
            }));
            await this.step(repo, id, {
              kind: 'decided',
              public: true,
              details: {
                decision: t.decided,
                round: t.state.round,
                reasons,
                ...(logistics ? { logistics } : {}),
                ...(suggestedRefund !== null ? { refundCents: suggestedRefund } : {}),
              },
            });
            await recordAudit(tx, this.ctx, {
              entityType: 'return',
              entityId: id,
              action: 'decided',
              changes: { decision: { from: row.decision, to: t.decided } },
            });
            await emit(tx, this.ctx, 'return.decided', {
              ...base,
              decision: t.decided,
              round: t.state.round,
              onTime: now <= row.decision_due_at,
              reasons,
              logistics,
              refundCents: suggestedRefund,
              canAppeal: t.decided === 'rejected' && !t.state.appealed,
            });
          }
        });
        return;
      } catch (err) {
        if (err instanceof Raced) {
          if (attempt < MAX_ATTEMPTS) continue;
          throw new AppError('conflict');
        }
        throw err;
      }
    }
  }

  /** A department's verdict. Only a member of that department may give it. */
  async review(id: string, departmentId: string, input: ReturnReviewInput): Promise<ReturnRequest> {
    const p = this.ctx.principal;
    if (!p || p.kind !== 'staff') throw new AppError('forbidden');
    const conditions = input.conditions ?? {};
    await this.act(id, async (row, _state, reviews, repo) => {
      if (!reviews.some((r) => r.departmentId === departmentId)) throw new AppError('not_found');
      const mine = (await repo.membershipsOf(p.userId)).some((m) => m.departmentId === departmentId);
      if (!mine) throw new AppError('return_not_your_department');
      return {
        command: {
          type: 'review',
          departmentId,
          verdict: input.verdict,
          inspectionNeeded: conditions.inspectionNeeded === true,
        },
        after: async (r) => {
          await r.setReview(id, row.round, departmentId, {
            status: input.verdict,
            comment: input.comment?.trim() || null,
            conditions,
            reviewerId: p.userId,
            reviewerName: p.name,
            reviewedAt: this.now(),
          });
        },
        step: {
          kind: input.verdict === 'needs_info' ? 'info_requested' : 'reviewed',
          // The customer is asked for information; single verdicts stay internal until the decision.
          public: input.verdict === 'needs_info',
          details: {
            departmentId,
            verdict: input.verdict,
            comment: input.comment?.trim() || null,
            ...(input.verdict === 'needs_info' ? {} : { conditions }),
          },
        },
        event: 'return.reviewed',
        payload: {
          departmentId,
          verdict: input.verdict,
          round: row.round,
          comment: input.comment?.trim() || null,
        },
      };
    });
    return this.get(id);
  }

  /** The customer (or staff for them) answers a request for information: those reviews are open again. */
  async provideInfo(id: string, input: ReturnInfoInput, portal = false): Promise<void> {
    await this.act(
      id,
      async (row, _s, reviews, repo) => {
        const reopened = reviews.filter((r) => r.status === 'needs_info').map((r) => r.departmentId);
        const dueAt = await this.dueAfter(repo, row.calendar_id, this.ctx.clock.now(), row.review_hours);
        return {
          command: { type: 'provide_info' },
          patch: { review_due_at: dueAt },
          after: async (r) => {
            for (const d of reopened) await r.setReview(id, row.round, d, { status: 'pending', dueAt });
          },
          step: { kind: 'info_provided', public: true, details: { message: input.message } },
          event: 'return.reviewed',
          payload: { infoProvided: true, departmentIds: reopened },
        };
      },
      { portal },
    );
  }

  async appeal(id: string, input: ReturnAppealInput, portal = false): Promise<void> {
    await this.act(
      id,
      async (row, _s, _r, repo) => {
        const now = this.ctx.clock.now();
        const reviewDueAt = await this.dueAfter(repo, row.calendar_id, now, row.review_hours);
        const decisionDueAt = await this.dueAfter(repo, row.calendar_id, now, row.decision_hours);
        return {
          command: { type: 'appeal' },
          patch: {
            appeal_reason: input.reason,
            decision: null,
            decided_at: null,
            review_due_at: reviewDueAt,
            decision_due_at: decisionDueAt,
          },
          after: async (r, next) => {
            await r.insertReviews(id, next.round, JSON.parse(row.department_ids) as string[], reviewDueAt);
          },
          step: { kind: 'appealed', public: true, details: { reason: input.reason, decisionDueAt } },
          event: 'return.appealed',
          payload: { round: row.round + 1, decisionDueAt },
        };
      },
      { portal },
    );
  }

  async schedulePickup(id: string, input: ReturnPickupInput): Promise<void> {
    await this.act(id, () => ({
      command: { type: 'schedule_pickup' },
      patch: { pickup_at: input.pickupAt },
      step: { kind: 'pickup_scheduled', public: true, details: { pickupAt: input.pickupAt } },
      event: 'return.shipped',
      payload: { pickupAt: input.pickupAt },
    }));
  }

  async ship(id: string, input: ReturnShipInput, portal = false): Promise<void> {
    const trackingNumber = input.trackingNumber.trim();
    if (!trackingNumber) throw invalidFields([fieldError('trackingNumber', 'required')]);
    await this.act(
      id,
      () => ({
        command: { type: 'ship' },
        patch: { tracking_number: trackingNumber },
        step: { kind: 'shipped', public: true, details: { trackingNumber } },
        event: 'return.shipped',
        payload: { trackingNumber },
      }),
      { portal },
    );
  }

  async receive(id: string): Promise<void> {
    await this.act(id, () => ({
      command: { type: 'receive' },
      patch: { received_at: this.now() },
      step: { kind: 'received', public: true, details: {} },
      event: 'return.received',
    }));
  }

  async inspect(id: string, input: ReturnInspectInput): Promise<void> {
    await this.act(id, () => ({
      command: { type: 'inspect' },
      patch: {
        inspected_at: this.now(),
        inspection_passed: input.passed ? 1 : 0,
        inspection_note: input.note?.trim() || null,
      },
      step: { kind: 'inspected', public: true, details: { passed: input.passed } },
      event: 'return.inspected',
      payload: { passed: input.passed },
    }));
  }

  /** Carries out the outcome: a refund record with its amount, a replacement order, or a repair case. */
  async complete(id: string, input: ReturnCompleteInput): Promise<void> {
    await this.act(id, async (row, _s, _r, repo) => {
      const outcome = row.outcome as ReturnOutcome;
      const errs: FieldError[] = [];
      if (outcome === 'refund' && input.refundCents === undefined)
        errs.push(fieldError('refundCents', 'required'));
      if ((outcome === 'replacement' || outcome === 'exchange') && !input.replacementOrderId)
        errs.push(fieldError('replacementOrderId', 'required'));
      if (outcome === 'repair' && !input.repairCaseId) errs.push(fieldError('repairCaseId', 'required'));
      if (
        input.replacementOrderId &&
        !(await repo.orderOfCustomer(input.replacementOrderId, row.customer_id))
      )
        errs.push(fieldError('replacementOrderId', 'unknown_reference'));
      if (input.repairCaseId && !(await repo.caseOfCustomer(input.repairCaseId, row.customer_id)))
        errs.push(fieldError('repairCaseId', 'unknown_reference'));
      if (errs.length) throw invalidFields(errs);
      const details = {
        outcome,
        ...(input.refundCents !== undefined ? { refundCents: input.refundCents } : {}),
        ...(input.replacementOrderId ? { replacementOrderId: input.replacementOrderId } : {}),
        ...(input.repairCaseId ? { repairCaseId: input.repairCaseId } : {}),
      };
      return {
        command: { type: 'complete' },
        patch: {
          completed_at: this.now(),
          refund_cents: input.refundCents ?? null,
          replacement_order_id: input.replacementOrderId ?? null,
          repair_case_id: input.repairCaseId ?? null,
        },
        step: { kind: 'completed', public: true, details },
        event: 'return.completed',
        payload: details,
      };
    });
  }

  async cancel(id: string, input: ReturnCancelInput, portal = false): Promise<void> {
    await this.act(
      id,
      () => ({
        command: { type: 'cancel' },
        patch: { cancelled_at: this.now() },
        step: { kind: 'cancelled', public: true, details: { reason: input.reason?.trim() || null } },
        event: 'return.cancelled',
        payload: { reason: input.reason?.trim() || null },
      }),
      { portal },
    );
  }

  // Portal wrappers answer with the portal view.
  async portalAct(
    id: string,
    what: 'info' | 'appeal' | 'cancel' | 'ship',
    body: ReturnInfoInput | ReturnAppealInput | ReturnCancelInput | ReturnShipInput,
  ): Promise<PortalReturn> {
    if (what === 'info') await this.provideInfo(id, body as ReturnInfoInput, true);
    else if (what === 'appeal') await this.appeal(id, body as ReturnAppealInput, true);
    else if (what === 'cancel') await this.cancel(id, body as ReturnCancelInput, true);
    else await this.ship(id, body as ReturnShipInput, true);
    return this.portalGet(id);
  }
}

/** The current round's reviews as they are after this plan's verdict (for the decision's reasons). */
async function mergedReviews(repo: ReturnsRepository, row: ReturnRow, plan: Plan): Promise<ReviewRecord[]> {
  const reviews = await repo.reviews(row.id, row.round);
  const cmd = plan.command;
  if (cmd.type !== 'review') return reviews;
  const detail = plan.step.details as { comment?: string | null; conditions?: ReviewRecord['conditions'] };
  return reviews.map((r) =>
    r.departmentId === cmd.departmentId
      ? { ...r, status: cmd.verdict, comment: detail.comment ?? null, conditions: detail.conditions ?? {} }
      : r,
  );
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function policyFieldsOf(p: PolicyFields): PolicyFields {
  return {
    name: p.name,
    category: p.category,
    departmentIds: p.departmentIds,
    rule: p.rule,
    quorum: p.quorum,
    reviewHours: p.reviewHours,
    decisionHours: p.decisionHours,
    calendarId: p.calendarId,
  };
}

async function checkPolicy(repo: ReturnsRepository, input: ReturnPolicyCreate): Promise<PolicyFields> {
  const errs: FieldError[] = [];
  const name = input.name.trim();
  if (!name) errs.push(fieldError('name', 'required'));
  const known = new Set((await repo.departments(input.departmentIds)).map((d) => d.id));
  input.departmentIds.forEach((d, i) => {
    if (!known.has(d)) errs.push(fieldError(`departmentIds/${i}`, 'unknown_reference'));
  });
  if (input.rule === 'quorum' && !input.quorum) errs.push(fieldError('quorum', 'required'));
  if (input.rule === 'quorum' && input.quorum && input.quorum > input.departmentIds.length)
    errs.push(fieldError('quorum', 'invalid_value'));
  if (input.calendarId && !(await repo.calendarExists(input.calendarId)))
    errs.push(fieldError('calendarId', 'unknown_reference'));
  if (errs.length) throw invalidFields(errs);
  return {
    name,
    category: input.category?.trim() || null,
    departmentIds: input.departmentIds,
    rule: input.rule,
    quorum: input.rule === 'quorum' ? (input.quorum ?? null) : null,
    reviewHours: input.reviewHours,
    decisionHours: input.decisionHours,
    calendarId: input.calendarId ?? null,
  };
}
