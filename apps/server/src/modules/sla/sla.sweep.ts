import type { Locale, ModuleKey } from '@aftercare/contracts';
import type { Deps, ServiceContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { DEFAULT_WARN_AT } from './defaults.js';
import { calendarOf, targetsOf, usedAt } from './sla.engine.js';
import { SlaRepository } from './sla.repository.js';

export type SlaEvent = 'warning_75' | 'warning_90' | 'breached';

export interface SweepResult {
  /** Transitions recorded by this run (a transition another run recorded first is not counted). */
  recorded: Array<{ workspaceId: string; caseId: string; kind: string; event: SlaEvent }>;
}

function systemContext(deps: Deps, w: WorkspaceRowLite): ServiceContext {
  return {
    ...deps,
    workspace: {
      id: w.id,
      slug: w.slug,
      name: w.name,
      timezone: w.timezone,
      defaultLocale: w.default_locale as Locale,
      modules: JSON.parse(w.modules) as Record<ModuleKey, boolean>,
    },
    actor: { type: 'system', id: null, name: null },
    principal: null,
    requestId: `sla-sweep-${newId()}`,
    locale: w.default_locale as Locale,
  };
}

interface WorkspaceRowLite {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  default_locale: string;
  modules: string;
}

/**
 * Finds running SLA targets that have crossed a warning threshold (warnAt, default 75 % and 90 % of the
 * target's service time) or their due instant, and records each transition once per target cycle in
 * sla_events. The unique key (workspace, case, kind, cycle start, event) makes it idempotent and safe with
 * several processes: only the run whose insert wins writes the audit entry and the outbox event
 * (sla.warning / sla.breached). A breach raises the case's escalation level (1: the assignee's department
 * leads, 2: the workspace's managers) and names those users in the event; notifying them comes later.
 * Workspaces with the helpdesk module off are skipped; `workspaceIds` limits the run (tests).
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
    const ctx = systemContext({ ...deps, clock: { now: () => now } }, w);
    if (ctx.workspace.modules.helpdesk === false) continue;
    const running = await new SlaRepository(deps.database.db, w.id).runningCaseSlas();
    for (const s of running) {
      const cal = calendarOf(w.id, s);
      const createdAt = await caseCreatedAt(deps, w.id, s.caseId);
      if (!createdAt) continue;
      const [w1 = DEFAULT_WARN_AT[0] ?? 0.75, w2 = DEFAULT_WARN_AT[1] ?? 0.9] = s.warnAt;
      for (const t of targetsOf(s, createdAt)) {
        if (t.metAt || !t.dueAt) continue;
        const used = usedAt(cal, t, now);
        const crossed: SlaEvent[] = [];
        if (used >= w1) crossed.push('warning_75');
        if (used >= w2) crossed.push('warning_90');
        if (used >= 1) crossed.push('breached');
        for (const event of crossed) {
          const done = await inTransaction(deps, async (tx) => {
            const repo = new SlaRepository(tx, w.id);
            let level: number | null = null;
            let escalateTo: string[] = [];
            if (event === 'breached') {
              const current = (await repo.findCaseSla(s.caseId))?.escalationLevel ?? 0;
              level = Math.min(2, current + 1);
              escalateTo =
                level === 1
                  ? s.assigneeId
                    ? await repo.departmentLeadsOf(s.assigneeId)
                    : []
                  : await repo.managers();
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
            return true;
          });
          if (done) recorded.push({ workspaceId: w.id, caseId: s.caseId, kind: t.kind, event });
        }
      }
    }
  }
  return { recorded };
}

async function caseCreatedAt(deps: Deps, workspaceId: string, caseId: string): Promise<string | undefined> {
  const r = await deps.database.db
    .selectFrom('cases')
    .select('created_at')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  return r?.created_at;
}

/** How often the server sweeps (main process only; tests call runSlaSweep with their own clock). */
export const SLA_SWEEP_INTERVAL_MS = 30_000;
