// Service clocks that can be paused (e.g. "waiting for the customer").
//
// A pause stops the clock from `from` to `to`; `to: null` means the pause is still running. Overlapping or
// touching pauses count once (they are merged first). Pause time only matters where it overlaps service
// hours: a pause over a night or a holiday changes nothing, and a pause can never shorten the remaining
// time, because it only ever removes service time from the count.

import { MINUTE_MS } from './tz.js';
import { instantOf, minutesToMs, type CompiledCalendar } from './calendar.js';

export interface Pause {
  from: Date;
  /** null: still paused. */
  to: Date | null;
}

/**
 * Pauses as sorted, merged [from, to) instant pairs clipped to [lo, hi]; a running pause ends at `openEnd`.
 * Empty or reversed pauses are dropped.
 */
function mergePauses(
  pauses: readonly Pause[],
  lo: number,
  hi: number,
  openEnd: number,
): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const p of pauses) {
    const a = Math.max(lo, instantOf(p.from));
    const b = Math.min(hi, p.to === null ? openEnd : instantOf(p.to));
    if (b > a) spans.push([a, b]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push(s);
  }
  return merged;
}

function elapsedMs(cal: CompiledCalendar, start: number, now: number, pauses: readonly Pause[]): number {
  if (now <= start) return 0;
  let ms = cal.msBetween(start, now);
  for (const [a, b] of mergePauses(pauses, start, now, now)) ms -= cal.msBetween(a, b);
  return ms;
}

/**
 * Service minutes elapsed in [start, now), not counting paused spans. A running pause counts as paused
 * until `now`.
 */
export function elapsedServiceMinutes(
  cal: CompiledCalendar,
  start: Date,
  now: Date,
  pauses: readonly Pause[],
): number {
  return elapsedMs(cal, instantOf(start), instantOf(now), pauses) / MINUTE_MS;
}

/**
 * The instant at which `targetMinutes` of unpaused service time have elapsed since `start`, or null while
 * the clock is stopped: a running pause (`to: null`) that began at or before `now` means nobody knows yet
 * when it will resume. A running pause starting after `now` has not happened yet and is ignored. Closed
 * pauses count as recorded, including any part after `now` (a planned resume).
 *
 * Without pauses this equals addServiceMinutes(cal, start, targetMinutes); pauses only move it later.
 */
export function deadlineWithPauses(
  cal: CompiledCalendar,
  start: Date,
  targetMinutes: number,
  pauses: readonly Pause[],
  now: Date,
): Date | null {
  const t0 = instantOf(start);
  const nowT = instantOf(now);
  let remaining = minutesToMs(targetMinutes);
  const closed: Pause[] = [];
  for (const p of pauses) {
    if (p.to !== null) closed.push(p);
    else if (instantOf(p.from) <= nowT) return null;
  }
  // Walk the unpaused stretches [cursor, pause.from) in order, spending the remaining time.
  let cursor = t0;
  for (const [from, to] of mergePauses(closed, t0, Infinity, Infinity)) {
    if (remaining > 0) {
      const available = cal.msBetween(cursor, from);
      // Enough time before this pause: the deadline falls in this stretch (at the latest at its end).
      if (available >= remaining) return new Date(cal.addMs(cursor, remaining));
      remaining -= available;
    } else {
      // Target 0: the first open instant that is not paused.
      const open = cal.addMs(cursor, 0);
      if (open < from) return new Date(open);
    }
    cursor = Math.max(cursor, to);
  }
  return new Date(cal.addMs(cursor, remaining));
}

export interface ServiceClock {
  /** Unpaused service minutes elapsed since start, at `now`. */
  elapsedMinutes: number;
  /** targetMinutes - elapsedMinutes, never below 0. */
  remainingMinutes: number;
  /** A pause is running at `now`. */
  paused: boolean;
  /** See deadlineWithPauses; null while paused. */
  deadline: Date | null;
  /** The target is used up at `now`. */
  breached: boolean;
}

/** Everything a ticket view needs about an SLA clock at `now`. */
export function serviceClock(
  cal: CompiledCalendar,
  start: Date,
  targetMinutes: number,
  pauses: readonly Pause[],
  now: Date,
): ServiceClock {
  const target = minutesToMs(targetMinutes);
  const elapsed = elapsedMs(cal, instantOf(start), instantOf(now), pauses);
  const deadline = deadlineWithPauses(cal, start, targetMinutes, pauses, now);
  return {
    elapsedMinutes: elapsed / MINUTE_MS,
    remainingMinutes: Math.max(0, target - elapsed) / MINUTE_MS,
    paused: deadline === null,
    deadline,
    breached: target > 0 ? elapsed >= target : deadline !== null && deadline.getTime() <= instantOf(now),
  };
}
