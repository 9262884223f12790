import type { Deps } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { systemContext } from '../../platform/system-context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { calendarOf, refreshNextEvent, targetsOf, thresholdsOf, usedAt } from './sla.engine.js';
import { SlaRepository } from './sla.repository.js';
import { backfillCaseSla, bumpPriorityOnBreach } from './sla.levels.js';

/** How many due cases the sweep reads at a time. */
export const SWEEP_BATCH = 100;

export type SlaEvent = 'warning_75' | 'warning_90' | 'breached';

export interface SweepResult {
  /** Transitions recorded by this run (a transition another run recorded first is not counted). */
  recorded: Array<{ workspaceId: string; caseId: string; kind: string; event: SlaEvent }>;
}

/**
 * Finds running SLA targets that have crossed a warning threshold (warnAt, default 75 % and 90 % of the
 * target's service time) or their due instant, and records each transition once per target cycle in
 * sla_events. The unique key (workspace, case, kind, cycle start, event) makes it idempotent and safe with
 * several processes: only the run whose insert wins writes the audit entry and the outbox event
 * (sla.warning / sla.breached). A breach raises the case's escalation level (1: the lead of the case's team,
 * or without one the assignee's department leads; 2: the workspace's managers) and names those users in the event; notifying them comes later.
 * Workspaces with the helpdesk module off are skipped; `workspaceIds` limits the run (tests).
 *
 * Only due cases are read: cases.next_sla_event_at (the nearest unrecorded warning or breach instant, kept by
 * the engine) <= now, through ix_cases_next_sla_event, in batches of SWEEP_BATCH; after a case's transitions
 * are recorded its next event moves on. A response or resolution breach also raises the case's priority one
 * level, once per target. Cases that never had their SLA applied (opened before 0004) are backfilled first.
 */
export async function runSlaSweep(
  deps: Deps,
  now: Date,
  options: { workspaceIds?: string[] } = {},
): Promise<SweepResult> {
  const recorded: SweepResult['recorded'] = [];
  let q = deps.database.db
    .selectFrom('workspaces')
    .select(['id', 'slug', 'name', 'timezone', 'default_locale', 'modules']);
  if (options.workspaceIds) q = q.where('id', 'in', options.workspaceIds);
  const workspaces = options.workspaceIds?.length === 0 ? [] : await q.execute();
  for (const w of workspaces) {
    const ctx = systemContext({ ...deps, clock: { now: () => now } }, w, 'sla-sweep');
    if (ctx.workspace.modules.helpdesk === false) continue;
    await backfillCaseSla(deps, ctx);
    let after: { at: string; caseId: string } | null = null;
    for (;;) {
      const running = await new SlaRepository(deps.database.db, w.id).dueCaseSlas(
        now.toISOString(),
        SWEEP_BATCH,
        after,
      );
      const last = running[running.length - 1];
      after = last ? { at: last.nextEventAt, caseId: last.caseId } : null;
      for (const s of running) {
        const cal = calendarOf(w.id, s);
        const createdAt = s.createdAt;
        for (const t of targetsOf(s, createdAt)) {
          if (t.metAt || !t.dueAt) continue;
          const used = usedAt(cal, t, now);
          const crossed: SlaEvent[] = thresholdsOf(s.warnAt)
            .filter(([, share]) => used >= share)
            .map(([event]) => event);
          for (const event of crossed) {
            const done = await inTransaction(deps, async (tx) => {
              const repo = new SlaRepository(tx, w.id);
              let level: number | null = null;
              let escalateTo: string[] = [];
              if (event === 'breached') {
                const current = (await repo.findCaseSla(s.caseId))?.escalationLevel ?? 0;
                level = Math.min(2, current + 1);
                escalateTo =
                  level === 1 ? await firstRung(repo, s.caseId, s.assigneeId) : await repo.managers();
              }
              const inserted = await repo.insertEvent({
                id: newId(),
                caseId: s.caseId,
                kind: t.kind,
                startedAt: t.start,
                event,
                at: now.toISOString(),
                escalationLevel: level,
              });
              if (!inserted) return false;
              if (level !== null) await repo.setEscalationLevel(s.caseId, level);
              const payload = {
                caseId: s.caseId,
                kind: t.kind,
                event,
                dueAt: t.dueAt,
                used: Math.round(used * 1000) / 1000,
                ...(level !== null ? { escalationLevel: level, escalateTo } : {}),
              };
              await recordAudit(tx, ctx, {
                entityType: 'case',
                entityId: s.caseId,
                action: event === 'breached' ? 'sla_breached' : 'sla_warning',
                changes: { sla: { from: null, to: payload } },
              });
              await emit(tx, ctx, event === 'breached' ? 'sla.breached' : 'sla.warning', payload);
              if (event === 'breached') await bumpPriorityOnBreach(tx, ctx, s.caseId, t.kind, createdAt);
              return true;
            });
            if (done) recorded.push({ workspaceId: w.id, caseId: s.caseId, kind: t.kind, event });
          }
        }
        await refreshNextEvent(deps.database.db, w.id, s.caseId, createdAt, now.toISOString());
      }
      if (running.length < SWEEP_BATCH) break;
    }
  }
  return { recorded };
}

/** How often the server sweeps (main process only; tests call runSlaSweep with their own clock). */
export const SLA_SWEEP_INTERVAL_MS = 30_000;

/** The first rung of the escalation ladder: the case's team lead, else the assignee's department leads. */
async function firstRung(repo: SlaRepository, caseId: string, assigneeId: string | null): Promise<string[]> {
  const teamLead = await repo.teamLeadOf(caseId, assigneeId);
  if (teamLead) return [teamLead];
  return assigneeId ? repo.departmentLeadsOf(assigneeId) : [];
}
