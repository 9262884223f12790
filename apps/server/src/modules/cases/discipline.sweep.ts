import type { Deps } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { systemContext } from '../../platform/system-context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { CasesRepository } from './cases.repository.js';
import { DisciplineExtRepository } from './discipline-ext.repository.js';
import { nextSummaryDue } from './discipline-ext.view.js';

export type DisciplineEvent = 'checkpoint.due_soon' | 'checkpoint.missed' | 'summary.due';

export interface DisciplineSweepResult {
  /** Events recorded by this run (one another run recorded first is not counted). */
  recorded: Array<{ workspaceId: string; caseId: string; subjectId: string; event: DisciplineEvent }>;
}

/**
 * The discipline's clock, beside the SLA sweep:
 * - a checkpoint that is not done gets `checkpoint.due_soon` once when it comes within the workspace's lead
 *   time (default a day) and `checkpoint.missed` once when its date passes (the checkpoint is flagged missed);
 * - a case whose status-summary schedule has come due gets `summary.due` once per period (the period is keyed
 *   by its due instant, so posting a summary, which moves the instant, starts a new one).
 * Each event is recorded once in discipline_events (unique per subject, event and period), so runs in several
 * processes at once are safe: only the run whose insert wins writes the audit entry and the outbox event.
 * Workspaces with the helpdesk module off are skipped; `workspaceIds` limits the run (tests).
 */
export async function runDisciplineSweep(
  deps: Deps,
  now: Date,
  options: { workspaceIds?: string[] } = {},
): Promise<DisciplineSweepResult> {
  const recorded: DisciplineSweepResult['recorded'] = [];
  let q = deps.database.db
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'timezone', 'default_locale', 'modules']);
  if (options.workspaceIds) q = q.where('id', 'in', options.workspaceIds);
  const workspaces = options.workspaceIds?.length === 0 ? [] : await q.execute();
  const nowIso = now.toISOString();
  for (const w of workspaces) {
    const ctx = systemContext({ ...deps, clock: { now: () => now } }, w, 'discipline-sweep');
    if (ctx.workspace.modules.helpdesk === false) continue;
    const repo = new DisciplineExtRepository(deps.database.db, w.id);

    const record = async (
      caseId: string,
      subjectId: string,
      event: DisciplineEvent,
      periodKey: string,
      payload: Record<string, unknown>,
      also?: (tx: DisciplineExtRepository) => Promise<void>,
    ) => {
      const done = await inTransaction(deps, async (tx) => {
        const r = new DisciplineExtRepository(tx, w.id);
        if (!(await r.insertEvent({ id: newId(), caseId, subjectId, event, periodKey, at: nowIso })))
          return false;
        if (also) await also(r);
        await recordAudit(tx, ctx, {
          entityType: 'case',
          entityId: caseId,
          action: event.replace('.', '_'),
          changes: { discipline: { from: null, to: { event, ...payload } } },
        });
        await emit(tx, ctx, event, { caseId, ...payload });
        return true;
      });
      if (done) recorded.push({ workspaceId: w.id, caseId, subjectId, event });
    };

    const settings = await repo.settings();
    const horizon = new Date(now.getTime() + settings.checkpointLeadMinutes * 60_000).toISOString();
    for (const cp of await repo.checkpointsDueBefore(horizon)) {
      if (cp.missedAt) continue; // flagged already (a new date clears the flag)
      const payload = { checkpointId: cp.id, title: cp.title, dueAt: cp.dueAt };
      if (Date.parse(cp.dueAt) <= now.getTime())
        await record(cp.caseId, cp.id, 'checkpoint.missed', cp.dueAt, payload, (r) =>
          r.markMissed(cp.id, cp.dueAt, nowIso),
        );
      else await record(cp.caseId, cp.id, 'checkpoint.due_soon', cp.dueAt, payload);
    }

    const cases = new CasesRepository(deps.database.db, w.id);
    for (const caseId of await repo.scheduledCaseIds()) {
      const c = await cases.find(caseId);
      if (!c) continue;
      const s = await nextSummaryDue(deps.database.db, w.id, c);
      if (!s.nextDueAt || Date.parse(s.nextDueAt) > now.getTime()) continue;
      await record(c.id, c.id, 'summary.due', s.nextDueAt, {
        customerId: c.customerId,
        assigneeId: c.assigneeId,
        dueAt: s.nextDueAt,
        everyHours: s.everyHours,
      });
    }
  }
  return { recorded };
}

/** How often the server sweeps the discipline (main process only; tests call it with their own clock). */
export const DISCIPLINE_SWEEP_INTERVAL_MS = 60_000;
