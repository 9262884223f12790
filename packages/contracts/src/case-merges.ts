import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Uuid, Version } from './common.js';

/** Merge and split: one case folded into another, or one message made its own case; both sides keep a link. */
export const CaseMerge = Type.Object(
  {
    /** The case this one is merged into (same customer, not closed, not this case). */
    targetCaseId: Uuid,
    /** The version of this (the merged) case you read; 409 when stale. */
    version: Version,
  },
  { additionalProperties: false },
);
export type CaseMerge = Static<typeof CaseMerge>;

export const CaseSplit = Type.Object(
  {
    /** The message of this case that becomes the first message of the new case. */
    messageId: Uuid,
    /** Default: "<subject> (split)" in the workspace's language. */
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CaseSplit = Static<typeof CaseSplit>;

export const CaseMergeKinds = ['merged_into', 'merged_from', 'split_from', 'split_to'] as const;
export const CaseMergeKind = Type.Enum(CaseMergeKinds);
export type CaseMergeKind = (typeof CaseMergeKinds)[number];

export const CaseMergeLink = Type.Object({
  kind: CaseMergeKind,
  caseId: Uuid,
  number: Type.String(),
  subject: Type.String(),
  at: IsoDateTime,
});
export type CaseMergeLink = Static<typeof CaseMergeLink>;

/** Links of a case, and which of its messages were copied in from a merged case. */
export const CaseMergeLinks = Type.Object({
  links: Type.Array(CaseMergeLink),
  /** Messages copied from a merged case: message id → the number of the case it came from. */
  mergedMessages: Type.Array(Type.Object({ messageId: Uuid, fromCaseId: Uuid, fromNumber: Type.String() })),
});
export type CaseMergeLinks = Static<typeof CaseMergeLinks>;

/** Split answers with the new case's id and number. */
export const CaseSplitResult = Type.Object({ caseId: Uuid, number: Type.String() });
export type CaseSplitResult = Static<typeof CaseSplitResult>;

/* Presence: who else has the case open, and who is writing a reply. */

export const PresenceStates = ['viewing', 'replying', 'left'] as const;
export const PresenceState = Type.Enum(PresenceStates);
export type PresenceState = (typeof PresenceStates)[number];

export const PresenceUpdate = Type.Object({ state: PresenceState }, { additionalProperties: false });
export type PresenceUpdate = Static<typeof PresenceUpdate>;

export const PresenceEntry = Type.Object({
  userId: Uuid,
  name: Type.String(),
  state: Type.Union([Type.Literal('viewing'), Type.Literal('replying')]),
  seenAt: IsoDateTime,
});
export type PresenceEntry = Static<typeof PresenceEntry>;

/** The other staff on a case right now (entries older than the expiry are gone). */
export const CasePresence = Type.Object({
  others: Type.Array(PresenceEntry),
  /** Send a heartbeat at least this often (ms). */
  heartbeatMs: Type.Integer(),
  expiresMs: Type.Integer(),
  at: Nullable(IsoDateTime),
});
export type CasePresence = Static<typeof CasePresence>;
