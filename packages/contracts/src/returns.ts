import { Type, type Static } from 'typebox';
import {
  Actions,
  IsoDateTime,
  LongText,
  Name,
  Nullable,
  PageQuery,
  ShortText,
  Uuid,
  Version,
} from './common.js';
import { MailStatus } from './mail-outbound.js';

/** A mail told the return's contact about a step, and how its delivery fares (staff only). */
export const ReturnMail = Type.Object({
  mailId: Uuid,
  subject: Type.String(),
  to: Type.String(),
  status: MailStatus,
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Type.Optional(Type.String()),
  sentAt: Type.Optional(IsoDateTime),
  createdAt: IsoDateTime,
});
export type ReturnMail = Static<typeof ReturnMail>;

/*
 * Returns judged in parallel: every reviewing department sees a return request at once and gives its verdict;
 * the policy's combine rule merges the verdicts into one decision, told to the customer, who can appeal once.
 * After approval the goods come back (pickup or the customer ships them), are received and inspected, and the
 * outcome is carried out (refund, replacement order, repair case). The state machine is the server's
 * `returns.machine.ts`; the web only shows `actions`.
 */

export const ReturnOutcomes = ['refund', 'replacement', 'repair', 'exchange'] as const;
export const ReturnOutcome = Type.Enum(ReturnOutcomes);
export type ReturnOutcome = (typeof ReturnOutcomes)[number];

export const CombineRules = ['all', 'any_reject', 'quorum'] as const;
export const CombineRule = Type.Enum(CombineRules);
export type CombineRule = (typeof CombineRules)[number];

export const ReturnStatuses = [
  'reviewing',
  'needs_info',
  'approved',
  'rejected',
  'pickup_scheduled',
  'in_transit',
  'received',
  'inspected',
  'completed',
  'cancelled',
] as const;
export const ReturnStatus = Type.Enum(ReturnStatuses);
export type ReturnStatus = (typeof ReturnStatuses)[number];

export const ReviewStatuses = ['pending', 'approved', 'rejected', 'needs_info'] as const;
export const ReviewStatus = Type.Enum(ReviewStatuses);
export type ReviewStatus = (typeof ReviewStatuses)[number];

export const Verdicts = ['approved', 'rejected', 'needs_info'] as const;
export const Verdict = Type.Enum(Verdicts);
export type Verdict = (typeof Verdicts)[number];

/** Conditions a department attaches to its verdict. */
export const ReviewConditions = Type.Object(
  {
    /** Finance: the amount to refund, in cents. */
    refundCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_00 })),
    /** Finance: a restocking fee deducted, in cents. */
    restockingFeeCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_00 })),
    /** Logistics: we pick the goods up, or the customer sends them back. */
    logistics: Type.Optional(Type.Enum(['pickup', 'send_back'] as const)),
    /** Technical: the goods must be inspected on arrival. */
    inspectionNeeded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ReviewConditions = Static<typeof ReviewConditions>;

// ---------------------------------------------------------------- policies

export const ReturnPolicy = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** The product category this policy is for; null: the workspace default. */
  category: Nullable(Type.String()),
  departmentIds: Type.Array(Uuid),
  departments: Type.Array(Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() })),
  rule: CombineRule,
  /** With rule quorum: approvals needed. */
  quorum: Nullable(Type.Integer()),
  /** Service hours each department has for its review. */
  reviewHours: Type.Integer(),
  /** Service hours for the whole decision. */
  decisionHours: Type.Integer(),
  /** The calendar the hours count on; null: the workspace's default calendar. */
  calendarId: Nullable(Uuid),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type ReturnPolicy = Static<typeof ReturnPolicy>;

const PolicyFields = {
  name: Name,
  category: Type.Optional(Nullable(ShortText)),
  departmentIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
  rule: CombineRule,
  quorum: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 20 }))),
  reviewHours: Type.Integer({ minimum: 1, maximum: 10_000 }),
  decisionHours: Type.Integer({ minimum: 1, maximum: 10_000 }),
  calendarId: Type.Optional(Nullable(Uuid)),
};
export const ReturnPolicyCreate = Type.Object(PolicyFields, { additionalProperties: false });
export type ReturnPolicyCreate = Static<typeof ReturnPolicyCreate>;
export const ReturnPolicyUpdate = Type.Object(
  { ...PolicyFields, version: Version },
  { additionalProperties: false },
);
export type ReturnPolicyUpdate = Static<typeof ReturnPolicyUpdate>;

// ---------------------------------------------------------------- reasons

export const ReturnReason = Type.Object({
  id: Uuid,
  code: Type.String(),
  label: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  active: Type.Boolean(),
  position: Type.Integer(),
  version: Version,
});
export type ReturnReason = Static<typeof ReturnReason>;

const ReasonFields = {
  code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_-]+$' }),
  label: Type.Object({ 'zh-CN': Name, en: Name }, { additionalProperties: false }),
  active: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
};
export const ReturnReasonCreate = Type.Object(ReasonFields, { additionalProperties: false });
export type ReturnReasonCreate = Static<typeof ReturnReasonCreate>;
export const ReturnReasonUpdate = Type.Object(
  { ...ReasonFields, version: Version },
  { additionalProperties: false },
);
export type ReturnReasonUpdate = Static<typeof ReturnReasonUpdate>;

// ---------------------------------------------------------------- requests

export const ReturnLineInput = Type.Object(
  {
    orderLineId: Type.Optional(Uuid),
    serialNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  },
  { additionalProperties: false },
);
export type ReturnLineInput = Static<typeof ReturnLineInput>;

const RequestFields = {
  lines: Type.Array(ReturnLineInput, { minItems: 1, maxItems: 50 }),
  reasonId: Uuid,
  outcome: ReturnOutcome,
  description: Type.Optional(LongText),
  /** Uploads (POST /attachments or /portal/attachments) shown as photos of the goods. */
  photoIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true })),
};
export const PortalReturnCreate = Type.Object(RequestFields, { additionalProperties: false });
export type PortalReturnCreate = Static<typeof PortalReturnCreate>;
export const ReturnCreate = Type.Object(
  {
    ...RequestFields,
    customerId: Uuid,
    contactId: Type.Optional(Nullable(Uuid)),
    caseId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type ReturnCreate = Static<typeof ReturnCreate>;

export const WarrantyStates = ['in_warranty', 'out_of_warranty', 'unknown'] as const;

export const ReturnLine = Type.Object({
  id: Uuid,
  orderId: Nullable(Uuid),
  orderNumber: Nullable(Type.String()),
  orderLineId: Nullable(Uuid),
  assetId: Nullable(Uuid),
  serialNumber: Nullable(Type.String()),
  productId: Uuid,
  productName: Type.String(),
  category: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPriceCents: Nullable(Type.Integer()),
  /** From the installed base and the product's warranty months. */
  warranty: Type.Enum(WarrantyStates),
  warrantyEnd: Nullable(Type.String()),
  /** Within the product's return window, counted from the order date (null: no order date known). */
  withinReturnWindow: Nullable(Type.Boolean()),
  returnWindowEnd: Nullable(Type.String()),
});
export type ReturnLine = Static<typeof ReturnLine>;

export const ReturnReview = Type.Object({
  departmentId: Uuid,
  departmentName: Type.String(),
  departmentKind: Type.String(),
  round: Type.Integer(),
  status: ReviewStatus,
  comment: Nullable(Type.String()),
  conditions: ReviewConditions,
  reviewerName: Nullable(Type.String()),
  reviewedAt: Nullable(IsoDateTime),
  dueAt: IsoDateTime,
  late: Type.Boolean(),
});
export type ReturnReview = Static<typeof ReturnReview>;

export const ReturnStepKinds = [
  'created',
  'reviewed',
  'info_requested',
  'info_provided',
  'decided',
  'appealed',
  'pickup_scheduled',
  'shipped',
  'received',
  'inspected',
  'completed',
  'cancelled',
  'review_late',
  'escalated',
] as const;

export const ReturnStep = Type.Object({
  id: Uuid,
  kind: Type.Enum(ReturnStepKinds),
  at: IsoDateTime,
  actorName: Nullable(Type.String()),
  /** What the customer may read of the step (verdict reasons, tracking number, amounts…). */
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type ReturnStep = Static<typeof ReturnStep>;

export const ReturnRequest = Type.Object({
  id: Uuid,
  /** Human number, R-1001… */
  number: Type.String(),
  customerId: Uuid,
  customerName: Type.String(),
  contactId: Nullable(Uuid),
  contactName: Nullable(Type.String()),
  caseId: Nullable(Uuid),
  status: ReturnStatus,
  round: Type.Integer(),
  appealed: Type.Boolean(),
  reason: Type.Object({ id: Uuid, code: Type.String(), label: Type.String() }),
  outcome: ReturnOutcome,
  description: Nullable(Type.String()),
  photoIds: Type.Array(Uuid),
  lines: Type.Array(ReturnLine),
  rule: CombineRule,
  quorum: Nullable(Type.Integer()),
  reviewDueAt: IsoDateTime,
  decisionDueAt: IsoDateTime,
  decision: Nullable(Type.Enum(['approved', 'rejected'] as const)),
  decidedAt: Nullable(IsoDateTime),
  /** The reasons the departments gave, as told to the customer. */
  decisionReasons: Type.Array(Type.Object({ department: Type.String(), comment: Nullable(Type.String()) })),
  appealReason: Nullable(Type.String()),
  logistics: Nullable(Type.Enum(['pickup', 'send_back'] as const)),
  pickupAt: Nullable(IsoDateTime),
  trackingNumber: Nullable(Type.String()),
  receivedAt: Nullable(IsoDateTime),
  inspectedAt: Nullable(IsoDateTime),
  inspectionPassed: Nullable(Type.Boolean()),
  inspectionNote: Nullable(Type.String()),
  refundCents: Nullable(Type.Integer()),
  replacementOrderId: Nullable(Uuid),
  repairCaseId: Nullable(Uuid),
  completedAt: Nullable(IsoDateTime),
  cancelledAt: Nullable(IsoDateTime),
  /** Staff only: every department's review of the current round. Empty for the portal. */
  reviews: Type.Array(ReturnReview),
  timeline: Type.Array(ReturnStep),
  /** Staff only: the mail sent to the contact at each step, with its delivery state (oldest first). */
  mails: Type.Optional(Type.Array(ReturnMail)),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type ReturnRequest = Static<typeof ReturnRequest>;

export const ReturnSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  customerName: Type.String(),
  status: ReturnStatus,
  outcome: ReturnOutcome,
  reasonLabel: Type.String(),
  decision: Nullable(Type.Enum(['approved', 'rejected'] as const)),
  reviewDueAt: IsoDateTime,
  decisionDueAt: IsoDateTime,
  /** With `department`: that department's review status. */
  reviewStatus: Nullable(ReviewStatus),
  createdAt: IsoDateTime,
  version: Version,
});
export type ReturnSummary = Static<typeof ReturnSummary>;

export const ReturnQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(ReturnStatus),
  /** A department's queue: returns whose current round waits for (or got) its review. */
  departmentId: Type.Optional(Uuid),
  /** With departmentId: only returns still pending that department's review. */
  pendingOnly: Type.Optional(Type.Boolean()),
  customerId: Type.Optional(Uuid),
});
export type ReturnQuery = Static<typeof ReturnQuery>;

// ---------------------------------------------------------------- commands

export const ReturnReviewInput = Type.Object(
  {
    verdict: Verdict,
    comment: Type.Optional(Nullable(LongText)),
    conditions: Type.Optional(ReviewConditions),
  },
  { additionalProperties: false },
);
export type ReturnReviewInput = Static<typeof ReturnReviewInput>;

export const ReturnInfoInput = Type.Object(
  { message: Type.String({ minLength: 1, maxLength: 10_000 }) },
  {
    additionalProperties: false,
  },
);
export type ReturnInfoInput = Static<typeof ReturnInfoInput>;

export const ReturnAppealInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 10_000 }) },
  { additionalProperties: false },
);
export type ReturnAppealInput = Static<typeof ReturnAppealInput>;

export const ReturnShipInput = Type.Object(
  { trackingNumber: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type ReturnShipInput = Static<typeof ReturnShipInput>;

export const ReturnPickupInput = Type.Object({ pickupAt: IsoDateTime }, { additionalProperties: false });
export type ReturnPickupInput = Static<typeof ReturnPickupInput>;

export const ReturnInspectInput = Type.Object(
  { passed: Type.Boolean(), note: Type.Optional(Nullable(LongText)) },
  { additionalProperties: false },
);
export type ReturnInspectInput = Static<typeof ReturnInspectInput>;

export const ReturnCompleteInput = Type.Object(
  {
    refundCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_00 })),
    replacementOrderId: Type.Optional(Uuid),
    repairCaseId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ReturnCompleteInput = Static<typeof ReturnCompleteInput>;

export const ReturnCancelInput = Type.Object(
  { reason: Type.Optional(Nullable(LongText)) },
  { additionalProperties: false },
);
export type ReturnCancelInput = Static<typeof ReturnCancelInput>;

// ---------------------------------------------------------------- report

export const ReturnReport = Type.Object({
  byProduct: Type.Array(
    Type.Object({
      productId: Uuid,
      productName: Type.String(),
      returned: Type.Integer(),
      sold: Type.Integer(),
    }),
  ),
  byReason: Type.Array(Type.Object({ reasonId: Uuid, label: Type.String(), count: Type.Integer() })),
  decisions: Type.Object({
    decided: Type.Integer(),
    onTime: Type.Integer(),
    /** Mean hours from creation to decision (wall clock). */
    meanHours: Nullable(Type.Number()),
  }),
  departments: Type.Array(
    Type.Object({
      departmentId: Uuid,
      name: Type.String(),
      reviewed: Type.Integer(),
      approved: Type.Integer(),
      rejected: Type.Integer(),
    }),
  ),
});
export type ReturnReport = Static<typeof ReturnReport>;

export const ReturnPortalQuery = Type.Object({ ...PageQuery.properties });
export type ReturnPortalQuery = Static<typeof ReturnPortalQuery>;

// ---------------------------------------------------------------- portal (no reviews, version or actions)

export const PortalReturnCan = Type.Object({
  appeal: Type.Boolean(),
  cancel: Type.Boolean(),
  ship: Type.Boolean(),
  provideInfo: Type.Boolean(),
});
export type PortalReturnCan = Static<typeof PortalReturnCan>;

export const PortalReturn = Type.Object({
  id: Uuid,
  number: Type.String(),
  status: ReturnStatus,
  reason: Type.Object({ id: Uuid, code: Type.String(), label: Type.String() }),
  outcome: ReturnOutcome,
  description: Nullable(Type.String()),
  photoIds: Type.Array(Uuid),
  lines: Type.Array(ReturnLine),
  contactName: Nullable(Type.String()),
  /** "You will have our answer by …": the promise. */
  decisionDueAt: IsoDateTime,
  decision: Nullable(Type.Enum(['approved', 'rejected'] as const)),
  decidedAt: Nullable(IsoDateTime),
  decisionReasons: Type.Array(Type.Object({ department: Type.String(), comment: Nullable(Type.String()) })),
  appealed: Type.Boolean(),
  appealReason: Nullable(Type.String()),
  logistics: Nullable(Type.Enum(['pickup', 'send_back'] as const)),
  pickupAt: Nullable(IsoDateTime),
  trackingNumber: Nullable(Type.String()),
  receivedAt: Nullable(IsoDateTime),
  inspectedAt: Nullable(IsoDateTime),
  refundCents: Nullable(Type.Integer()),
  completedAt: Nullable(IsoDateTime),
  cancelledAt: Nullable(IsoDateTime),
  timeline: Type.Array(ReturnStep),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  can: PortalReturnCan,
});
export type PortalReturn = Static<typeof PortalReturn>;

export const PortalReturnSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  status: ReturnStatus,
  outcome: ReturnOutcome,
  reasonLabel: Type.String(),
  decision: Nullable(Type.Enum(['approved', 'rejected'] as const)),
  decisionDueAt: IsoDateTime,
  createdAt: IsoDateTime,
});
export type PortalReturnSummary = Static<typeof PortalReturnSummary>;

export const PortalReturnReason = Type.Object({ id: Uuid, code: Type.String(), label: Type.String() });
export type PortalReturnReason = Static<typeof PortalReturnReason>;

/** A department's queue as the signed-in reviewer may open it: own departments, or every reviewing one for leads. */
export const ReturnQueue = Type.Object({
  departmentId: Uuid,
  name: Type.String(),
  kind: Type.String(),
  /** Returns waiting for this department's verdict. */
  pending: Type.Integer(),
  /** Whether the signed-in person may give this department's verdict. */
  member: Type.Boolean(),
});
export type ReturnQueue = Static<typeof ReturnQueue>;
