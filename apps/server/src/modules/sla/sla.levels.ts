import type { TargetKind } from './sla.engine.js';
import type { Deps, ServiceContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { CasesRepository, type CaseRecord } from '../cases/index.js';
import { raisedPriority } from '../service-settings/index.js';
import { applyCaseSla } from './sla.engine.js';
import { SlaRepository } from './sla.repository.js';
import { SlaLevelsRepository } from './sla.levels.repository.js';

/** How many cases one recompute or backfill batch reads at a time. */
export const RECOMPUTE_BATCH = 200;

const BUMPED_KINDS: TargetKind[] = ['first_response', 'next_response', 'resolution'];

/**
 * On a response or resolution breach (inside the sweep's transaction that recorded it): raise the case's
 * priority one level, once per target kind — an sla_events row (kind, the case's creation, 'priority_bumped')
 * makes it happen once even across cycles and processes. Recorded with an audit entry and case.priority_bumped.
 */
export async function bumpPriorityOnBreach(
  tx: Executor,
  ctx: ServiceContext,
  caseId: string,
  kind: TargetKind,
  createdAt: string,
): Promise<void> {
  if (!BUMPED_KINDS.includes(kind)) return;
  const levels = new SlaLevelsRepository(tx, ctx.workspace.id);
  const from = await levels.priority(caseId);
  if (!from) return;
  const now = ctx.clock.now().toISOString();
  const first = await new SlaRepository(tx, ctx.workspace.id).insertEvent({
    id: newId(),
    caseId,
    kind,
    startedAt: createdAt,
    event: 'priority_bumped',
    at: now,
    escalationLevel: null,
  });
  if (!first) return;
  const to = raisedPriority(from);
  if (to === from) return;
  await levels.setPriority(caseId, to, now);
  await recordAudit(tx, ctx, {
    entityType: 'case',
    entityId: caseId,
    action: 'priority_bumped',
    changes: { priority: { from, to }, breached: { from: null, to: kind } },
  });
  await emit(tx, ctx, 'case.priority_bumped', { caseId, kind, from, to });
}

/** Re-applies the SLA of one case as it stands (policy reselected, due instants recomputed). */
async function reapply(tx: Executor, ctx: ServiceContext, c: CaseRecord, backfill: boolean): Promise<void> {
  const cases = new CasesRepository(tx, ctx.workspace.id);
  const before = backfill ? undefined : await new SlaRepository(tx, ctx.workspace.id).findCaseSla(c.id);
  const next = await applyCaseSla(tx, ctx, backfill ? null : c, c, { reselect: true });
  await cases.setNextDeadline(c.id, next);
  const after = await new SlaRepository(tx, ctx.workspace.id).findCaseSla(c.id);
  const dues = (s: typeof after) =>
    s && {
      policyId: s.policyId,
      firstResponseDueAt: s.firstResponseDueAt,
      nextResponseDueAt: s.nextResponseDueAt,
      resolutionDueAt: s.resolutionDueAt,
    };
  await recordAudit(tx, ctx, {
    entityType: 'case',
    entityId: c.id,
    action: backfill ? 'sla_backfilled' : 'sla_recomputed',
    changes: { sla: { from: dues(before) ?? null, to: dues(after) ?? null } },
  });
}

/**
 * After a policy, calendar or service contract changed (inside its transaction): recomputes the SLA of the open
 * (not solved or closed) cases whose clocks use it (or served under the contract), RECOMPUTE_BATCH at a time,
 * each with an audit entry; returns how many.
 */
export async function recomputeCasesUsing(
  tx: Executor,
  ctx: ServiceContext,
  using: { policyId: string } | { calendarId: string } | { contractId: string },
): Promise<number> {
  const levels = new SlaLevelsRepository(tx, ctx.workspace.id);
  const cases = new CasesRepository(tx, ctx.workspace.id);
  let afterId: string | null = null;
  let n = 0;
  for (;;) {
    const ids = await levels.openCaseIdsUsing(using, afterId, RECOMPUTE_BATCH);
    for (const id of ids) {
      const c = await cases.find(id);
      if (c) await reapply(tx, ctx, c, false);
    }
    n += ids.length;
    afterId = ids[ids.length - 1] ?? null;
    if (ids.length < RECOMPUTE_BATCH) break;
  }
  if (n > 0) await emit(tx, ctx, 'sla.recomputed', { ...using, cases: n });
  return n;
}

/**
 * Gives cases that never had their SLA applied (opened before 0004) their clocks, as if just opened: targets
 * from the case's creation, met stamps from its replies and solve time. One transaction per case, a batch per
 * sweep run (the rest follow on later runs); each gets an audit entry.
 */
export async function backfillCaseSla(deps: Deps, ctx: ServiceContext): Promise<number> {
  const ids = await new SlaLevelsRepository(deps.database.db, ctx.workspace.id).unappliedCaseIds(
    RECOMPUTE_BATCH,
  );
  for (const id of ids)
    await inTransaction(deps, async (tx) => {
      const c = await new CasesRepository(tx, ctx.workspace.id).find(id);
      if (c) await reapply(tx, ctx, c, true);
    });
  return ids.length;
}
