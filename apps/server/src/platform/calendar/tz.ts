// Time-zone arithmetic for the service calendar.
//
// Everything here works on two kinds of numbers:
// - instants: milliseconds since the Unix epoch (UTC), like Date#getTime();
// - "wall" values: a local date-time encoded as if it were UTC, i.e. Date.UTC(y, m - 1, d, h, mi).
//   The wall value of an instant t is t + offset(t).
// Local dates are handled as "day numbers": days since 1970-01-01 on the proleptic Gregorian calendar,
// so that day n starts at wall value n * DAY_MS.
//
// Offsets come from Intl.DateTimeFormat (the ICU time-zone database shipped with Node). Calling Intl
// costs microseconds, so each local day is analysed once per time zone and cached (`TimeZoneDays`); the
// hot paths of the engine then only do arithmetic and Map look-ups.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------------
// Civil dates <-> day numbers

/** Day number (days since 1970-01-01) of a civil date; month is 1-12. Out-of-range days roll over. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0-99 as they are
  return Math.floor(d.getTime() / DAY_MS);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into a day number, or undefined if it is not a real calendar date. */
export function parseLocalDate(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const n = dayNumberOf(y, mo, d);
  // Rejects 2026-02-30 and friends: the day must not have rolled over into the next month.
  return formatDayNumber(n) === text ? n : undefined;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** 'YYYY-MM-DD' of a day number. */
export function formatDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Weekday of a day number, 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** 'HH:MM' of a number of minutes after midnight (0..1440). */
export function formatMinutes(min: number): string {
  return `${pad2(Math.floor(min / 60))}:${pad2(min % 60)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Offsets

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True if Intl knows the IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** UTC offset in ms (wall - instant) of `timeZone` at instant `t`, which must be a whole second. */
function offsetAt(timeZone: string, t: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of formatterFor(timeZone).formatToParts(t)) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall = dayNumberOf(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000;
  return wall - t;
}

// ---------------------------------------------------------------------------------------------------------
// Per-day offset analysis

/**
 * The offsets in force around one local day. The window analysed is [W0 - 15h, W0 + 37h] where W0 is the
 * day's midnight as a wall value: every instant whose wall time lies on this date (or is its 24:00) is in it,
 * whatever the offset (offsets range from -12h to +14h).
 *
 * Within the window the offset is piecewise constant: offsets[0] before transitions[0], offsets[k] from
 * transitions[k-1] (inclusive) until transitions[k]. Most days have no transition.
 */
export interface TzDay {
  /** Instant of the first moment of the day: the earliest instant whose wall time is >= 00:00. */
  readonly start: number;
  readonly transitions: readonly number[];
  readonly offsets: readonly number[];
}

/**
 * Finds the instants in (lo, hi] where the offset changes, by bisection down to one second. Two changes
 * that cancel out between two probes would be missed; no real zone changes its offset twice within hours.
 */
function findTransitions(
  timeZone: string,
  lo: number,
  hi: number,
  offLo: number,
  offHi: number,
  out: { at: number[]; off: number[] },
): void {
  if (offLo === offHi) return;
  if (hi - lo <= 1000) {
    out.at.push(hi);
    out.off.push(offHi);
    return;
  }
  const mid = lo + Math.floor((hi - lo) / 2000) * 1000; // stay on whole seconds
  const offMid = offsetAt(timeZone, mid);
  findTransitions(timeZone, lo, mid, offLo, offMid, out);
  findTransitions(timeZone, mid, hi, offMid, offHi, out);
}

/**
 * The earliest instant whose local wall time is >= `wall`, given the offsets of a TzDay.
 *
 * This single rule handles both DST anomalies:
 * - a wall time skipped by a spring-forward transition (02:30 in Europe/Berlin on the last Sunday of
 *   March) maps to the transition instant (03:00 CEST), the first moment the clock shows >= 02:30;
 * - a wall time repeated by a fall-back transition maps to its first occurrence.
 * It is monotone in `wall`, so sorted shifts stay sorted and never overlap after conversion.
 *
 * Within piece k the wall time t + offsets[k] increases with t, so the first candidate of the piece is
 * max(pieceStart, wall - offsets[k]); it is valid if it lies before the piece's end. The first piece with a
 * valid candidate gives the earliest instant overall.
 */
export function earliestInstantAtOrAfter(day: Pick<TzDay, 'transitions' | 'offsets'>, wall: number): number {
  const { transitions, offsets } = day;
  for (let k = 0; k < offsets.length; k++) {
    const pieceStart = k === 0 ? -Infinity : (transitions[k - 1] as number);
    const pieceEnd = k === transitions.length ? Infinity : (transitions[k] as number);
    const candidate = Math.max(pieceStart, wall - (offsets[k] as number));
    if (candidate < pieceEnd) return candidate;
  }
  // Unreachable: the last piece is unbounded above.
  throw new Error('earliestInstantAtOrAfter: no piece');
}

/** Offset in force at instant t according to a TzDay (t should lie within the day's window). */
export function offsetInDay(day: TzDay, t: number): number {
  let k = 0;
  while (k < day.transitions.length && t >= (day.transitions[k] as number)) k++;
  return day.offsets[k] as number;
}

/** Lazily filled, unbounded cache of TzDay per day number for one time zone. */
export class TimeZoneDays {
  private readonly days = new Map<number, TzDay>();
  /** Offset of the most recently analysed day; a good first guess when locating an instant. */
  private lastOffset: number;

  constructor(readonly timeZone: string) {
    this.lastOffset = offsetAt(timeZone, Math.floor(Date.now() / 1000) * 1000);
  }

  day(n: number): TzDay {
    let d = this.days.get(n);
    if (!d) {
      d = this.analyse(n);
      this.days.set(n, d);
    }
    return d;
  }

  private analyse(n: number): TzDay {
    const w0 = n * DAY_MS;
    const lo = w0 - 15 * HOUR_MS;
    const hi = w0 + DAY_MS + 13 * HOUR_MS;
    const offLo = offsetAt(this.timeZone, lo);
    const offHi = offsetAt(this.timeZone, hi);
    const found = { at: [] as number[], off: [] as number[] };
    findTransitions(this.timeZone, lo, hi, offLo, offHi, found);
    const pieces = { transitions: found.at, offsets: [offLo, ...found.off] };
    this.lastOffset = offLo;
    return { start: earliestInstantAtOrAfter(pieces, w0), ...pieces };
  }

  /** Start instant of local day n. Day n ends where day n + 1 starts (a skipped day is empty). */
  startOf(n: number): number {
    return this.day(n).start;
  }

  /** Day number of the local date containing instant t: startOf(n) <= t < startOf(n + 1). */
  dayOf(t: number): number {
    let n = Math.floor((t + this.lastOffset) / DAY_MS);
    while (t < this.startOf(n)) n--;
    while (t >= this.startOf(n + 1)) n++;
    return n;
  }
}

const zones = new Map<string, TimeZoneDays>();

/** The shared day cache of a time zone (shared by every calendar in that zone). */
export function timeZoneDays(timeZone: string): TimeZoneDays {
  let z = zones.get(timeZone);
  if (!z) {
    z = new TimeZoneDays(timeZone);
    zones.set(timeZone, z);
  }
  return z;
}
