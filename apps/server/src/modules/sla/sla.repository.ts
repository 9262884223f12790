import type { CustomerTier, PolicyConditions, PolicyTargets, SeverityTargets } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { toBool } from '../../platform/db/database.js';
import type { ServiceCalendarSpec } from '../../platform/calendar/index.js';

export interface PolicyRecord {
  id: string;
  name: string;
  position: number;
  conditions: PolicyConditions;
  calendarId: string;
  calendarName: string;
  targets: PolicyTargets;
  warnAt: number[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type PolicyWrite = Omit<PolicyRecord, 'calendarName' | 'createdAt' | 'updatedAt' | 'version'>;

/** A case's SLA clocks (instants as ISO strings). */
export interface CaseSlaRecord {
  caseId: string;
  policyId: string | null;
  calendarId: string;
  targets: SeverityTargets;
  warnAt: number[];
  firstResponseDueAt: string | null;
  firstResponseMetAt: string | null;
  nextResponseStartAt: string | null;
  nextResponseDueAt: string | null;
  nextResponseMetAt: string | null;
  resolutionDueAt: string | null;
  resolutionMetAt: string | null;
  pausedSince: string | null;
  pausedMinutes: number;
  escalationLevel: number;
  /** Complaints: the acknowledgement target in wall-clock minutes (null for other cases). */
  acknowledgementMinutes: number | null;
  acknowledgementDueAt: string | null;
  acknowledgementMetAt: string | null;
}

/** A case's SLA row with what presenting it needs: names and the calendar. */
export interface CaseSlaView extends CaseSlaRecord {
  policyName: string | null;
  calendarName: string;
  calendarVersion: number;
  calendarSpec: ServiceCalendarSpec;
}

export interface PauseRecord {
  id: string;
  from: string;
  to: string | null;
  reason: string;
}

export class SlaRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private policies() {
    return this.db
      .selectFrom('sla_policies')
      .innerJoin('service_calendars', (j) =>
        j
          .onRef('service_calendars.workspace_id', '=', 'sla_policies.workspace_id')
          .onRef('service_calendars.id', '=', 'sla_policies.calendar_id'),
      )
      .selectAll('sla_policies')
      .select('service_calendars.name as calendar_name')
      .where('sla_policies.workspace_id', '=', this.workspaceId);
  }

  async listPolicies(options: { activeOnly?: boolean } = {}): Promise<PolicyRecord[]> {
    let q = this.policies();
    if (options.activeOnly) q = q.where('sla_policies.active', '=', 1);
    const rows = await q.orderBy('sla_policies.position').orderBy('sla_policies.id').execute();
    return rows.map(toPolicy);
  }

  async findPolicy(id: string): Promise<PolicyRecord | undefined> {
    const r = await this.policies().where('sla_policies.id', '=', id).executeTakeFirst();
    return r && toPolicy(r);
  }

  async maxPosition(): Promise<number> {
    const r = await this.db
      .selectFrom('sla_policies')
      .select((eb) => eb.fn.max<number | null>('position').as('m'))
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirst();
    return Number(r?.m ?? 0);
  }

  async insertPolicy(p: PolicyWrite, now: string): Promise<void> {
    await this.db
      .insertInto('sla_policies')
      .values({
        workspace_id: this.workspaceId,
        id: p.id,
        name: p.name,
        position: p.position,
        conditions: JSON.stringify(p.conditions),
        calendar_id: p.calendarId,
        targets: JSON.stringify(p.targets),
        warn_at: JSON.stringify(p.warnAt),
        active: p.active ? 1 : 0,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async updatePolicy(p: PolicyWrite, version: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('sla_policies')
      .set({
        name: p.name,
        position: p.position,
        conditions: JSON.stringify(p.conditions),
        calendar_id: p.calendarId,
        targets: JSON.stringify(p.targets),
        warn_at: JSON.stringify(p.warnAt),
        active: p.active ? 1 : 0,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', p.id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setPosition(id: string, position: number, now: string): Promise<void> {
    await this.db
      .updateTable('sla_policies')
      .set((eb) => ({ position, updated_at: now, version: eb('version', '+', 1) }))
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async deletePolicy(id: string): Promise<void> {
    await this.db
      .deleteFrom('sla_policies')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async calendarExists(id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('service_calendars')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Boolean(r);
  }

  async defaultCalendarId(): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('service_calendars')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('is_default', '=', 1)
      .executeTakeFirst();
    return r?.id;
  }

  async customerTier(customerId: string): Promise<CustomerTier | undefined> {
    const r = await this.db
      .selectFrom('customers')
      .select('tier')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', customerId)
      .executeTakeFirst();
    return r?.tier as CustomerTier | undefined;
  }

  /* Case clocks */

  private caseSla() {
    return this.db
      .selectFrom('case_sla')
      .innerJoin('service_calendars', (j) =>
        j
          .onRef('service_calendars.workspace_id', '=', 'case_sla.workspace_id')
          .onRef('service_calendars.id', '=', 'case_sla.calendar_id'),
      )
      .leftJoin('sla_policies', (j) =>
        j
          .onRef('sla_policies.workspace_id', '=', 'case_sla.workspace_id')
          .onRef('sla_policies.id', '=', 'case_sla.policy_id'),
      )
      .selectAll('case_sla')
      .select([
        'sla_policies.name as policy_name',
        'service_calendars.name as calendar_name',
        'service_calendars.version as calendar_version',
        'service_calendars.spec as calendar_spec',
      ])
      .where('case_sla.workspace_id', '=', this.workspaceId);
  }

  async findCaseSla(caseId: string): Promise<CaseSlaView | undefined> {
    const r = await this.caseSla().where('case_sla.case_id', '=', caseId).executeTakeFirst();
    return r && toView(r);
  }

  async caseSlas(caseIds: string[]): Promise<CaseSlaView[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.caseSla().where('case_sla.case_id', 'in', caseIds).execute();
    return rows.map(toView);
  }

  /**
   * The clocks of cases whose next SLA event (warning or breach) is due at `now`, in (next event, case id)
   * order after `after`, at most `limit`: the sweep reads only these, through ix_cases_next_sla_event.
   */
  async dueCaseSlas(
    now: string,
    limit: number,
    after: { at: string; caseId: string } | null = null,
  ): Promise<Array<CaseSlaView & { assigneeId: string | null; nextEventAt: string; createdAt: string }>> {
    const rows = await this.dueCaseSlasQuery(now, limit, after).execute();
    return rows.map((r) => ({
      ...toView(r),
      assigneeId: r.assignee_id,
      nextEventAt: r.next_sla_event_at as string,
      createdAt: r.created_at,
    }));
  }

  /** The query of dueCaseSlas (tests explain it). */
  dueCaseSlasQuery(now: string, limit: number, after: { at: string; caseId: string } | null) {
    let q = this.caseSla()
      .innerJoin('cases', (j) =>
        j
          .onRef('cases.workspace_id', '=', 'case_sla.workspace_id')
          .onRef('cases.id', '=', 'case_sla.case_id'),
      )
      .select(['cases.assignee_id', 'cases.next_sla_event_at', 'cases.created_at'])
      .where('cases.workspace_id', '=', this.workspaceId)
      .where('cases.next_sla_event_at', '<=', now);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('cases.next_sla_event_at', '>', after.at),
          eb.and([eb('cases.next_sla_event_at', '=', after.at), eb('cases.id', '>', after.caseId)]),
        ]),
      );
    return q.orderBy('cases.next_sla_event_at').orderBy('cases.id').limit(limit);
  }

  /** Stores the case's next SLA event instant and that the engine has applied its SLA. */
  async setNextEvent(caseId: string, at: string | null, appliedAt: string): Promise<void> {
    await this.db
      .updateTable('cases')
      .set({ next_sla_event_at: at, sla_applied_at: appliedAt })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', caseId)
      .execute();
  }

  /** Which (kind, cycle start, event) transitions are recorded for the case. */
  async recordedEvents(caseId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('sla_events')
      .select(['kind', 'started_at', 'event'])
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .execute();
    return new Set(rows.map((r) => eventKey(r.kind, r.started_at, r.event)));
  }

  async saveCaseSla(s: CaseSlaRecord, now: string): Promise<void> {
    const values = caseSlaValues(s, now);
    const res = await this.db
      .updateTable('case_sla')
      .set(values)
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', s.caseId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      await this.db
        .insertInto('case_sla')
        .values({ workspace_id: this.workspaceId, case_id: s.caseId, ...values })
        .execute();
  }

  /** The targets row of a new case (one statement; saveCaseSla tries an update first). */
  async insertCaseSla(s: CaseSlaRecord, now: string): Promise<void> {
    await this.db
      .insertInto('case_sla')
      .values({ workspace_id: this.workspaceId, case_id: s.caseId, ...caseSlaValues(s, now) })
      .execute();
  }

  async deleteCaseSla(caseId: string): Promise<void> {
    await this.db
      .deleteFrom('case_sla')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .execute();
  }

  async setEscalationLevel(caseId: string, level: number): Promise<void> {
    await this.db
      .updateTable('case_sla')
      .set({ escalation_level: level })
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .execute();
  }

  async pauses(caseId: string): Promise<PauseRecord[]> {
    const rows = await this.db
      .selectFrom('case_pauses')
      .select(['id', 'from_at', 'to_at', 'reason'])
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('from_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, from: r.from_at, to: r.to_at, reason: r.reason }));
  }

  async insertPause(id: string, caseId: string, from: string, reason: string): Promise<void> {
    await this.db
      .insertInto('case_pauses')
      .values({ workspace_id: this.workspaceId, id, case_id: caseId, from_at: from, to_at: null, reason })
      .execute();
  }

  async closePauses(caseId: string, to: string): Promise<void> {
    await this.db
      .updateTable('case_pauses')
      .set({ to_at: to })
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .where('to_at', 'is', null)
      .execute();
  }

  /** Records a transition once; false when it was already recorded (by this or another process). */
  async insertEvent(e: {
    id: string;
    caseId: string;
    kind: string;
    startedAt: string;
    event: string;
    at: string;
    escalationLevel: number | null;
  }): Promise<boolean> {
    const res = await this.db
      .insertInto('sla_events')
      .values({
        workspace_id: this.workspaceId,
        id: e.id,
        case_id: e.caseId,
        kind: e.kind,
        started_at: e.startedAt,
        event: e.event,
        at: e.at,
        escalation_level: e.escalationLevel,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'case_id', 'kind', 'started_at', 'event']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Leads of the departments the user belongs to (not the user), active only. */
  /** The active lead of the case's team, unless that is the assignee; null when there is none. */
  async teamLeadOf(caseId: string, assigneeId: string | null): Promise<string | null> {
    const row = await this.db
      .selectFrom('cases')
      .innerJoin('teams', (j) =>
        j.onRef('teams.workspace_id', '=', 'cases.workspace_id').onRef('teams.id', '=', 'cases.team_id'),
      )
      .innerJoin('users', (j) =>
        j.onRef('users.workspace_id', '=', 'teams.workspace_id').onRef('users.id', '=', 'teams.lead_id'),
      )
      .select('teams.lead_id')
      .where('cases.workspace_id', '=', this.workspaceId)
      .where('cases.id', '=', caseId)
      .where('users.status', '=', 'active')
      .executeTakeFirst();
    const lead = row?.lead_id ?? null;
    return lead && lead !== assigneeId ? lead : null;
  }

  async departmentLeadsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('department_members as mine')
      .innerJoin('department_members as lead', (j) =>
        j
          .onRef('lead.workspace_id', '=', 'mine.workspace_id')
          .onRef('lead.department_id', '=', 'mine.department_id'),
      )
      .innerJoin('users', (j) =>
        j.onRef('users.workspace_id', '=', 'lead.workspace_id').onRef('users.id', '=', 'lead.user_id'),
      )
      .select('lead.user_id')
      .distinct()
      .where('mine.workspace_id', '=', this.workspaceId)
      .where('mine.user_id', '=', userId)
      .where('lead.lead', '=', 1)
      .where('lead.user_id', '!=', userId)
      .where('users.status', '=', 'active')
      .execute();
    return rows.map((r) => r.user_id).sort();
  }

  /** Active users holding the built-in manager role. */
  async managers(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('user_roles')
      .innerJoin('roles', (j) =>
        j
          .onRef('roles.workspace_id', '=', 'user_roles.workspace_id')
          .onRef('roles.id', '=', 'user_roles.role_id'),
      )
      .innerJoin('users', (j) =>
        j
          .onRef('users.workspace_id', '=', 'user_roles.workspace_id')
          .onRef('users.id', '=', 'user_roles.user_id'),
      )
      .select('user_roles.user_id')
      .distinct()
      .where('user_roles.workspace_id', '=', this.workspaceId)
      .where('roles.key', '=', 'manager')
      .where('users.status', '=', 'active')
      .execute();
    return rows.map((r) => r.user_id).sort();
  }
}

/** The key recordedEvents answers with (instants normalised: PostgreSQL returns its own text form). */
export const eventKey = (kind: string, startedAt: string, event: string): string =>
  `${kind}|${new Date(startedAt).toISOString()}|${event}`;

type PolicyRow = {
  id: string;
  name: string;
  position: number;
  conditions: string;
  calendar_id: string;
  calendar_name: string;
  targets: string;
  warn_at: string;
  active: boolean | number;
  created_at: string;
  updated_at: string;
  version: number;
};

function toPolicy(r: PolicyRow): PolicyRecord {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    conditions: JSON.parse(r.conditions) as PolicyConditions,
    calendarId: r.calendar_id,
    calendarName: r.calendar_name,
    targets: JSON.parse(r.targets) as PolicyTargets,
    warnAt: JSON.parse(r.warn_at) as number[],
    active: toBool(r.active),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

type CaseSlaRow = {
  case_id: string;
  policy_id: string | null;
  calendar_id: string;
  targets: string;
  warn_at: string;
  first_response_due_at: string | null;
  first_response_met_at: string | null;
  next_response_start_at: string | null;
  next_response_due_at: string | null;
  next_response_met_at: string | null;
  resolution_due_at: string | null;
  resolution_met_at: string | null;
  paused_since: string | null;
  paused_minutes: number;
  escalation_level: number;
  acknowledgement_minutes: number | null;
  acknowledgement_due_at: string | null;
  acknowledgement_met_at: string | null;
  policy_name: string | null;
  calendar_name: string;
  calendar_version: number;
  calendar_spec: string;
};

function toView(r: CaseSlaRow): CaseSlaView {
  return {
    caseId: r.case_id,
    policyId: r.policy_id,
    calendarId: r.calendar_id,
    targets: JSON.parse(r.targets) as SeverityTargets,
    warnAt: JSON.parse(r.warn_at) as number[],
    firstResponseDueAt: r.first_response_due_at,
    firstResponseMetAt: r.first_response_met_at,
    nextResponseStartAt: r.next_response_start_at,
    nextResponseDueAt: r.next_response_due_at,
    nextResponseMetAt: r.next_response_met_at,
    resolutionDueAt: r.resolution_due_at,
    resolutionMetAt: r.resolution_met_at,
    pausedSince: r.paused_since,
    pausedMinutes: Number(r.paused_minutes),
    escalationLevel: r.escalation_level,
    acknowledgementMinutes: r.acknowledgement_minutes === null ? null : Number(r.acknowledgement_minutes),
    acknowledgementDueAt: r.acknowledgement_due_at,
    acknowledgementMetAt: r.acknowledgement_met_at,
    policyName: r.policy_name,
    calendarName: r.calendar_name,
    calendarVersion: r.calendar_version,
    calendarSpec: JSON.parse(r.calendar_spec) as ServiceCalendarSpec,
  };
}

function caseSlaValues(s: CaseSlaRecord, now: string) {
  return {
    policy_id: s.policyId,
    calendar_id: s.calendarId,
    targets: JSON.stringify(s.targets),
    warn_at: JSON.stringify(s.warnAt),
    first_response_due_at: s.firstResponseDueAt,
    first_response_met_at: s.firstResponseMetAt,
    next_response_start_at: s.nextResponseStartAt,
    next_response_due_at: s.nextResponseDueAt,
    next_response_met_at: s.nextResponseMetAt,
    resolution_due_at: s.resolutionDueAt,
    resolution_met_at: s.resolutionMetAt,
    paused_since: s.pausedSince,
    paused_minutes: s.pausedMinutes,
    escalation_level: s.escalationLevel,
    acknowledgement_minutes: s.acknowledgementMinutes,
    acknowledgement_due_at: s.acknowledgementDueAt,
    acknowledgement_met_at: s.acknowledgementMetAt,
    updated_at: now,
  };
}
