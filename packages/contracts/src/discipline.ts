import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.js';

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
});
export type Agreement = Static<typeof Agreement>;
export const AgreementInput = Type.Object({ text: Text(2000) }, { additionalProperties: false });
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
});
export type PlanStep = Static<typeof PlanStep>;
export const PlanInput = Type.Object(
  {
    steps: Type.Array(
      Type.Object(
        { id: Type.Optional(Uuid), title: Text(500), expectedResult: Type.String({ maxLength: 2000 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
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

/** The discipline of a case as both sides see it (the portal gets the same, it holds nothing internal). */
export const CaseDiscipline = Type.Object({
  agreement: Nullable(Agreement),
  summaries: Type.Array(StatusSummary),
  plan: Type.Array(PlanStep),
  closingSummary: Nullable(ClosingSummary),
});
export type CaseDiscipline = Static<typeof CaseDiscipline>;
