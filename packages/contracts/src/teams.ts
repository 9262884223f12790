import { Type, type Static } from 'typebox';
import { Actions, IsoDateTime, Name, Nullable, Uuid, Version } from './common.js';
import { CustomerTier } from './customers.js';
import { CaseChannel, CaseSeverity, CaseStatus, CaseType, SlaState } from './cases.js';

/** Teams: the groups of staff that own queues. Cases may belong to a team; assignment rules route to them. */
export const TeamMember = Type.Object({
  userId: Uuid,
  name: Type.String(),
  /** active | disabled | invited: only active members get cases. */
  status: Type.String(),
});
export type TeamMember = Static<typeof TeamMember>;

export const Team = Type.Object({
  id: Uuid,
  name: Type.String(),
  leadId: Nullable(Uuid),
  leadName: Nullable(Type.String()),
  members: Type.Array(TeamMember),
  /** Cases of the team that are not solved or closed. */
  activeCases: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type Team = Static<typeof Team>;

export const TeamCreate = Type.Object(
  {
    name: Name,
    memberIds: Type.Array(Uuid, { maxItems: 200 }),
    /** Must be one of the members. */
    leadId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type TeamCreate = Static<typeof TeamCreate>;

export const TeamUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
    leadId: Type.Optional(Nullable(Uuid)),
    version: Version,
  },
  { additionalProperties: false },
);
export type TeamUpdate = Static<typeof TeamUpdate>;

/** Which new cases a rule applies to; an absent or empty list matches everything. All given lists must match. */
export const RuleConditions = Type.Object(
  {
    tiers: Type.Optional(Type.Array(CustomerTier, { maxItems: 10 })),
    types: Type.Optional(Type.Array(CaseType, { maxItems: 10 })),
    severities: Type.Optional(Type.Array(CaseSeverity, { maxItems: 10 })),
    channels: Type.Optional(Type.Array(CaseChannel, { maxItems: 10 })),
    customerIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
    /** Any of these words in the subject (case-insensitive). */
    subjectWords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type RuleConditions = Static<typeof RuleConditions>;

/**
 * What a matching rule does: team (the case's team), agent (a fixed assignee), least_loaded (the active
 * member of the team with the fewest active cases; ties go to whoever was assigned longest ago).
 */
export const RuleAssignModes = ['none', 'agent', 'least_loaded'] as const;
export const RuleAssignMode = Type.Enum(RuleAssignModes);
export type RuleAssignMode = (typeof RuleAssignModes)[number];

export const AssignmentRule = Type.Object({
  id: Uuid,
  name: Type.String(),
  position: Type.Integer(),
  active: Type.Boolean(),
  conditions: RuleConditions,
  teamId: Nullable(Uuid),
  teamName: Nullable(Type.String()),
  assign: RuleAssignMode,
  agentId: Nullable(Uuid),
  agentName: Nullable(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type AssignmentRule = Static<typeof AssignmentRule>;

export const AssignmentRuleCreate = Type.Object(
  {
    name: Name,
    active: Type.Optional(Type.Boolean()),
    conditions: Type.Optional(RuleConditions),
    teamId: Type.Optional(Nullable(Uuid)),
    /** Default none (team only). agent needs agentId; least_loaded needs teamId. */
    assign: Type.Optional(RuleAssignMode),
    agentId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type AssignmentRuleCreate = Static<typeof AssignmentRuleCreate>;

export const AssignmentRuleUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    active: Type.Optional(Type.Boolean()),
    conditions: Type.Optional(RuleConditions),
    teamId: Type.Optional(Nullable(Uuid)),
    assign: Type.Optional(RuleAssignMode),
    agentId: Type.Optional(Nullable(Uuid)),
    version: Version,
  },
  { additionalProperties: false },
);
export type AssignmentRuleUpdate = Static<typeof AssignmentRuleUpdate>;

/** Every rule id of the workspace, in the new order. */
export const AssignmentRuleOrder = Type.Object(
  { ids: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type AssignmentRuleOrder = Static<typeof AssignmentRuleOrder>;

/* The workload board. */

export const WorkloadQuery = Type.Object({ teamId: Type.Optional(Uuid) });
export type WorkloadQuery = Static<typeof WorkloadQuery>;

export const WorkloadDeadline = Type.Object({
  caseId: Uuid,
  number: Type.String(),
  subject: Type.String(),
  customerName: Type.String(),
  severity: CaseSeverity,
  status: CaseStatus,
  nextDeadlineAt: IsoDateTime,
  /** ok, warning (a warning threshold was crossed) or breached. */
  slaState: SlaState,
});
export type WorkloadDeadline = Static<typeof WorkloadDeadline>;

export const WorkloadAgent = Type.Object({
  userId: Uuid,
  name: Type.String(),
  teams: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  /** Cases assigned to the agent that are not solved or closed. */
  active: Type.Integer(),
  byStatus: Type.Object({
    new: Type.Integer(),
    open: Type.Integer(),
    pending: Type.Integer(),
    on_hold: Type.Integer(),
  }),
  customers: Type.Array(
    Type.Object({ customerId: Uuid, customerName: Type.String(), count: Type.Integer() }),
  ),
  /** The nearest running deadlines, nearest first (at most 5). */
  nextDeadlines: Type.Array(WorkloadDeadline),
});
export type WorkloadAgent = Static<typeof WorkloadAgent>;

export const Workload = Type.Object({
  agents: Type.Array(WorkloadAgent),
  /** Active cases that nobody is assigned to (of the team when filtered). */
  unassigned: Type.Integer(),
  at: IsoDateTime,
});
export type Workload = Static<typeof Workload>;
