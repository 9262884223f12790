import type { CaseStatus, CustomerTier, RuleAssignMode, RuleConditions } from '@aftercare/contracts';
import { sql } from 'kysely';
import { toBool, fromBool, type Executor } from '../../platform/db/database.js';

export interface TeamRecord {
  id: string;
  name: string;
  leadId: string | null;
  leadName: string | null;
  members: Array<{ userId: string; name: string; status: string }>;
  activeCases: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RuleRecord {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: RuleConditions;
  teamId: string | null;
  teamName: string | null;
  assign: RuleAssignMode;
  agentId: string | null;
  agentName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type RuleWrite = Omit<RuleRecord, 'teamName' | 'agentName' | 'createdAt' | 'updatedAt' | 'version'>;

const DONE: CaseStatus[] = ['solved', 'closed'];

/** Teams, their members, assignment rules and the load of agents, in one workspace. */
export class TeamsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  /* Teams */

  async listTeams(ids?: string[]): Promise<TeamRecord[]> {
    if (ids && ids.length === 0) return [];
    let q = this.db
      .selectFrom('teams')
      .leftJoin('users', (j) =>
        j.onRef('users.workspace_id', '=', 'teams.workspace_id').onRef('users.id', '=', 'teams.lead_id'),
      )
      .select([
        'teams.id',
        'teams.name',
        'teams.lead_id',
        'users.name as lead_name',
        'teams.created_at',
        'teams.updated_at',
        'teams.version',
      ])
      .where('teams.workspace_id', '=', this.workspaceId);
    if (ids) q = q.where('teams.id', 'in', ids);
    const rows = await q.orderBy('teams.name').orderBy('teams.id').execute();
    if (rows.length === 0) return [];
    const teamIds = rows.map((r) => r.id);
    const members = await this.db
      .selectFrom('team_members')
      .innerJoin('users', (j) =>
        j
          .onRef('users.workspace_id', '=', 'team_members.workspace_id')
          .onRef('users.id', '=', 'team_members.user_id'),
      )
      .select(['team_members.team_id', 'users.id', 'users.name', 'users.status'])
      .where('team_members.workspace_id', '=', this.workspaceId)
      .where('team_members.team_id', 'in', teamIds)
      .orderBy('users.name')
      .execute();
    const loads = await this.db
      .selectFrom('cases')
      .select(['team_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', this.workspaceId)
      .where('team_id', 'in', teamIds)
      .where('status', 'not in', DONE)
      .groupBy('team_id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      leadId: r.lead_id,
      leadName: r.lead_name,
      members: members
        .filter((m) => m.team_id === r.id)
        .map((m) => ({ userId: m.id, name: m.name, status: m.status })),
      activeCases: Number(loads.find((l) => l.team_id === r.id)?.n ?? 0),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }));
  }

  async findTeam(id: string): Promise<TeamRecord | undefined> {
    return (await this.listTeams([id]))[0];
  }

  async teamExists(id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Boolean(r);
  }

  async isMember(teamId: string, userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('team_members')
      .select('user_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Boolean(r);
  }

  async insertTeam(t: { id: string; name: string; leadId: string | null }, now: string): Promise<void> {
    await this.db
      .insertInto('teams')
      .values({
        workspace_id: this.workspaceId,
        id: t.id,
        name: t.name,
        lead_id: t.leadId,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async updateTeam(
    t: { id: string; name: string; leadId: string | null },
    version: number,
    now: string,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('teams')
      .set({ name: t.name, lead_id: t.leadId, updated_at: now, version: version + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', t.id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setMembers(teamId: string, userIds: string[]): Promise<void> {
    await this.db
      .deleteFrom('team_members')
      .where('workspace_id', '=', this.workspaceId)
      .where('team_id', '=', teamId)
      .execute();
    if (userIds.length)
      await this.db
        .insertInto('team_members')
        .values(userIds.map((u) => ({ workspace_id: this.workspaceId, team_id: teamId, user_id: u })))
        .execute();
  }

  async deleteTeam(id: string): Promise<void> {
    await this.db
      .updateTable('cases')
      .set({ team_id: null })
      .where('workspace_id', '=', this.workspaceId)
      .where('team_id', '=', id)
      .execute();
    await this.db
      .deleteFrom('teams')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** Rules that route to the team (a team in use by a rule cannot be deleted). */
  async rulesOfTeam(teamId: string): Promise<number> {
    const r = await this.db
      .selectFrom('assignment_rules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', this.workspaceId)
      .where('team_id', '=', teamId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Takes the team's row lock (PostgreSQL) so two concurrent assignments by load see each other's result. */
  async lockTeam(teamId: string): Promise<void> {
    await this.db
      .updateTable('teams')
      .set({ version: sql`version` })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', teamId)
      .execute();
  }

  /** Statuses of the given users (unknown ids are absent). */
  async userStatuses(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'status'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /* Assignment by load */

  /**
   * The active members of a team with their number of active cases (any team) and when they were last given
   * a case automatically; least loaded first, then longest ago (never first), then by id for stability.
   */
  async loadOfMembers(teamId: string): Promise<Array<{ userId: string; load: number; seq: number }>> {
    const members = await this.db
      .selectFrom('team_members')
      .innerJoin('users', (j) =>
        j
          .onRef('users.workspace_id', '=', 'team_members.workspace_id')
          .onRef('users.id', '=', 'team_members.user_id'),
      )
      .leftJoin('assignee_stamps as st', (j) =>
        j.onRef('st.workspace_id', '=', 'team_members.workspace_id').onRef('st.user_id', '=', 'users.id'),
      )
      .select(['users.id', 'st.seq'])
      .where('team_members.workspace_id', '=', this.workspaceId)
      .where('team_members.team_id', '=', teamId)
      .where('users.status', '=', 'active')
      .execute();
    if (members.length === 0) return [];
    const loads = await this.activeLoads(members.map((m) => m.id));
    return members
      .map((m) => ({ userId: m.id, load: loads.get(m.id) ?? 0, seq: m.seq ?? 0 }))
      .sort((a, b) => a.load - b.load || a.seq - b.seq || a.userId.localeCompare(b.userId));
  }

  /** Active (not solved/closed) cases per assignee, for the given users. */
  async activeLoads(userIds: string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('cases')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', this.workspaceId)
      .where('assignee_id', 'in', userIds)
      .where('status', 'not in', DONE)
      .groupBy('assignee_id')
      .execute();
    return new Map(rows.map((r) => [r.assignee_id as string, Number(r.n)]));
  }

  /** Records that the user was just given a case (the round-robin tie-break), with an increasing sequence. */
  async stamp(userId: string, now: string): Promise<void> {
    const top = await this.db
      .selectFrom('assignee_stamps')
      .select((eb) => eb.fn.max<number>('seq').as('m'))
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirst();
    const seq = Number(top?.m ?? 0) + 1;
    await this.db
      .insertInto('assignee_stamps')
      .values({ workspace_id: this.workspaceId, user_id: userId, assigned_at: now, seq })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ assigned_at: now, seq }))
      .execute();
  }

  async customerTier(customerId: string): Promise<CustomerTier | undefined> {
    const r = await this.db
      .selectFrom('customers')
      .select('tier')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', customerId)
      .executeTakeFirst();
    return (r?.tier ?? undefined) as CustomerTier | undefined;
  }

  /* Rules */

  async listRules(options: { activeOnly?: boolean } = {}): Promise<RuleRecord[]> {
    let q = this.db
      .selectFrom('assignment_rules as r')
      .leftJoin('teams', (j) =>
        j.onRef('teams.workspace_id', '=', 'r.workspace_id').onRef('teams.id', '=', 'r.team_id'),
      )
      .leftJoin('users', (j) =>
        j.onRef('users.workspace_id', '=', 'r.workspace_id').onRef('users.id', '=', 'r.agent_id'),
      )
      .select([
        'r.id',
        'r.name',
        'r.position',
        'r.active',
        'r.conditions',
        'r.team_id',
        'teams.name as team_name',
        'r.assign',
        'r.agent_id',
        'users.name as agent_name',
        'r.created_at',
        'r.updated_at',
        'r.version',
      ])
      .where('r.workspace_id', '=', this.workspaceId);
    if (options.activeOnly) q = q.where('r.active', '=', 1);
    const rows = await q.orderBy('r.position').orderBy('r.id').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      active: toBool(r.active),
      conditions: JSON.parse(r.conditions) as RuleConditions,
      teamId: r.team_id,
      teamName: r.team_name,
      assign: r.assign as RuleAssignMode,
      agentId: r.agent_id,
      agentName: r.agent_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }));
  }

  async findRule(id: string): Promise<RuleRecord | undefined> {
    return (await this.listRules()).find((r) => r.id === id);
  }

  async maxRulePosition(): Promise<number> {
    const r = await this.db
      .selectFrom('assignment_rules')
      .select((eb) => eb.fn.max<number>('position').as('m'))
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirst();
    return Number(r?.m ?? 0);
  }

  async insertRule(r: RuleWrite, now: string): Promise<void> {
    await this.db
      .insertInto('assignment_rules')
      .values({
        workspace_id: this.workspaceId,
        id: r.id,
        name: r.name,
        position: r.position,
        active: fromBool(r.active),
        conditions: JSON.stringify(r.conditions),
        team_id: r.teamId,
        assign: r.assign,
        agent_id: r.agentId,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async updateRule(r: RuleWrite, version: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('assignment_rules')
      .set({
        name: r.name,
        active: fromBool(r.active),
        conditions: JSON.stringify(r.conditions),
        team_id: r.teamId,
        assign: r.assign,
        agent_id: r.agentId,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', r.id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setRulePosition(id: string, position: number, now: string): Promise<void> {
    await this.db
      .updateTable('assignment_rules')
      .set({ position, updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async deleteRule(id: string): Promise<void> {
    await this.db
      .deleteFrom('assignment_rules')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }
}
