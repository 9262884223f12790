import type {
  CaseSeverity,
  CaseSla,
  CaseStatus,
  CaseType,
  Commitment,
  CustomerTier,
  Locale,
} from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import {
  deadlineWithPauses,
  elapsedServiceMinutes,
  isOpen,
  serviceMinutesBetween,
  type CompiledCalendar,
  type Pause,
} from '../../platform/calendar/index.js';
import { compiledCalendar, publishedHours } from '../calendars/index.js';
import type { CaseRecord } from '../cases/index.js';
import { loadServiceSettings } from '../service-settings/index.js';
import { todayIn } from '../assets/index.js';
import { SlaLevelsRepository } from './sla.levels.repository.js';
import { DEFAULT_WARN_AT } from './defaults.js';
import {
  eventKey,
  SlaRepository,
  type CaseSlaRecord,
  type CaseSlaView,
  type PolicyRecord,
} from './sla.repository.js';

export type TargetKind = 'first_response' | 'next_response' | 'resolution' | 'acknowledgement';

/** Statuses that stop every SLA clock: waiting for the customer, on hold, and solved (until reopened). */
const PAUSED: CaseStatus[] = ['pending', 'on_hold', 'solved', 'closed'];
export const isPausedStatus = (s: CaseStatus): boolean => PAUSED.includes(s);

export interface CaseFacts {
  tier: CustomerTier | undefined;
  type: CaseType;
  severity: CaseSeverity;
  customerId: string;
  /** The edition of the case's asset, else of its contract (service contracts). */
  editionId?: string | null | undefined;
  contractId?: string | null | undefined;
  /** Whether the case's contract is in force today. */
  hasActiveContract?: boolean | undefined;
}

/** The first active policy (by position) whose conditions all match; an absent or empty list matches all. */
export function selectPolicy(policies: PolicyRecord[], c: CaseFacts): PolicyRecord | undefined {
  const ok = <T>(list: T[] | undefined, v: T | undefined) =>
    !list || list.length === 0 || (v !== undefined && list.includes(v));
  return policies
    .filter((p) => p.active)
    .sort((a, b) => a.position - b.position)
    .find(
      (p) =>
        ok(p.conditions.tiers, c.tier) &&
        ok(p.conditions.types, c.type) &&
        ok(p.conditions.severities, c.severity) &&
        ok(p.conditions.customerIds, c.customerId) &&
        ok(p.conditions.editionIds, c.editionId ?? undefined) &&
        ok(p.conditions.contractIds, c.contractId ?? undefined) &&
        (p.conditions.hasActiveContract === undefined ||
          p.conditions.hasActiveContract === Boolean(c.hasActiveContract)),
    );
}

const ms = (iso: string) => Date.parse(iso);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One running-or-met target of a case, with the instant its clock started. */
export interface TargetClock {
  kind: TargetKind;
  start: string;
  minutes: number;
  dueAt: string | null;
  metAt: string | null;
  /** Counted in wall-clock time, not service time (the complaint acknowledgement). */
  wallClock?: boolean;
}

export function targetsOf(s: CaseSlaRecord, createdAt: string): TargetClock[] {
  const out: TargetClock[] = [
    {
      kind: 'first_response',
      start: createdAt,
      minutes: s.targets.firstResponse,
      dueAt: s.firstResponseDueAt,
      metAt: s.firstResponseMetAt,
    },
  ];
  if (s.nextResponseStartAt)
    out.push({
      kind: 'next_response',
      start: s.nextResponseStartAt,
      minutes: s.targets.nextResponse,
      dueAt: s.nextResponseDueAt,
      metAt: s.nextResponseMetAt,
    });
  out.push({
    kind: 'resolution',
    start: createdAt,
    minutes: s.targets.resolution,
    dueAt: s.resolutionDueAt,
    metAt: s.resolutionMetAt,
  });
  if (s.acknowledgementMinutes !== null)
    out.push({
      kind: 'acknowledgement',
      start: createdAt,
      minutes: s.acknowledgementMinutes,
      dueAt: s.acknowledgementDueAt,
      metAt: s.acknowledgementMetAt,
      wallClock: true,
    });
  return out;
}

/**
 * Share of a target's service time used at `at`: the target minus the service time left until the due
 * instant (which already includes the pauses), over the target; beyond the due instant it grows past 1.
 */
export function usedAt(cal: CompiledCalendar, t: TargetClock, at: Date): number {
  if (!t.dueAt) return 0;
  const due = new Date(t.dueAt);
  if (t.wallClock) return (at.getTime() - ms(t.start)) / (due.getTime() - ms(t.start));
  if (at.getTime() >= due.getTime()) return 1 + serviceMinutesBetween(cal, due, at) / t.minutes;
  return (t.minutes - serviceMinutesBetween(cal, at, due)) / t.minutes;
}

/** The nearest due instant among running targets; null while paused or when all are met. */
function nextDeadline(s: CaseSlaRecord, createdAt: string, paused: boolean): string | null {
  if (paused) return null;
  const dues = targetsOf(s, createdAt)
    .filter((t) => !t.metAt && t.dueAt)
    .map((t) => t.dueAt as string)
    .sort((a, b) => ms(a) - ms(b));
  return dues[0] ?? null;
}

/**
 * Brings a case's SLA in line with a write the cases service just made (inside its transaction), and
 * returns the case's next deadline for it to store. `before` is null for a new case.
 *
 * - A new case, or a change of severity or type, (re)selects the policy and recomputes every target from
 *   the case's creation (met stamps are kept).
 * - pending / on_hold / solved / closed stop the clocks: a pause is recorded with its reason; when the case
 *   moves on, the pause is closed and the due instants are recomputed with deadlineWithPauses, so they move
 *   later by exactly the paused service time (a pause over closed hours moves nothing).
 * - The first public agent reply meets first response. A customer reply after the last agent reply starts
 *   next response (due = that reply + nextResponse minutes; further customer messages do not move it), the
 *   next public agent reply meets it. Solving meets resolution; reopening clears that again.
 */
export async function applyCaseSla(
  tx: Executor,
  ctx: ServiceContext,
  before: CaseRecord | null,
  after: CaseRecord,
  options: { reselect?: boolean } = {},
): Promise<string | null> {
  const repo = new SlaRepository(tx, ctx.workspace.id);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  await repo.setNextEvent(after.id, null, nowIso);
  const existing = before ? await repo.findCaseSla(after.id) : undefined;
  let row: CaseSlaRecord | undefined = existing;

  const reselect =
    !before ||
    before.severity !== after.severity ||
    before.type !== after.type ||
    before.contractId !== after.contractId ||
    before.assetId !== after.assetId ||
    options.reselect;
  if (reselect) {
    const chosen = await choosePolicy(tx, ctx, after, now);
    if (!chosen) {
      if (row) await repo.deleteCaseSla(after.id);
      return null;
    }
    row = row ? { ...row, ...chosen } : freshSlaRow(after.id, chosen);
  }
  if (!row) return null;
  const calRow =
    existing && existing.calendarId === row.calendarId
      ? { id: existing.calendarId, version: existing.calendarVersion, spec: existing.calendarSpec }
      : await calendarRow(tx, ctx.workspace.id, row.calendarId);
  const cal = compiledCalendar(ctx.workspace.id, calRow);

  // Pauses.
  const wasPaused = before ? isPausedStatus(before.status) : false;
  const paused = isPausedStatus(after.status);
  if (wasPaused && (!paused || before?.status !== after.status)) await repo.closePauses(after.id, nowIso);
  if (paused && (!wasPaused || before?.status !== after.status))
    await repo.insertPause(newId(), after.id, nowIso, after.pauseReason ?? after.status);
  const pauses = await repo.pauses(after.id);
  const open = pauses.find((p) => p.to === null);
  row.pausedSince = paused ? (open?.from ?? nowIso) : null;

  // Met targets and the next-response cycle.
  if (!row.firstResponseMetAt && after.lastAgentReplyAt) row.firstResponseMetAt = after.lastAgentReplyAt;
  const customerReplied =
    after.lastCustomerReplyAt !== null &&
    after.lastCustomerReplyAt !== (before?.lastCustomerReplyAt ?? null) &&
    (!after.lastAgentReplyAt || ms(after.lastCustomerReplyAt) > ms(after.lastAgentReplyAt));
  const nextRunning = row.nextResponseStartAt !== null && row.nextResponseMetAt === null;
  if (customerReplied && row.firstResponseMetAt && !nextRunning) {
    row.nextResponseStartAt = after.lastCustomerReplyAt;
    row.nextResponseMetAt = null;
  } else if (
    nextRunning &&
    after.lastAgentReplyAt &&
    after.lastAgentReplyAt !== (before?.lastAgentReplyAt ?? null) &&
    ms(after.lastAgentReplyAt) >= ms(row.nextResponseStartAt as string)
  ) {
    row.nextResponseMetAt = after.lastAgentReplyAt;
  }
  row.resolutionMetAt = after.solvedAt;
  // The complaint acknowledgement: wall-clock time from the creation, met by the first public agent reply
  // (or by solving); pauses do not move it.
  if (row.acknowledgementMinutes !== null) {
    row.acknowledgementDueAt = new Date(
      ms(after.createdAt) + row.acknowledgementMinutes * 60_000,
    ).toISOString();
    row.acknowledgementMetAt = row.acknowledgementMetAt ?? after.lastAgentReplyAt ?? after.solvedAt;
  }

  // Due instants: from each clock's start, over the calendar, pushed out by the closed pauses.
  const closed: Pause[] = pauses
    .filter((p) => p.to !== null)
    .map((p) => ({ from: new Date(p.from), to: new Date(p.to as string) }));
  const due = (start: string, minutes: number) =>
    iso(deadlineWithPauses(cal, new Date(start), minutes, closed, now));
  const created = new Date(after.createdAt);
  if (!row.firstResponseMetAt || !row.firstResponseDueAt)
    row.firstResponseDueAt = due(after.createdAt, row.targets.firstResponse);
  if (row.nextResponseStartAt && !row.nextResponseMetAt)
    row.nextResponseDueAt = due(row.nextResponseStartAt, row.targets.nextResponse);
  if (!row.resolutionMetAt) row.resolutionDueAt = due(after.createdAt, row.targets.resolution);
  const all: Pause[] = pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
  row.pausedMinutes =
    serviceMinutesBetween(cal, created, now) - elapsedServiceMinutes(cal, created, now, all);

  await repo.saveCaseSla(row, nowIso);
  await repo.setNextEvent(
    after.id,
    paused ? null : nextEventAt(cal, row, after.createdAt, await repo.recordedEvents(after.id)),
    nowIso,
  );
  return nextDeadline(row, after.createdAt, paused);
}

/** The sweep's event names for the two warning thresholds and the breach. */
export const THRESHOLD_EVENTS = ['warning_75', 'warning_90', 'breached'] as const;

/** What the policy selection decides for a case: the policy, its calendar, targets and warnings. */
type ChosenPolicy = Pick<
  CaseSlaRecord,
  'policyId' | 'calendarId' | 'targets' | 'warnAt' | 'acknowledgementMinutes'
> &
  Partial<Pick<CaseSlaRecord, 'acknowledgementDueAt' | 'acknowledgementMetAt'>>;

/**
 * Selects the case's policy (its contract's conditions and calendar, the customer's tier, type and severity).
 * `tier` may be passed by a caller that has read the customer already (case creation).
 */
async function choosePolicy(
  tx: Executor,
  ctx: ServiceContext,
  after: CaseRecord,
  now: Date,
  known: { tier?: CustomerTier | undefined } = {},
): Promise<ChosenPolicy | null> {
  const repo = new SlaRepository(tx, ctx.workspace.id);
  // The case's service contract: conditions (edition, contract) and its calendar, which overrides the policy's.
  const coverage = await new SlaLevelsRepository(tx, ctx.workspace.id).coverage(
    after.contractId,
    after.assetId,
    todayIn(now, ctx.workspace.timezone),
  );
  const policy = selectPolicy(await repo.listPolicies({ activeOnly: true }), {
    tier: 'tier' in known ? known.tier : await repo.customerTier(after.customerId),
    type: after.type,
    severity: after.severity,
    customerId: after.customerId,
    ...coverage,
  });
  if (!policy) return null;
  const ackMinutes =
    after.type === 'complaint'
      ? (await loadServiceSettings(tx, ctx.workspace.id)).complaints.acknowledgementHours * 60
      : null;
  return {
    policyId: policy.id,
    calendarId: coverage.calendarId ?? policy.calendarId,
    targets: policy.targets[after.severity],
    warnAt: policy.warnAt.length ? policy.warnAt : DEFAULT_WARN_AT,
    acknowledgementMinutes: ackMinutes,
    ...(ackMinutes === null ? { acknowledgementDueAt: null, acknowledgementMetAt: null } : {}),
  };
}

function freshSlaRow(caseId: string, chosen: ChosenPolicy): CaseSlaRecord {
  return {
    caseId,
    firstResponseDueAt: null,
    firstResponseMetAt: null,
    nextResponseStartAt: null,
    nextResponseDueAt: null,
    nextResponseMetAt: null,
    resolutionDueAt: null,
    resolutionMetAt: null,
    pausedSince: null,
    pausedMinutes: 0,
    escalationLevel: 0,
    acknowledgementDueAt: null,
    acknowledgementMetAt: null,
    ...chosen,
  };
}

/** The SLA of a case about to be inserted: its targets row, next SLA event and next deadline. */
export interface NewCaseSla {
  row: CaseSlaRecord | null;
  nextEventAt: string | null;
  nextDeadlineAt: string | null;
}

/**
 * The SLA of a new case, computed BEFORE the case row is written (case creation inserts the case with its
 * deadline, then the targets with saveNewCaseSla): the same rules as applyCaseSla with `before` null, without
 * re-reading what a new case cannot have (pauses, recorded events, a previous targets row). A new case is not
 * paused (status new).
 */
export async function newCaseSla(
  tx: Executor,
  ctx: ServiceContext,
  after: CaseRecord,
  known: { tier?: CustomerTier | undefined } = {},
): Promise<NewCaseSla> {
  if (isPausedStatus(after.status)) throw new Error('a new case is never paused');
  const now = ctx.clock.now();
  const chosen = await choosePolicy(tx, ctx, after, now, known);
  if (!chosen) return { row: null, nextEventAt: null, nextDeadlineAt: null };
  const row = freshSlaRow(after.id, chosen);
  const cal = compiledCalendar(ctx.workspace.id, await calendarRow(tx, ctx.workspace.id, row.calendarId));
  if (after.lastAgentReplyAt) row.firstResponseMetAt = after.lastAgentReplyAt;
  row.resolutionMetAt = after.solvedAt;
  if (row.acknowledgementMinutes !== null) {
    row.acknowledgementDueAt = new Date(
      ms(after.createdAt) + row.acknowledgementMinutes * 60_000,
    ).toISOString();
    row.acknowledgementMetAt = after.lastAgentReplyAt ?? after.solvedAt;
  }
  const due = (start: string, minutes: number) =>
    iso(deadlineWithPauses(cal, new Date(start), minutes, [], now));
  row.firstResponseDueAt = due(after.createdAt, row.targets.firstResponse);
  if (!row.resolutionMetAt) row.resolutionDueAt = due(after.createdAt, row.targets.resolution);
  const created = new Date(after.createdAt);
  row.pausedMinutes = serviceMinutesBetween(cal, created, now) - elapsedServiceMinutes(cal, created, now, []);
  return {
    row,
    nextEventAt: nextEventAt(cal, row, after.createdAt, new Set()),
    nextDeadlineAt: nextDeadline(row, after.createdAt, false),
  };
}

/** Writes the targets of a new case (after its row; see newCaseSla). */
export async function saveNewCaseSla(tx: Executor, ctx: ServiceContext, sla: NewCaseSla): Promise<void> {
  if (sla.row)
    await new SlaRepository(tx, ctx.workspace.id).insertCaseSla(sla.row, ctx.clock.now().toISOString());
}

/** The thresholds (shares of a target) the sweep records: the policy's two warnings and 1 (the breach). */
export function thresholdsOf(warnAt: number[]): Array<[(typeof THRESHOLD_EVENTS)[number], number]> {
  const [w1 = DEFAULT_WARN_AT[0] ?? 0.75, w2 = DEFAULT_WARN_AT[1] ?? 0.9] = warnAt;
  return [
    ['warning_75', w1],
    ['warning_90', w2],
    ['breached', 1],
  ];
}

/**
 * The first instant at which usedAt(t) reaches `share` (the sweep's own test, so both agree to the
 * millisecond): a binary search over [start, due], where usedAt only grows.
 */
export function crossingInstant(cal: CompiledCalendar, t: TargetClock, share: number): number | null {
  if (!t.dueAt) return null;
  const due = ms(t.dueAt);
  if (share >= 1) return due;
  let lo = Math.min(ms(t.start), due);
  let hi = due;
  if (usedAt(cal, t, new Date(lo)) >= share) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (usedAt(cal, t, new Date(mid)) >= share) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The nearest warning or breach instant of the running targets that the sweep has not recorded yet; null when
 * there is none. Stored on the case (cases.next_sla_event_at) so the sweep reads only due cases.
 */
export function nextEventAt(
  cal: CompiledCalendar,
  s: CaseSlaRecord,
  createdAt: string,
  recorded: Set<string>,
): string | null {
  let best: number | null = null;
  for (const t of targetsOf(s, createdAt)) {
    if (t.metAt || !t.dueAt) continue;
    for (const [event, share] of thresholdsOf(s.warnAt)) {
      if (recorded.has(eventKey(t.kind, t.start, event))) continue;
      const at = crossingInstant(cal, t, share);
      if (at !== null && (best === null || at < best)) best = at;
    }
  }
  return best === null ? null : new Date(best).toISOString();
}

/** Recomputes and stores a case's next SLA event (the sweep, after recording what was due). */
export async function refreshNextEvent(
  tx: Executor,
  workspaceId: string,
  caseId: string,
  createdAt: string,
  now: string,
): Promise<void> {
  const repo = new SlaRepository(tx, workspaceId);
  const s = await repo.findCaseSla(caseId);
  if (!s) return;
  const next = s.pausedSince
    ? null
    : nextEventAt(calendarOf(workspaceId, s), s, createdAt, await repo.recordedEvents(caseId));
  await repo.setNextEvent(caseId, next, now);
}

async function calendarRow(tx: Executor, workspaceId: string, id: string) {
  const r = await tx
    .selectFrom('service_calendars')
    .select(['id', 'version', 'spec'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { id: r.id, version: r.version, spec: JSON.parse(r.spec) as CompiledSpec };
}
type CompiledSpec = CaseSlaView['calendarSpec'];

const RANK = { met: 0, ok: 1, paused: 2, warning: 3, breached: 4 } as const;
type State = keyof typeof RANK;

export function calendarOf(workspaceId: string, v: CaseSlaView): CompiledCalendar {
  return compiledCalendar(workspaceId, {
    id: v.calendarId,
    version: v.calendarVersion,
    spec: v.calendarSpec,
  });
}

/** A case's SLA as staff see it at `now`. */
export function presentCaseSla(workspaceId: string, v: CaseSlaView, c: CaseRecord, now: Date): CaseSla {
  const cal = calendarOf(workspaceId, v);
  const paused = isPausedStatus(c.status);
  // While paused the clock stands where the pause began.
  const at = paused && v.pausedSince ? new Date(v.pausedSince) : now;
  const warn = v.warnAt[0] ?? DEFAULT_WARN_AT[0] ?? 0.75;
  const targets = targetsOf(v, c.createdAt).map((t) => {
    const used = usedAt(cal, t, t.metAt ? new Date(t.metAt) : at);
    const state: State = t.metAt
      ? 'met'
      : paused
        ? 'paused'
        : used >= 1
          ? 'breached'
          : used >= warn
            ? 'warning'
            : 'ok';
    return { kind: t.kind, dueAt: t.dueAt, metAt: t.metAt, state, used: Math.round(used * 1000) / 1000 };
  });
  const running = targets.filter((t) => t.state !== 'met');
  const state = running.reduce<State>(
    (w, t) => (RANK[t.state] > RANK[w] ? t.state : w),
    running.length ? 'ok' : 'met',
  );
  return {
    policyId: v.policyId,
    policyName: v.policyName,
    calendarName: v.calendarName,
    targets,
    state,
    pausedSince: paused ? v.pausedSince : null,
  };
}

/** What the customer is promised, in plain words. */
export function presentCommitment(
  workspaceId: string,
  v: CaseSlaView,
  c: CaseRecord,
  now: Date,
  locale: Locale,
): Commitment {
  const cal = calendarOf(workspaceId, v);
  const paused = isPausedStatus(c.status);
  const answerBy = paused
    ? null
    : !v.firstResponseMetAt
      ? v.firstResponseDueAt
      : v.nextResponseStartAt && !v.nextResponseMetAt
        ? v.nextResponseDueAt
        : null;
  return {
    answerBy,
    resolveBy: paused || v.resolutionMetAt ? null : v.resolutionDueAt,
    openNow: isOpen(cal, now),
    hours: publishedHours(v.calendarSpec, locale),
    timeZone: v.calendarSpec.timeZone ?? 'Asia/Shanghai',
  };
}

/** SLA of many cases at once (a queue page), by case id. */
export async function caseSlas(
  db: Executor,
  ctx: ServiceContext,
  cases: CaseRecord[],
): Promise<Map<string, CaseSla>> {
  const rows = await new SlaRepository(db, ctx.workspace.id).caseSlas(cases.map((c) => c.id));
  const byId = new Map(cases.map((c) => [c.id, c]));
  const now = ctx.clock.now();
  const out = new Map<string, CaseSla>();
  for (const r of rows) {
    const c = byId.get(r.caseId);
    if (c) out.set(r.caseId, presentCaseSla(ctx.workspace.id, r, c, now));
  }
  return out;
}

/** Commitments of many cases at once (the portal), by case id. */
export async function caseCommitments(
  db: Executor,
  ctx: ServiceContext,
  cases: CaseRecord[],
): Promise<Map<string, Commitment>> {
  const rows = await new SlaRepository(db, ctx.workspace.id).caseSlas(cases.map((c) => c.id));
  const byId = new Map(cases.map((c) => [c.id, c]));
  const now = ctx.clock.now();
  const out = new Map<string, Commitment>();
  for (const r of rows) {
    const c = byId.get(r.caseId);
    if (c) out.set(r.caseId, presentCommitment(ctx.workspace.id, r, c, now, ctx.locale));
  }
  return out;
}
