import type { Deps } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { systemContext } from '../../platform/system-context.js';
import { ReturnsRepository } from './returns.repository.js';

export const RETURN_DEADLINES_INTERVAL_MS = 60_000;
const BATCH = 100;

export interface ReturnDeadlineResult {
  recorded: Array<{
    workspaceId: string;
    returnId: string;
    kind: 'review_late' | 'escalated';
    departmentId: string | null;
  }>;
}

/**
 * Late reviews and late decisions. A review still pending after its deadline (service hours of the policy) is
 * recorded once per round as `review_late` (event `return.review_late`, naming the department's members to
 * remind); a return still undecided after its decision deadline is escalated once per round (`return.escalated`,
 * naming the reviewing departments' leads). The unique key of return_deadline_events makes each record once
 * across runs and processes: only the run whose insert wins writes the step, the audit entry and the event.
 * Workspaces with the returns module off are skipped; `workspaceIds` limits the run (tests).
 */
export async function runReturnDeadlines(
  deps: Deps,
  now: Date,
  options: { workspaceIds?: string[] } = {},
): Promise<ReturnDeadlineResult> {
  const recorded: ReturnDeadlineResult['recorded'] = [];
  if (options.workspaceIds?.length === 0) return { recorded };
  let q = deps.database.db
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'timezone', 'default_locale', 'modules']);
  if (options.workspaceIds) q = q.where('id', 'in', options.workspaceIds);
  const at = now.toISOString();
  for (const w of await q.execute()) {
    const ctx = systemContext({ ...deps, clock: { now: () => now } }, w, 'return-deadlines');
    if (ctx.workspace.modules.returns === false) continue;
    const reader = new ReturnsRepository(deps.database.db, w.id);
    const names = new Map((await reader.departments()).map((d) => [d.id, d.name]));
    for (const late of await reader.lateReviews(at, BATCH)) {
      await inTransaction(ctx, async (tx) => {
        const repo = new ReturnsRepository(tx, w.id);
        if (
          !(await repo.recordDeadlineEvent(late.returnId, late.round, 'review_late', late.departmentId, at))
        )
          return;
        const remind = await repo.membersOf(late.departmentId);
        await repo.insertStep(late.returnId, {
          id: newId(),
          kind: 'review_late',
          at,
          actorName: null,
          public: false,
          details: { departmentId: late.departmentId, dueAt: late.dueAt, round: late.round },
        });
        await recordAudit(tx, ctx, {
          entityType: 'return',
          entityId: late.returnId,
          action: 'review_late',
          changes: { reviewLate: { from: null, to: { departmentId: late.departmentId, dueAt: late.dueAt } } },
        });
        await emit(tx, ctx, 'return.review_late', {
          returnId: late.returnId,
          departmentId: late.departmentId,
          departmentName: names.get(late.departmentId) ?? null,
          round: late.round,
          dueAt: late.dueAt,
          remindUserIds: remind,
        });
        recorded.push({
          workspaceId: w.id,
          returnId: late.returnId,
          kind: 'review_late',
          departmentId: late.departmentId,
        });
      });
    }
    for (const overdue of await reader.overdueDecisions(at, BATCH)) {
      await inTransaction(ctx, async (tx) => {
        const repo = new ReturnsRepository(tx, w.id);
        if (!(await repo.recordDeadlineEvent(overdue.returnId, overdue.round, 'escalated', '', at))) return;
        const row = await repo.find(overdue.returnId);
        if (!row) return;
        const reviews = await repo.reviews(overdue.returnId, overdue.round);
        const waitingOn = reviews
          .filter((r) => r.status === 'pending' || r.status === 'needs_info')
          .map((r) => r.departmentId);
        const escalateTo = await repo.leadsOf(JSON.parse(row.department_ids) as string[]);
        await repo.insertStep(overdue.returnId, {
          id: newId(),
          kind: 'escalated',
          at,
          actorName: null,
          public: false,
          details: { dueAt: overdue.dueAt, round: overdue.round, waitingOn },
        });
        await recordAudit(tx, ctx, {
          entityType: 'return',
          entityId: overdue.returnId,
          action: 'escalated',
          changes: { escalated: { from: null, to: { dueAt: overdue.dueAt, waitingOn } } },
        });
        await emit(tx, ctx, 'return.escalated', {
          returnId: overdue.returnId,
          number: row.number,
          round: overdue.round,
          dueAt: overdue.dueAt,
          waitingOn,
          escalateTo,
        });
        recorded.push({
          workspaceId: w.id,
          returnId: overdue.returnId,
          kind: 'escalated',
          departmentId: null,
        });
      });
    }
  }
  return { recorded };
}
