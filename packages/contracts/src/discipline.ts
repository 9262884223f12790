import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Uuid, Version, MAX_VERSION } from './common.js';
import { Attachment, AttachmentIds } from './attachments.js';

/*
 * Case discipline (seed 004): the agreed outcome the customer confirms, status summaries, an action plan the
 * customer ticks off, and the closing summary every solved case must carry. Shown on both sides.
 */

const Text = (max = 5000) => Type.String({ minLength: 1, maxLength: max });

/** What the customer will get, written by the agent and confirmed by the customer. */
export const Agreement = Type.Object({
  id: Uuid,
  text: Type.String(),
  proposedBy: Nullable(Type.String()),
  proposedAt: IsoDateTime,
  confirmedAt: Nullable(IsoDateTime),
  confirmedBy: Nullable(Type.String()),
  /** How the customer confirmed: in the portal, or by the link mailed to the contact. */
  confirmedVia: Type.Optional(Nullable(Type.Enum(['portal', 'link']))),
  /** Staff only: send it back with the next proposal (optimistic concurrency). */
  version: Type.Optional(Type.Integer()),
});
export type Agreement = Static<typeof Agreement>;
export const AgreementInput = Type.Object(
  {
    text: Text(2000),
    /** The version of the agreement the agent edited; 0 when there was none. 409 when stale. */
    version: Version,
  },
  { additionalProperties: false },
);
export type AgreementInput = Static<typeof AgreementInput>;

/** Problem, what has been done, difficulties, next steps: the latest is on top of the case for both sides. */
export const StatusSummary = Type.Object({
  id: Uuid,
  problem: Type.String(),
  doneSoFar: Type.String(),
  difficulties: Type.String(),
  nextSteps: Type.String(),
  authorName: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type StatusSummary = Static<typeof StatusSummary>;
export const StatusSummaryInput = Type.Object(
  { problem: Text(), doneSoFar: Text(), difficulties: Type.String({ maxLength: 5000 }), nextSteps: Text() },
  { additionalProperties: false },
);
export type StatusSummaryInput = Static<typeof StatusSummaryInput>;

/** An ordered step of the action plan, with the result to expect; the customer ticks it off. */
export const PlanStep = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  title: Type.String(),
  expectedResult: Type.String(),
  doneAt: Nullable(IsoDateTime),
  doneBy: Nullable(Type.String()),
  /** Screenshots and files of the step. */
  attachments: Type.Optional(Type.Array(Attachment)),
});
export type PlanStep = Static<typeof PlanStep>;
export const PlanInput = Type.Object(
  {
    steps: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Uuid),
          title: Text(500),
          expectedResult: Type.String({ maxLength: 2000 }),
          /** The step's files: kept ones and new uploads; left out keeps the step's files as they are. */
          attachmentIds: Type.Optional(AttachmentIds),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    /** The plan version the agent edited (`planVersion` of the case's discipline; 0 for none). 409 when stale. */
    version: Version,
  },
  { additionalProperties: false },
);
export type PlanInput = Static<typeof PlanInput>;
export const PlanStepTick = Type.Object({ done: Type.Boolean() }, { additionalProperties: false });

/** Required to solve a case: the cause, the fix, and what the customer should know. */
export const ClosingSummary = Type.Object({
  cause: Type.String(),
  fix: Type.String(),
  customerNotes: Type.String(),
  authorName: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type ClosingSummary = Static<typeof ClosingSummary>;
export const ClosingSummaryInput = Type.Object(
  { cause: Text(), fix: Text(), customerNotes: Text() },
  { additionalProperties: false },
);
export type ClosingSummaryInput = Static<typeof ClosingSummaryInput>;

/*
 * Related problems (seed 004, A/B/C): a blocking item is done inside this case (a tracked sub-item); a
 * follow-up is handled after this one (recorded now, opened as its own case when the agent is ready); a
 * separate problem becomes a new case of the same customer and contact right away, linked both ways.
 */
export const CaseLinkKinds = ['blocking', 'follow_up', 'separate'] as const;
export const CaseLinkKind = Type.Enum(CaseLinkKinds);
export type CaseLinkKind = (typeof CaseLinkKinds)[number];

/** The other case of a link (for the portal: only when it is one of the contact's own cases). */
export const LinkedCase = Type.Object({
  id: Uuid,
  number: Type.String(),
  subject: Type.String(),
  status: Type.String(),
});
export type LinkedCase = Static<typeof LinkedCase>;

export const CaseLink = Type.Object({
  id: Uuid,
  kind: CaseLinkKind,
  /** outgoing: recorded on this case; incoming: another case recorded this one as its related problem. */
  direction: Type.Enum(['outgoing', 'incoming']),
  title: Type.String(),
  note: Type.String(),
  linkedCase: Nullable(LinkedCase),
  /** blocking / follow-up: ticked off by staff; separate: its case is solved or closed. */
  done: Type.Boolean(),
  doneAt: Nullable(IsoDateTime),
  doneBy: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type CaseLink = Static<typeof CaseLink>;

export const CaseLinkInput = Type.Object(
  {
    kind: CaseLinkKind,
    title: Text(200),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    /** blocking / follow-up: an existing case this item refers to (optional); not for separate. */
    linkedCaseId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type CaseLinkInput = Static<typeof CaseLinkInput>;

export const CaseLinkUpdate = Type.Object(
  {
    /** Ticks a blocking item or follow-up off (or back on). */
    done: Type.Optional(Type.Boolean()),
    /** Follow-up only: open it as its own case now (same customer and contact), linked to this one. */
    openCase: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CaseLinkUpdate = Static<typeof CaseLinkUpdate>;

/** A date agreed with the customer: reminded before, flagged when it passes without being done. */
export const Checkpoint = Type.Object({
  id: Uuid,
  title: Type.String(),
  note: Type.String(),
  dueAt: IsoDateTime,
  doneAt: Nullable(IsoDateTime),
  doneBy: Nullable(Type.String()),
  acknowledgedAt: Nullable(IsoDateTime),
  acknowledgedBy: Nullable(Type.String()),
  /** Passed without being done (set by the sweep; cleared when the date moves or it is done). */
  missed: Type.Boolean(),
  createdBy: Nullable(Type.String()),
  createdAt: IsoDateTime,
  /** Staff only. */
  version: Type.Optional(Type.Integer()),
});
export type Checkpoint = Static<typeof Checkpoint>;

export const CheckpointInput = Type.Object(
  { title: Text(200), dueAt: IsoDateTime, note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type CheckpointInput = Static<typeof CheckpointInput>;

export const CheckpointUpdate = Type.Object(
  {
    title: Type.Optional(Text(200)),
    dueAt: Type.Optional(IsoDateTime),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    done: Type.Optional(Type.Boolean()),
    version: Type.Integer({ minimum: 1, maximum: MAX_VERSION }),
  },
  { additionalProperties: false },
);
export type CheckpointUpdate = Static<typeof CheckpointUpdate>;

/** When the next status summary is due, counted in the case's service hours. */
export const SummarySchedule = Type.Object({
  /** Every N service hours; null: no schedule. */
  everyHours: Nullable(Type.Integer()),
  /** true when set on the case; false when it follows the workspace default for the severity. */
  custom: Type.Boolean(),
  /** null when there is no schedule or the case is solved/closed. */
  nextDueAt: Nullable(IsoDateTime),
  /** Staff only: the due instant has passed without a new summary. */
  overdue: Type.Optional(Type.Boolean()),
});
export type SummarySchedule = Static<typeof SummarySchedule>;

export const SummaryScheduleInput = Type.Object(
  {
    /** Every N service hours; null turns the schedule off for this case. */
    everyHours: Nullable(Type.Integer({ minimum: 1, maximum: 720 })),
    /** true: forget the case's own setting and follow the workspace default again. */
    useDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SummaryScheduleInput = Static<typeof SummaryScheduleInput>;

/** Workspace defaults of the discipline. */
export const DisciplineSettings = Type.Object({
  /** How long before a checkpoint the reminder goes out (minutes; default a day). */
  checkpointLeadMinutes: Type.Integer(),
  /** Default status-summary schedule of S1 / S2 cases in service hours (null: none). */
  summaryHoursS1: Nullable(Type.Integer()),
  summaryHoursS2: Nullable(Type.Integer()),
  version: Version,
});
export type DisciplineSettings = Static<typeof DisciplineSettings>;
export const DisciplineSettingsInput = Type.Object(
  {
    checkpointLeadMinutes: Type.Integer({ minimum: 0, maximum: 60 * 24 * 30 }),
    summaryHoursS1: Nullable(Type.Integer({ minimum: 1, maximum: 720 })),
    summaryHoursS2: Nullable(Type.Integer({ minimum: 1, maximum: 720 })),
    version: Version,
  },
  { additionalProperties: false },
);
export type DisciplineSettingsInput = Static<typeof DisciplineSettingsInput>;

/** What was mailed: the confirmation link of the current agreement. */
export const AgreementLinkSent = Type.Object({ sentTo: Type.String(), expiresAt: IsoDateTime });
export type AgreementLinkSent = Static<typeof AgreementLinkSent>;
export const AgreementLinkToken = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);
export type AgreementLinkToken = Static<typeof AgreementLinkToken>;
/** The agreement as the public confirmation page shows it (no sign-in; nothing else of the case). */
export const AgreementLinkView = Type.Object({
  workspaceName: Type.String(),
  caseNumber: Type.String(),
  caseSubject: Type.String(),
  contactName: Nullable(Type.String()),
  text: Type.String(),
  proposedBy: Nullable(Type.String()),
  proposedAt: IsoDateTime,
  confirmedAt: Nullable(IsoDateTime),
  confirmedVia: Nullable(Type.Enum(['portal', 'link'])),
});
export type AgreementLinkView = Static<typeof AgreementLinkView>;

/** The discipline of a case as both sides see it (the portal gets the same minus the staff-only fields). */
export const CaseDiscipline = Type.Object({
  agreement: Nullable(Agreement),
  summaries: Type.Array(StatusSummary),
  plan: Type.Array(PlanStep),
  /** Staff only: send it back with the next plan (optimistic concurrency); 0 before the first plan. */
  planVersion: Type.Optional(Type.Integer()),
  closingSummary: Nullable(ClosingSummary),
  links: Type.Array(CaseLink),
  checkpoints: Type.Array(Checkpoint),
  summarySchedule: Nullable(SummarySchedule),
});
export type CaseDiscipline = Static<typeof CaseDiscipline>;
