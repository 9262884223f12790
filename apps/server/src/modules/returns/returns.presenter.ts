import type {
  CombineRule,
  Locale,
  PortalReturn,
  PortalReturnSummary,
  ReturnOutcome,
  ReturnPolicy,
  ReturnReason,
  ReturnRequest,
  ReturnStatus,
  ReturnStep,
  ReturnSummary,
  ReviewStatus,
} from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import { toBool } from '../../platform/db/database.js';
import { possibleCommands, transition, type MachineState } from './returns.machine.js';
import type {
  DepartmentLite,
  PolicyRecord,
  ReasonRecord,
  ReturnLineRecord,
  ReturnRow,
  ReviewRecord,
  StepRecord,
} from './returns.repository.js';

export type Viewer =
  | { kind: 'system' }
  | { kind: 'contact'; customerId: string; contactId: string; companyWide: boolean }
  | { kind: 'staff'; userId: string; manage: boolean; seesAll: boolean; departmentIds: string[] };

/** The machine's view of a stored return and its current round's reviews. */
export function stateOf(row: ReturnRow, reviews: ReviewRecord[]): MachineState {
  const current = reviews.filter((r) => r.round === row.round);
  return {
    status: row.status as ReturnStatus,
    round: row.round,
    appealed: toBool(row.appealed),
    rule: row.rule as CombineRule,
    quorum: row.quorum,
    reviews: Object.fromEntries(current.map((r) => [r.departmentId, r.status])),
    inspectionNeeded: current.some((r) => r.status === 'approved' && r.conditions.inspectionNeeded === true),
  };
}

export function reasonLabel(r: ReasonRecord | undefined, locale: Locale): string {
  if (!r) return '';
  return locale === 'en' ? r.labelEn : r.labelZh;
}

export function presentPolicy(
  p: PolicyRecord,
  departments: DepartmentLite[],
  principal: Principal | null,
): ReturnPolicy {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const manage = principal?.kind === 'staff' && principal.permissions.has('returns.manage');
  return {
    ...p,
    departments: p.departmentIds.flatMap((id) => {
      const d = byId.get(id);
      return d ? [{ id: d.id, name: d.name, kind: d.kind }] : [];
    }),
    actions: manage ? ['update', 'delete'] : [],
  };
}

export function presentReason(r: ReasonRecord): ReturnReason {
  return {
    id: r.id,
    code: r.code,
    label: { 'zh-CN': r.labelZh, en: r.labelEn },
    active: r.active,
    position: r.position,
    version: r.version,
  };
}

export function presentSummary(
  row: ReturnRow,
  reason: ReasonRecord | undefined,
  reviewStatus: ReviewStatus | null,
  locale: Locale,
): ReturnSummary {
  return {
    id: row.id,
    number: row.number,
    customerName: row.customer_name,
    status: row.status as ReturnStatus,
    outcome: row.outcome as ReturnOutcome,
    reasonLabel: reasonLabel(reason, locale),
    decision: decisionOf(row),
    reviewDueAt: row.review_due_at,
    decisionDueAt: row.decision_due_at,
    reviewStatus,
    createdAt: row.created_at,
    version: row.version,
  };
}

export function presentPortalSummary(
  row: ReturnRow,
  reason: ReasonRecord | undefined,
  locale: Locale,
): PortalReturnSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status as ReturnStatus,
    outcome: row.outcome as ReturnOutcome,
    reasonLabel: reasonLabel(reason, locale),
    decision: decisionOf(row),
    decisionDueAt: row.decision_due_at,
    createdAt: row.created_at,
  };
}

function decisionOf(row: ReturnRow): 'approved' | 'rejected' | null {
  return row.decision === 'approved' || row.decision === 'rejected' ? row.decision : null;
}

function lineOf(l: ReturnLineRecord) {
  return {
    id: l.id,
    orderId: l.orderId,
    orderNumber: l.orderNumber,
    orderLineId: l.orderLineId,
    assetId: l.assetId,
    serialNumber: l.serialNumber,
    productId: l.productId,
    productName: l.productName,
    category: l.category,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    warranty: l.warranty,
    warrantyEnd: l.warrantyEnd,
    withinReturnWindow: l.withinWindow,
    returnWindowEnd: l.windowEnd,
  };
}

/** The reasons of the latest decision, as told to the customer (from its timeline step). */
function decisionReasons(steps: StepRecord[]): Array<{ department: string; comment: string | null }> {
  const decided = [...steps].reverse().find((s) => s.kind === 'decided');
  const reasons = decided?.details.reasons;
  return Array.isArray(reasons) ? (reasons as Array<{ department: string; comment: string | null }>) : [];
}

function stepsOf(steps: StepRecord[], departments: DepartmentLite[]): ReturnStep[] {
  const names = new Map(departments.map((d) => [d.id, d.name]));
  return steps.map((s) => {
    const dep = typeof s.details.departmentId === 'string' ? names.get(s.details.departmentId) : undefined;
    return {
      id: s.id,
      kind: s.kind as ReturnStep['kind'],
      at: s.at,
      actorName: s.actorName,
      details: dep ? { ...s.details, department: dep } : s.details,
    };
  });
}

function common(row: ReturnRow, lines: ReturnLineRecord[], reason: ReasonRecord | undefined, locale: Locale) {
  return {
    id: row.id,
    number: row.number,
    status: row.status as ReturnStatus,
    reason: { id: row.reason_id, code: reason?.code ?? '', label: reasonLabel(reason, locale) },
    outcome: row.outcome as ReturnOutcome,
    description: row.description,
    photoIds: JSON.parse(row.photo_ids) as string[],
    lines: lines.map(lineOf),
    contactName: row.contact_name,
    decisionDueAt: row.decision_due_at,
    decision: decisionOf(row),
    decidedAt: row.decided_at,
    appealed: toBool(row.appealed),
    appealReason: row.appeal_reason,
    logistics: logisticsOf(row.logistics),
    pickupAt: row.pickup_at,
    trackingNumber: row.tracking_number,
    receivedAt: row.received_at,
    inspectedAt: row.inspected_at,
    refundCents: row.refund_cents === null ? null : Number(row.refund_cents),
    completedAt: row.completed_at,
    cancelledAt: row.cancelled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentReturn(
  row: ReturnRow,
  lines: ReturnLineRecord[],
  reviews: ReviewRecord[],
  steps: StepRecord[],
  reason: ReasonRecord | undefined,
  departments: DepartmentLite[],
  viewer: Viewer,
  locale: Locale,
  now: Date,
): ReturnRequest {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const state = stateOf(row, reviews);
  const actions: string[] = [];
  if (viewer.kind === 'staff') {
    for (const r of reviews) {
      if (
        viewer.departmentIds.includes(r.departmentId) &&
        transition(state, { type: 'review', departmentId: r.departmentId, verdict: 'needs_info' }).ok
      )
        actions.push(`review:${r.departmentId}`);
    }
    if (viewer.manage) for (const c of possibleCommands(state)) if (c !== 'review') actions.push(c);
  }
  return {
    ...common(row, lines, reason, locale),
    customerId: row.customer_id,
    customerName: row.customer_name,
    contactId: row.contact_id,
    caseId: row.case_id,
    round: row.round,
    rule: row.rule as CombineRule,
    quorum: row.quorum,
    reviewDueAt: row.review_due_at,
    decisionReasons: decisionReasons(steps),
    inspectionPassed: row.inspection_passed === null ? null : toBool(row.inspection_passed),
    inspectionNote: row.inspection_note,
    replacementOrderId: row.replacement_order_id,
    repairCaseId: row.repair_case_id,
    reviews: reviews.map((r) => {
      const d = byId.get(r.departmentId);
      return {
        departmentId: r.departmentId,
        departmentName: d?.name ?? '',
        departmentKind: d?.kind ?? 'other',
        round: r.round,
        status: r.status,
        comment: r.comment,
        conditions: r.conditions,
        reviewerName: r.reviewerName,
        reviewedAt: r.reviewedAt,
        dueAt: r.dueAt,
        late: r.status === 'pending' && r.dueAt <= now.toISOString(),
      };
    }),
    timeline: stepsOf(steps, departments),
    version: row.version,
    actions,
  };
}

export function presentPortalReturn(
  row: ReturnRow,
  lines: ReturnLineRecord[],
  reviews: ReviewRecord[],
  steps: StepRecord[],
  reason: ReasonRecord | undefined,
  locale: Locale,
  departments: DepartmentLite[],
): PortalReturn {
  const state = stateOf(row, reviews);
  const ok = (type: 'appeal' | 'cancel' | 'ship' | 'provide_info') => transition(state, { type }).ok;
  return {
    ...common(row, lines, reason, locale),
    decisionReasons: decisionReasons(steps),
    timeline: stepsOf(steps, departments).map((s) => ({ ...s, details: publicDetails(s.details) })),
    can: { appeal: ok('appeal'), cancel: ok('cancel'), ship: ok('ship'), provideInfo: ok('provide_info') },
  };
}

/** What of a step's details a customer reads: no internal ids or conditions. */
function publicDetails(d: Record<string, unknown>): Record<string, unknown> {
  const { departmentId: _d, conditions: _c, ...rest } = d;
  return rest;
}

function logisticsOf(v: string | null): 'pickup' | 'send_back' | null {
  return v === 'pickup' ? 'pickup' : v === 'send_back' ? 'send_back' : null;
}
