import type { CaseSeverity, CaseStatus } from '@aftercare/contracts';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

const DONE: CaseStatus[] = ['solved', 'closed'];

export interface LoadCell {
  assigneeId: string;
  customerId: string;
  customerName: string;
  status: CaseStatus;
  n: number;
}

export interface DeadlineRow {
  assigneeId: string;
  caseId: string;
  number: string;
  subject: string;
  customerName: string;
  severity: CaseSeverity;
  status: CaseStatus;
  nextDeadlineAt: string;
}

/** The workload board's queries: a few grouped queries, whatever the number of agents or cases. */
export class WorkloadRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  /** Active staff users (all, or the members of a team), with their teams. */
  async agents(
    teamId?: string,
  ): Promise<Array<{ id: string; name: string; teams: Array<{ id: string; name: string }> }>> {
    let q = this.db
      .selectFrom('users')
      .select(['users.id', 'users.name'])
      .where('users.workspace_id', '=', this.workspaceId)
      .where('users.status', '=', 'active');
    if (teamId)
      q = q.where('users.id', 'in', (eb) =>
        eb
          .selectFrom('team_members')
          .select('team_members.user_id')
          .where('team_members.workspace_id', '=', this.workspaceId)
          .where('team_members.team_id', '=', teamId),
      );
    const users = await q.orderBy('users.name').orderBy('users.id').execute();
    const memberships = await this.db
      .selectFrom('team_members')
      .innerJoin('teams', (j) =>
        j
          .onRef('teams.workspace_id', '=', 'team_members.workspace_id')
          .onRef('teams.id', '=', 'team_members.team_id'),
      )
      .select(['team_members.user_id', 'teams.id', 'teams.name'])
      .where('team_members.workspace_id', '=', this.workspaceId)
      .orderBy('teams.name')
      .execute();
    return users.map((u) => ({
      id: u.id,
      name: u.name,
      teams: memberships.filter((m) => m.user_id === u.id).map((m) => ({ id: m.id, name: m.name })),
    }));
  }

  /** Active cases counted by assignee, customer and status. */
  async cells(teamId?: string): Promise<LoadCell[]> {
    let q = this.db
      .selectFrom('cases')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'cases.workspace_id')
          .onRef('customers.id', '=', 'cases.customer_id'),
      )
      .select([
        'cases.assignee_id',
        'cases.customer_id',
        'customers.name',
        'cases.status',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('cases.workspace_id', '=', this.workspaceId)
      .where('cases.assignee_id', 'is not', null)
      .where('cases.status', 'not in', DONE);
    if (teamId) q = q.where('cases.team_id', '=', teamId);
    const rows = await q
      .groupBy(['cases.assignee_id', 'cases.customer_id', 'customers.name', 'cases.status'])
      .execute();
    return rows.map((r) => ({
      assigneeId: r.assignee_id as string,
      customerId: r.customer_id,
      customerName: r.name,
      status: r.status as CaseStatus,
      n: Number(r.n),
    }));
  }

  async unassigned(teamId?: string): Promise<number> {
    let q = this.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', this.workspaceId)
      .where('assignee_id', 'is', null)
      .where('status', 'not in', DONE);
    if (teamId) q = q.where('team_id', '=', teamId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  /** The `perAgent` nearest running deadlines of each assignee (a window function: one query). */
  async nextDeadlines(perAgent: number, teamId?: string): Promise<DeadlineRow[]> {
    let inner = this.db
      .selectFrom('cases')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'cases.workspace_id')
          .onRef('customers.id', '=', 'cases.customer_id'),
      )
      .select([
        'cases.assignee_id',
        'cases.id',
        'cases.number',
        'cases.subject',
        'customers.name as customer_name',
        'cases.severity',
        'cases.status',
        'cases.next_deadline_at',
        sql<number>`row_number() over (partition by cases.assignee_id order by cases.next_deadline_at, cases.number)`.as(
          'rn',
        ),
      ])
      .where('cases.workspace_id', '=', this.workspaceId)
      .where('cases.assignee_id', 'is not', null)
      .where('cases.next_deadline_at', 'is not', null)
      .where('cases.status', 'not in', DONE);
    if (teamId) inner = inner.where('cases.team_id', '=', teamId);
    const rows = await this.db
      .selectFrom(inner.as('d'))
      .selectAll()
      .where('d.rn', '<=', perAgent)
      .orderBy('d.next_deadline_at')
      .execute();
    return rows.map((r) => ({
      assigneeId: r.assignee_id as string,
      caseId: r.id,
      number: r.number,
      subject: r.subject,
      customerName: r.customer_name,
      severity: r.severity as CaseSeverity,
      status: r.status as CaseStatus,
      nextDeadlineAt: r.next_deadline_at as string,
    }));
  }

  /** Of the given cases, those the SLA sweep found past a warning threshold on a running target. */
  async warned(caseIds: string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('sla_events as ev')
      .innerJoin('case_sla as cs', (j) =>
        j.onRef('cs.workspace_id', '=', 'ev.workspace_id').onRef('cs.case_id', '=', 'ev.case_id'),
      )
      .select('ev.case_id')
      .distinct()
      .where('ev.workspace_id', '=', this.workspaceId)
      .where('ev.case_id', 'in', caseIds)
      .where('ev.event', 'in', ['warning_75', 'warning_90'])
      .where((w) =>
        w.or([
          w.and([w('ev.kind', '=', 'first_response'), w('cs.first_response_met_at', 'is', null)]),
          w.and([
            w('ev.kind', '=', 'next_response'),
            w('cs.next_response_met_at', 'is', null),
            w('ev.started_at', '=', w.ref('cs.next_response_start_at')),
          ]),
          w.and([w('ev.kind', '=', 'resolution'), w('cs.resolution_met_at', 'is', null)]),
        ]),
      )
      .execute();
    return new Set(rows.map((r) => r.case_id));
  }
}
