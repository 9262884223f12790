import type { Workload, WorkloadAgent, WorkloadQuery } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { TeamsRepository } from './teams.repository.js';
import { WorkloadRepository } from './workload.repository.js';

const DEADLINES_PER_AGENT = 5;

/** The workload board: each active agent's active cases per customer and status, and their next deadlines. */
export class WorkloadService {
  constructor(private readonly ctx: ServiceContext) {}

  async board(query: WorkloadQuery): Promise<Workload> {
    const db = this.ctx.database.db;
    const ws = this.ctx.workspace.id;
    if (query.teamId && !(await new TeamsRepository(db, ws).teamExists(query.teamId)))
      throw new AppError('not_found');
    const repo = new WorkloadRepository(db, ws);
    const now = this.ctx.clock.now();
    const [agents, cells, deadlines, unassigned] = [
      await repo.agents(query.teamId),
      await repo.cells(query.teamId),
      await repo.nextDeadlines(DEADLINES_PER_AGENT, query.teamId),
      await repo.unassigned(query.teamId),
    ];
    const warned = await repo.warned(deadlines.map((d) => d.caseId));
    const out: WorkloadAgent[] = agents.map((a) => {
      const mine = cells.filter((c) => c.assigneeId === a.id);
      const byStatus = { new: 0, open: 0, pending: 0, on_hold: 0 };
      const customers = new Map<string, { customerId: string; customerName: string; count: number }>();
      for (const c of mine) {
        if (c.status in byStatus) byStatus[c.status as keyof typeof byStatus] += c.n;
        const entry = customers.get(c.customerId) ?? {
          customerId: c.customerId,
          customerName: c.customerName,
          count: 0,
        };
        entry.count += c.n;
        customers.set(c.customerId, entry);
      }
      return {
        userId: a.id,
        name: a.name,
        teams: a.teams,
        active: mine.reduce((n, c) => n + c.n, 0),
        byStatus,
        customers: [...customers.values()].sort(
          (x, y) => y.count - x.count || x.customerName.localeCompare(y.customerName),
        ),
        nextDeadlines: deadlines
          .filter((d) => d.assigneeId === a.id)
          .map((d) => ({
            caseId: d.caseId,
            number: d.number,
            subject: d.subject,
            customerName: d.customerName,
            severity: d.severity,
            status: d.status,
            nextDeadlineAt: d.nextDeadlineAt,
            slaState:
              Date.parse(d.nextDeadlineAt) <= now.getTime()
                ? 'breached'
                : warned.has(d.caseId)
                  ? 'warning'
                  : 'ok',
          })),
      };
    });
    out.sort((x, y) => y.active - x.active || x.name.localeCompare(y.name));
    return { agents: out, unassigned, at: now.toISOString() };
  }
}
