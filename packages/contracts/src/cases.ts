import { Type, type Static } from 'typebox';
import { Actions, IsoDateTime, Nullable, Page, PageQuery, Uuid, Version } from './common.js';
import { PortalQuery } from './portal.js';
import { CaseDiscipline, ClosingSummaryInput } from './discipline.js';
import { Attachment, AttachmentIds, Mention, MentionIds } from './attachments.js';
import { MessageDelivery } from './mail-outbound.js';

/** Support cases (tickets): what a customer asks, reports or complains about, and the conversation on it. */
export const CaseTypes = ['question', 'incident', 'request', 'complaint'] as const;
export const CaseType = Type.Enum(CaseTypes);
export type CaseType = (typeof CaseTypes)[number];

/** S1 is the most urgent (production down), S4 the least. */
export const CaseSeverities = ['S1', 'S2', 'S3', 'S4'] as const;
export const CaseSeverity = Type.Enum(CaseSeverities);
export type CaseSeverity = (typeof CaseSeverities)[number];

/**
 * new → open (first public agent reply) → pending (waiting for the customer) / on_hold (paused, with a
 * reason) → solved → closed (final). A solved case reopens on a customer reply within the reopen window.
 */
export const CaseStatuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const CaseStatus = Type.Enum(CaseStatuses);
export type CaseStatus = (typeof CaseStatuses)[number];

export const CaseChannels = ['portal', 'web_form', 'api', 'phone', 'visit', 'email'] as const;
export const CaseChannel = Type.Enum(CaseChannels);
export type CaseChannel = (typeof CaseChannels)[number];

/** Channels staff may record a case under (portal and web form cases come from customers themselves). */
export const StaffCaseChannels = ['phone', 'visit', 'email', 'api'] as const;
export const StaffCaseChannel = Type.Enum(StaffCaseChannels);

export const MessageVisibilities = ['public', 'internal'] as const;
export const MessageVisibility = Type.Enum(MessageVisibilities);
export type MessageVisibility = (typeof MessageVisibilities)[number];

export const MessageAuthorTypes = ['user', 'contact', 'system'] as const;
export const MessageAuthorType = Type.Enum(MessageAuthorTypes);
export type MessageAuthorType = (typeof MessageAuthorTypes)[number];

/** Longest message body accepted, in characters (HTML or plain text). */
export const CaseMessageMax = 50_000;
const Subject = Type.String({ minLength: 1, maxLength: 200 });
const Body = Type.String({ minLength: 1, maxLength: CaseMessageMax });
const PauseReason = Type.String({ minLength: 1, maxLength: 500 });

/** How urgently staff work a case; defaults from severity (S1 urgent … S4 low), raised once per breached target. */
export const CasePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const CasePriority = Type.Enum(CasePriorities);
export type CasePriority = (typeof CasePriorities)[number];

/** What closing a complaint requires: a root-cause category (a key of the workspace's catalogue) and the fix. */
export const ComplaintInput = Type.Object(
  {
    rootCause: Type.String({ minLength: 1, maxLength: 64 }),
    correctiveAction: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type ComplaintInput = Static<typeof ComplaintInput>;

/** A complaint's close fields and the other complaints it repeats (case numbers, within the repeat window). */
export const CaseComplaint = Type.Object({
  rootCause: Nullable(Type.String()),
  correctiveAction: Nullable(Type.String()),
  repeat: Type.Object({ sameCustomer: Type.Array(Type.String()), sameRootCause: Type.Array(Type.String()) }),
});
export type CaseComplaint = Static<typeof CaseComplaint>;

/** The service level a case is held to: its targets as instants, counted in service hours. */
export const SlaStates = ['ok', 'warning', 'breached', 'paused', 'met'] as const;
export const SlaState = Type.Enum(SlaStates);
export const SlaTarget = Type.Object({
  /** first_response | next_response | resolution | acknowledgement (complaints, wall-clock time) */
  kind: Type.String(),
  dueAt: Nullable(IsoDateTime),
  /** When the target was met (first reply sent, case solved); null while running. */
  metAt: Nullable(IsoDateTime),
  state: SlaState,
  /** Share of the target's service time used, 0..1+ (1 = due now). */
  used: Type.Number(),
});
export const CaseSla = Type.Object({
  policyId: Nullable(Uuid),
  policyName: Nullable(Type.String()),
  calendarName: Nullable(Type.String()),
  targets: Type.Array(SlaTarget),
  /** The worst state across running targets. */
  state: SlaState,
  pausedSince: Nullable(IsoDateTime),
});
export type CaseSla = Static<typeof CaseSla>;

/** What the customer is promised, in plain words: a time, not a policy. */
export const Commitment = Type.Object({
  /** We will answer by … (first or next response), null when nothing is owed. */
  answerBy: Nullable(IsoDateTime),
  /** We aim to resolve by … */
  resolveBy: Nullable(IsoDateTime),
  /** Whether service hours are running right now; when not, show the published hours. */
  openNow: Type.Boolean(),
  /** Published service hours, e.g. ["Mon–Fri 09:00–12:00, 13:30–18:00"], in the requester's language. */
  hours: Type.Array(Type.String()),
  timeZone: Type.String(),
});
export type Commitment = Static<typeof Commitment>;

export const Case = Type.Object({
  id: Uuid,
  /** Human number, T-1001… */
  number: Type.String(),
  subject: Type.String(),
  type: CaseType,
  severity: CaseSeverity,
  status: CaseStatus,
  channel: CaseChannel,
  customerId: Uuid,
  customerName: Type.String(),
  contactId: Nullable(Uuid),
  contactName: Nullable(Type.String()),
  assigneeId: Nullable(Uuid),
  assigneeName: Nullable(Type.String()),
  /** The team that owns the case (teams module); absent on older clients' data. */
  teamId: Type.Optional(Nullable(Uuid)),
  teamName: Type.Optional(Nullable(Type.String())),
  /** The service contract the case is served under, and the installed product (asset) it is about. */
  contractId: Type.Optional(Nullable(Uuid)),
  assetId: Type.Optional(Nullable(Uuid)),
  /** Why the case waits: required while on_hold, optional while pending. */
  pauseReason: Nullable(Type.String()),
  /** The nearest SLA deadline (set by the SLA engine); the queue is ordered by it. */
  nextDeadlineAt: Nullable(IsoDateTime),
  /** Service-level targets and state; null when no policy applies. */
  sla: Type.Optional(Nullable(CaseSla)),
  priority: Type.Optional(CasePriority),
  /** Complaints only: root cause, corrective action and repeat flags. */
  complaint: Type.Optional(Nullable(CaseComplaint)),
  solvedAt: Nullable(IsoDateTime),
  closedAt: Nullable(IsoDateTime),
  lastCustomerReplyAt: Nullable(IsoDateTime),
  lastAgentReplyAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type Case = Static<typeof Case>;

export const CaseMessage = Type.Object({
  id: Uuid,
  visibility: MessageVisibility,
  authorType: MessageAuthorType,
  authorName: Nullable(Type.String()),
  /** Sanitised HTML, safe to render. */
  bodyHtml: Type.String(),
  /** The text of the message, without markup. */
  bodyText: Type.String(),
  createdAt: IsoDateTime,
  /** Files attached to the message. */
  attachments: Type.Optional(Type.Array(Attachment)),
  /** Colleagues mentioned in the message. */
  mentions: Type.Optional(Type.Array(Mention)),
  /** Staff only: how the mail of a public reply to the contact fares (null: no mail). */
  delivery: Type.Optional(Nullable(MessageDelivery)),
});
export type CaseMessage = Static<typeof CaseMessage>;

/** A case with its whole conversation (internal notes included), oldest message first. */
export const CaseDetail = Type.Object({
  ...Case.properties,
  messages: Type.Array(CaseMessage),
  /** Agreement, status summaries, action plan and closing summary (always filled). */
  discipline: Type.Optional(CaseDiscipline),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const CaseCreate = Type.Object(
  {
    customerId: Uuid,
    contactId: Type.Optional(Nullable(Uuid)),
    subject: Subject,
    type: Type.Optional(CaseType),
    severity: Type.Optional(CaseSeverity),
    /** Default: api when created with an API token, phone otherwise. */
    channel: Type.Optional(StaffCaseChannel),
    /** The first message (public), HTML or plain text. */
    body: Body,
    assigneeId: Type.Optional(Nullable(Uuid)),
    /** A team of the workspace; an assignee given with it must be a member. Neither: assignment rules apply. */
    teamId: Type.Optional(Nullable(Uuid)),
    attachmentIds: Type.Optional(AttachmentIds),
    /** Default: from the severity. */
    priority: Type.Optional(CasePriority),
    /** Absent: the customer's contract in force (the only one, or the one covering the asset's edition). */
    contractId: Type.Optional(Nullable(Uuid)),
    /** The customer's installed product the case is about. */
    assetId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type CaseCreate = Static<typeof CaseCreate>;

export const CaseUpdate = Type.Object(
  {
    subject: Type.Optional(Subject),
    type: Type.Optional(CaseType),
    severity: Type.Optional(CaseSeverity),
    status: Type.Optional(CaseStatus),
    /** null unassigns. */
    assigneeId: Type.Optional(Nullable(Uuid)),
    /** null removes the team. */
    teamId: Type.Optional(Nullable(Uuid)),
    pauseReason: Type.Optional(Nullable(PauseReason)),
    /** Required to solve a case unless one is already stored; replaces the stored one. */
    closingSummary: Type.Optional(ClosingSummaryInput),
    priority: Type.Optional(CasePriority),
    /** Complaints: required to solve or close unless already stored. */
    complaint: Type.Optional(ComplaintInput),
    /** The customer's service contract / installed product; null removes it. Recomputes the SLA. */
    contractId: Type.Optional(Nullable(Uuid)),
    assetId: Type.Optional(Nullable(Uuid)),
    version: Version,
  },
  { additionalProperties: false },
);
export type CaseUpdate = Static<typeof CaseUpdate>;

/**
 * Queue views: mine (assigned to me), unassigned, waiting (pending on the customer), open (not solved/closed),
 * team (cases of my teams), at_risk (a running SLA target crossed its warning threshold), breached (a running
 * target is past due).
 */
export const CaseViews = [
  'all',
  'mine',
  'unassigned',
  'waiting',
  'open',
  'team',
  'at_risk',
  'breached',
] as const;
export const CaseView = Type.Enum(CaseViews);
export type CaseView = (typeof CaseViews)[number];

/** SLA states the queue can filter on (the case's worst running target; see the SLA engine). */
export const CaseSlaFilters = ['ok', 'warning', 'breached', 'paused'] as const;
export const CaseSlaFilter = Type.Enum(CaseSlaFilters);
export type CaseSlaFilter = (typeof CaseSlaFilters)[number];

/**
 * The queue's filters. Lists may be repeated (?status=new&status=open); created* bound created_at (from
 * inclusive, to exclusive). q is full-text search (all words must match); with q the hits come newest first.
 */
export const CaseFilters = Type.Object({
  view: Type.Optional(CaseView),
  status: Type.Optional(Type.Array(CaseStatus, { maxItems: CaseStatuses.length })),
  severity: Type.Optional(Type.Array(CaseSeverity, { maxItems: CaseSeverities.length })),
  type: Type.Optional(Type.Array(CaseType, { maxItems: CaseTypes.length })),
  channel: Type.Optional(Type.Array(CaseChannel, { maxItems: CaseChannels.length })),
  customerId: Type.Optional(Uuid),
  assigneeId: Type.Optional(Uuid),
  teamId: Type.Optional(Uuid),
  createdFrom: Type.Optional(IsoDateTime),
  createdTo: Type.Optional(IsoDateTime),
  slaState: Type.Optional(Type.Array(CaseSlaFilter, { maxItems: CaseSlaFilters.length })),
});
export type CaseFilters = Static<typeof CaseFilters>;

export const CaseQuery = Type.Object({
  ...PageQuery.properties,
  ...CaseFilters.properties,
  /**
   * Keyset pagination: the nextCursor of the previous page (opaque), instead of page. Rows come after the last
   * row of that page in the same order (the SLA-risk order or the explicit sort); not with q.
   */
  cursor: Type.Optional(Type.String({ maxLength: 400, pattern: '^[A-Za-z0-9_-]+$' })),
});
export type CaseQuery = Static<typeof CaseQuery>;

/**
 * A page of the queue. total counts at most 1000 cases (the count stays cheap however long the queue; the UI
 * shows "1000+"); nextCursor reads the next page by keyset, null on the last page and with q.
 */
export const CasePage = Type.Object({
  ...Page(Case).properties,
  nextCursor: Nullable(Type.String()),
});
export type CasePage = Static<typeof CasePage>;

/** Queue counts stop here; the console shows "1000+" for a view that holds more. */
export const QueueCountCap = 1000;

export const CaseCounts = Type.Object({
  all: Type.Integer(),
  mine: Type.Integer(),
  unassigned: Type.Integer(),
  waiting: Type.Integer(),
  open: Type.Integer(),
  team: Type.Integer(),
  at_risk: Type.Integer(),
  breached: Type.Integer(),
});
export type CaseCounts = Static<typeof CaseCounts>;

export const MessageCreate = Type.Object(
  {
    body: Body,
    /** public: a reply the customer sees; internal: a note for staff only. */
    visibility: MessageVisibility,
    attachmentIds: Type.Optional(AttachmentIds),
    mentions: Type.Optional(MentionIds),
  },
  { additionalProperties: false },
);
export type MessageCreate = Static<typeof MessageCreate>;

/* The portal: only what a customer may see. No assignee, pause reason, version, actions or internal notes. */

export const PortalCase = Type.Object({
  id: Uuid,
  number: Type.String(),
  subject: Type.String(),
  type: CaseType,
  severity: CaseSeverity,
  status: CaseStatus,
  contactName: Nullable(Type.String()),
  /** "We will answer by …": the promise, not the policy. */
  commitment: Type.Optional(Nullable(Commitment)),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type PortalCase = Static<typeof PortalCase>;

export const PortalCaseMessage = Type.Object({
  id: Uuid,
  authorType: MessageAuthorType,
  authorName: Nullable(Type.String()),
  bodyHtml: Type.String(),
  bodyText: Type.String(),
  createdAt: IsoDateTime,
  attachments: Type.Optional(Type.Array(Attachment)),
});
export type PortalCaseMessage = Static<typeof PortalCaseMessage>;

/** A case with its public messages only, oldest first. */
export const PortalCaseDetail = Type.Object({
  ...PortalCase.properties,
  messages: Type.Array(PortalCaseMessage),
  /** Agreement, status summaries, action plan and closing summary (always filled; nothing internal). */
  discipline: Type.Optional(CaseDiscipline),
});
export type PortalCaseDetail = Static<typeof PortalCaseDetail>;

export const PortalCaseQuery = Type.Object({
  ...PortalQuery.properties,
  status: Type.Optional(CaseStatus),
});
export type PortalCaseQuery = Static<typeof PortalCaseQuery>;

export const PortalCaseCreate = Type.Object(
  {
    subject: Subject,
    type: Type.Optional(CaseType),
    severity: Type.Optional(CaseSeverity),
    body: Body,
    attachmentIds: Type.Optional(AttachmentIds),
    /** One of the company's installed products (portal assets). */
    assetId: Type.Optional(Nullable(Uuid)),
    acceptCharge: Type.Optional(
      Type.Boolean({
        description:
          'Required (true) when the severity is more urgent than the customer’s entitlement: a paid escalation',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PortalCaseCreate = Static<typeof PortalCaseCreate>;

export const PortalMessageCreate = Type.Object(
  { body: Body, attachmentIds: Type.Optional(AttachmentIds) },
  { additionalProperties: false },
);
export type PortalMessageCreate = Static<typeof PortalMessageCreate>;
