import type { CaseDiscipline, CaseLink, Checkpoint, SummarySchedule } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import {
  addServiceMinutes,
  type CompiledCalendar,
  type ServiceCalendarSpec,
} from '../../platform/calendar/index.js';
import { compiledCalendar } from '../calendars/index.js';
import { calendarOf, SlaRepository } from '../sla/index.js';
import type { CaseRecord } from './cases.repository.js';
import { presentDiscipline } from './cases.presenter.js';
import { DisciplineRepository } from './discipline.repository.js';
import {
  DisciplineExtRepository,
  type CaseDisciplineState,
  type CheckpointRecord,
  type DisciplineSettingsRecord,
  type LinkedCaseRecord,
  type LinkRecord,
} from './discipline-ext.repository.js';

const ACTIVE = new Set(['new', 'open', 'pending', 'on_hold']);
const isDone = (status: string) => status === 'solved' || status === 'closed';

/** The calendar a case's summaries are counted in: its SLA calendar, else the workspace default, else 7×24. */
export async function summaryCalendar(
  db: Executor,
  workspaceId: string,
  caseId: string,
): Promise<CompiledCalendar | null> {
  const sla = await new SlaRepository(db, workspaceId).findCaseSla(caseId);
  if (sla) return calendarOf(workspaceId, sla);
  const def = await new DisciplineExtRepository(db, workspaceId).defaultCalendar();
  return def
    ? compiledCalendar(workspaceId, {
        id: def.id,
        version: def.version,
        spec: JSON.parse(def.spec) as ServiceCalendarSpec,
      })
    : null;
}

/** Every N service hours: the case's own setting, or the workspace default for S1 / S2 (others: none). */
export function scheduleHours(
  c: Pick<CaseRecord, 'severity'>,
  state: CaseDisciplineState | null,
  settings: DisciplineSettingsRecord,
): { everyHours: number | null; custom: boolean } {
  if (state?.summaryCustom) return { everyHours: state.summaryEveryHours, custom: true };
  const everyHours =
    c.severity === 'S1' ? settings.summaryHoursS1 : c.severity === 'S2' ? settings.summaryHoursS2 : null;
  return { everyHours, custom: false };
}

/**
 * When the next status summary is due: N service hours after the latest of the case's creation, its latest
 * summary and the moment its own schedule was set. Null while solved/closed or without a schedule.
 */
export async function nextSummaryDue(
  db: Executor,
  workspaceId: string,
  c: CaseRecord,
): Promise<{ everyHours: number | null; custom: boolean; nextDueAt: string | null }> {
  const repo = new DisciplineExtRepository(db, workspaceId);
  const state = await repo.state(c.id);
  const { everyHours, custom } = scheduleHours(c, state, await repo.settings());
  if (!everyHours || !ACTIVE.has(c.status)) return { everyHours, custom, nextDueAt: null };
  const anchors = [c.createdAt, await repo.latestSummaryAt(c.id), custom ? state?.summarySetAt : null]
    .filter((x): x is string => Boolean(x))
    .map((x) => Date.parse(x));
  const from = new Date(Math.max(...anchors));
  const cal = await summaryCalendar(db, workspaceId, c.id);
  const due = cal
    ? addServiceMinutes(cal, from, everyHours * 60)
    : new Date(from.getTime() + everyHours * 3_600_000);
  return { everyHours, custom, nextDueAt: due.toISOString() };
}

function presentLinkedCase(o: LinkedCaseRecord | undefined, contact: ContactPrincipal | null) {
  if (!o) return null;
  if (
    contact &&
    (o.customerId !== contact.customerId || (!contact.companyWide && o.contactId !== contact.contactId))
  )
    return null;
  return { id: o.id, number: o.number, subject: o.subject, status: o.status };
}

function presentLinks(
  links: { outgoing: LinkRecord[]; incoming: LinkRecord[] },
  cases: Map<string, LinkedCaseRecord>,
  contact: ContactPrincipal | null,
): CaseLink[] {
  const out: CaseLink[] = [];
  for (const l of links.outgoing) {
    const other = l.linkedCaseId ? cases.get(l.linkedCaseId) : undefined;
    const done = l.kind === 'separate' ? Boolean(other && isDone(other.status)) : Boolean(l.doneAt);
    out.push({
      id: l.id,
      kind: l.kind,
      direction: 'outgoing',
      title: l.title,
      note: l.note,
      linkedCase: presentLinkedCase(other, contact),
      done,
      doneAt: l.doneAt,
      doneBy: l.doneBy,
      createdBy: l.createdBy,
      createdAt: l.createdAt,
    });
  }
  for (const l of links.incoming) {
    const source = cases.get(l.caseId);
    const linkedCase = presentLinkedCase(source, contact);
    // The contact sees a link from another case only when that case is one of theirs.
    if (contact && !linkedCase) continue;
    out.push({
      id: l.id,
      kind: l.kind,
      direction: 'incoming',
      title: l.title,
      note: l.note,
      linkedCase,
      done: Boolean(l.doneAt),
      doneAt: l.doneAt,
      doneBy: l.doneBy,
      createdBy: l.createdBy,
      createdAt: l.createdAt,
    });
  }
  return out;
}

function presentCheckpoint(c: CheckpointRecord, staff: boolean): Checkpoint {
  return {
    id: c.id,
    title: c.title,
    note: c.note,
    dueAt: c.dueAt,
    doneAt: c.doneAt,
    doneBy: c.doneBy,
    acknowledgedAt: c.acknowledgedAt,
    acknowledgedBy: c.acknowledgedBy,
    missed: Boolean(c.missedAt) && !c.doneAt,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    ...(staff ? { version: c.version } : {}),
  };
}

/**
 * The whole discipline of a case for staff (contact null) or for a contact in the portal: the contact gets no
 * versions, no overdue flag, and only the linked cases that are their own.
 */
export async function loadDiscipline(
  db: Executor,
  ctx: ServiceContext,
  c: CaseRecord,
  contact: ContactPrincipal | null = null,
): Promise<CaseDiscipline> {
  const ws = ctx.workspace.id;
  const repo = new DisciplineExtRepository(db, ws);
  // Independent reads: on PostgreSQL they go out at once on pooled connections (in a transaction, in turn).
  const [loaded, links, state, sched, checkpoints] = await Promise.all([
    new DisciplineRepository(db, ws).load(c.id),
    repo.links(c.id),
    repo.state(c.id),
    nextSummaryDue(db, ws, c),
    repo.checkpoints(c.id),
  ]);
  const base = presentDiscipline(loaded);
  const stored = loaded.agreement;
  const cases = await repo.cases([
    ...links.outgoing.flatMap((l) => (l.linkedCaseId ? [l.linkedCaseId] : [])),
    ...links.incoming.map((l) => l.caseId),
  ]);
  const staff = contact === null;
  const summarySchedule: SummarySchedule | null = staff
    ? {
        ...sched,
        overdue: sched.nextDueAt !== null && Date.parse(sched.nextDueAt) <= ctx.clock.now().getTime(),
      }
    : sched.nextDueAt
      ? { everyHours: sched.everyHours, custom: sched.custom, nextDueAt: sched.nextDueAt }
      : null;
  return {
    ...base,
    agreement: base.agreement && {
      ...base.agreement,
      confirmedVia: stored?.confirmedVia ?? null,
      ...(staff ? { version: stored?.version ?? 1 } : {}),
    },
    ...(staff ? { planVersion: state?.planVersion ?? 0 } : {}),
    links: presentLinks(links, cases, contact),
    checkpoints: checkpoints.map((x) => presentCheckpoint(x, staff)),
    summarySchedule,
  };
}
