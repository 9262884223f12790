// Service-time arithmetic over a compiled calendar.
//
// Model: a calendar opens a set of half-open UTC intervals [s, e). Service time between two instants is
// the measure of the intersection with those intervals, counted in real elapsed milliseconds (so a shift
// that spans a skipped DST hour is an hour shorter, one that spans a repeated hour an hour longer).
// Minutes in the API are converted to whole milliseconds (minutes * 60000, rounded).
//
// Speed: each local day is turned once into its UTC intervals and total (CalDay), cached per calendar; the
// time-zone analysis underneath is cached per zone. Long spans skip whole days by their totals, so the cost
// of a deadline is a few Map look-ups per calendar day crossed.

import { chinaOfficialDay } from './china.js';
import {
  CalendarSpecError,
  DEFAULT_TIME_ZONE,
  DEFAULT_WORKDAY_SHIFTS_FROM,
  parseHhMm,
  validateServiceCalendarSpec,
  type ServiceCalendarSpec,
  type ShiftSpec,
} from './spec.js';
import {
  DAY_MS,
  MINUTE_MS,
  earliestInstantAtOrAfter,
  formatDayNumber,
  formatMinutes,
  offsetInDay,
  parseLocalDate,
  timeZoneDays,
  weekdayOf,
  type TimeZoneDays,
} from './tz.js';

/**
 * How many consecutive days without any service the engine walks before giving up (about ten years).
 * Only a calendar whose service runs out (empty weekly pattern, finite workdays) can reach it.
 */
const MAX_CLOSED_DAYS = 3660;

/** Shifts of one date as [startMinute, endMinute) pairs, sorted and merged; 1440 = 24:00. */
type Shifts = ReadonlyArray<readonly [number, number]>;

export type DayKind = 'regular' | 'holiday' | 'workday';
export type DaySource = 'weekly' | 'calendar' | 'china-official';

interface DayRule {
  kind: DayKind;
  source: DaySource;
  name: string | undefined;
  shifts: Shifts;
}

/** A local day in UTC instants: [start, end) is the whole day, iv = [s0, e0, s1, e1, ...] its service. */
interface CalDay {
  readonly start: number;
  readonly end: number;
  readonly iv: readonly number[];
  /** Sum of e - s over iv, in ms. */
  readonly total: number;
}

function toShifts(list: readonly ShiftSpec[]): Shifts {
  const pairs = list
    .map((s) => [parseHhMm(s.start) ?? 0, parseHhMm(s.end) ?? 0] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const p of pairs) {
    const last = merged[merged.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push([p[0], p[1]]);
  }
  return merged;
}

/** A calendar ready for fast queries. Create with compileCalendar(); safe to share and reuse. */
export class CompiledCalendar {
  readonly timeZone: string;
  private readonly tz: TimeZoneDays;
  private readonly weekly: readonly Shifts[];
  private readonly workdayShifts: Shifts;
  private readonly holidays = new Map<string, string | undefined>();
  private readonly workdays = new Map<string, { name: string | undefined; shifts: Shifts }>();
  private readonly china: boolean;
  private readonly days = new Map<number, CalDay>();

  constructor(readonly spec: ServiceCalendarSpec) {
    this.timeZone = spec.timeZone ?? DEFAULT_TIME_ZONE;
    this.tz = timeZoneDays(this.timeZone);
    this.weekly = spec.weekly.map(toShifts);
    this.workdayShifts = this.weekly[spec.workdayShiftsFrom ?? DEFAULT_WORKDAY_SHIFTS_FROM] ?? [];
    for (const h of spec.holidays ?? []) {
      if (typeof h === 'string') this.holidays.set(h, undefined);
      else this.holidays.set(h.date, h.name);
    }
    for (const w of spec.workdays ?? []) {
      if (typeof w === 'string') this.workdays.set(w, { name: undefined, shifts: this.workdayShifts });
      else
        this.workdays.set(w.date, {
          name: w.name,
          shifts: w.shifts ? toShifts(w.shifts) : this.workdayShifts,
        });
    }
    this.china = spec.useChinaOfficial ?? false;
  }

  /** Which rule decides local day n (see ServiceCalendarSpec for the precedence). */
  rule(n: number): DayRule {
    const date = formatDayNumber(n);
    const work = this.workdays.get(date);
    if (work) return { kind: 'workday', source: 'calendar', name: work.name, shifts: work.shifts };
    if (this.holidays.has(date)) {
      return { kind: 'holiday', source: 'calendar', name: this.holidays.get(date), shifts: [] };
    }
    if (this.china) {
      const official = chinaOfficialDay(date);
      if (official?.kind === 'workday') {
        return {
          kind: 'workday',
          source: 'china-official',
          name: official.nameZh,
          shifts: this.workdayShifts,
        };
      }
      if (official?.kind === 'holiday') {
        return { kind: 'holiday', source: 'china-official', name: official.nameZh, shifts: [] };
      }
    }
    return { kind: 'regular', source: 'weekly', name: undefined, shifts: this.weekly[weekdayOf(n)] ?? [] };
  }

  /** Local day n in UTC instants (cached). */
  day(n: number): CalDay {
    const cached = this.days.get(n);
    if (cached) return cached;
    const tzDay = this.tz.day(n);
    const start = tzDay.start;
    const end = this.tz.startOf(n + 1);
    const iv: number[] = [];
    let total = 0;
    for (const [a, b] of this.rule(n).shifts) {
      // Wall times map to the earliest instant showing that time (see earliestInstantAtOrAfter); 24:00 is
      // the start of the next local day. A shift inside a skipped hour collapses to nothing.
      const s = Math.max(start, earliestInstantAtOrAfter(tzDay, n * DAY_MS + a * MINUTE_MS));
      const e = b === 1440 ? end : Math.min(end, earliestInstantAtOrAfter(tzDay, n * DAY_MS + b * MINUTE_MS));
      if (e <= s) continue;
      if (iv.length > 0 && iv[iv.length - 1] === s)
        iv[iv.length - 1] = e; // touching: merge
      else iv.push(s, e);
      total += e - s;
    }
    const day: CalDay = { start, end, iv, total };
    this.days.set(n, day);
    return day;
  }

  /** Local day number containing instant t. */
  dayOf(t: number): number {
    return this.tz.dayOf(t);
  }

  /**
   * The earliest instant u >= t such that the service time in [t, u) is `ms`; for ms = 0, the first open
   * instant at or after t. For ms > 0 the result is the end of service time, so u - 1 ms is open.
   */
  addMs(t: number, ms: number): number {
    let n = this.dayOf(t);
    let day = this.day(n);
    let closedDays = 0;
    for (;;) {
      if (t <= day.start && day.total < ms) {
        ms -= day.total; // the whole day is used up: skip it by its total
      } else if (day.total > 0) {
        const iv = day.iv;
        for (let i = 0; i < iv.length; i += 2) {
          const e = iv[i + 1] as number;
          if (e <= t) continue;
          const from = Math.max(iv[i] as number, t);
          const avail = e - from; // > 0
          if (avail >= ms) return from + ms;
          ms -= avail;
        }
      }
      closedDays = day.total > 0 ? 0 : closedDays + 1;
      if (closedDays > MAX_CLOSED_DAYS) {
        throw new RangeError(
          `calendar has no service hours for ${MAX_CLOSED_DAYS} days after ${formatDayNumber(n)}`,
        );
      }
      n++;
      day = this.day(n);
      t = day.start;
    }
  }

  /** Service time in [a, b) in ms. */
  msBetween(a: number, b: number): number {
    if (b <= a) return 0;
    let sum = 0;
    for (let n = this.dayOf(a); ; n++) {
      const day = this.day(n);
      if (a <= day.start && day.end <= b) sum += day.total;
      else {
        const iv = day.iv;
        for (let i = 0; i < iv.length; i += 2) {
          const overlap = Math.min(iv[i + 1] as number, b) - Math.max(iv[i] as number, a);
          if (overlap > 0) sum += overlap;
        }
      }
      if (day.end >= b) return sum;
    }
  }

  isOpenAt(t: number): boolean {
    const iv = this.day(this.dayOf(t)).iv;
    for (let i = 0; i < iv.length; i += 2) {
      if (t < (iv[i] as number)) return false;
      if (t < (iv[i + 1] as number)) return true;
    }
    return false;
  }

  /** Offset (ms) of the calendar's time zone at instant t. */
  offsetAt(t: number): number {
    return offsetInDay(this.tz.day(this.dayOf(t)), t);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/** Validates and compiles a calendar spec; throws CalendarSpecError if it is invalid. */
export function compileCalendar(spec: ServiceCalendarSpec): CompiledCalendar {
  const checked = validateServiceCalendarSpec(spec);
  if (!checked.ok) throw new CalendarSpecError(checked.errors);
  return new CompiledCalendar(structuredClone(checked.spec));
}

/** The instant of a Date, rejecting invalid dates. */
export function instantOf(d: Date): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid Date');
  return t;
}

/** Whole milliseconds of a non-negative number of minutes. */
export function minutesToMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`service minutes must be a finite number >= 0, got ${minutes}`);
  }
  return Math.round(minutes * MINUTE_MS);
}

/**
 * The instant when `minutes` of service time have elapsed after `start`. If start is outside service hours,
 * counting begins at the next opening. minutes = 0 gives the next open instant at or after start. For
 * minutes > 0 the result may be the exact end of a shift (e.g. 18:00), never the next morning's opening.
 */
export function addServiceMinutes(cal: CompiledCalendar, start: Date, minutes: number): Date {
  return new Date(cal.addMs(instantOf(start), minutesToMs(minutes)));
}

/** Service minutes in [a, b) (fractional if a or b are not on whole minutes); 0 if b <= a. */
export function serviceMinutesBetween(cal: CompiledCalendar, a: Date, b: Date): number {
  return cal.msBetween(instantOf(a), instantOf(b)) / MINUTE_MS;
}

/** The first instant at or after `at` that is inside service hours. */
export function nextOpening(cal: CompiledCalendar, at: Date): Date {
  return new Date(cal.addMs(instantOf(at), 0));
}

/** Whether `at` is inside service hours (shifts are half-open: open at 09:00, closed at 18:00). */
export function isOpen(cal: CompiledCalendar, at: Date): boolean {
  return cal.isOpenAt(instantOf(at));
}

export interface OpeningHours {
  /** The local date asked for, YYYY-MM-DD. */
  date: string;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** 'regular': the weekly pattern; 'holiday': closed for a holiday; 'workday': adjusted working day. */
  kind: DayKind;
  /** Where the rule came from: the weekly pattern, the calendar's own lists, or the official China data. */
  source: DaySource;
  /** Holiday or workday name when known (e.g. 春节). */
  name?: string;
  /** Published hours, local wall time. */
  shifts: Array<{ start: string; end: string }>;
  /** The same hours as real instants (a shift inside a skipped DST hour is absent). */
  intervals: Array<{ from: Date; to: Date }>;
  /** Real service minutes of the day. */
  minutes: number;
}

/** The service hours of one local date, for display ("published hours") and checks. */
export function openingHoursOn(cal: CompiledCalendar, localDate: string): OpeningHours {
  const n = parseLocalDate(localDate);
  if (n === undefined) throw new RangeError(`not a date YYYY-MM-DD: ${localDate}`);
  const rule = cal.rule(n);
  const day = cal.day(n);
  const intervals: OpeningHours['intervals'] = [];
  for (let i = 0; i < day.iv.length; i += 2) {
    intervals.push({ from: new Date(day.iv[i] as number), to: new Date(day.iv[i + 1] as number) });
  }
  return {
    date: localDate,
    weekday: weekdayOf(n),
    kind: rule.kind,
    source: rule.source,
    ...(rule.name !== undefined ? { name: rule.name } : {}),
    shifts: rule.shifts.map(([a, b]) => ({ start: formatMinutes(a), end: formatMinutes(b) })),
    intervals,
    minutes: day.total / MINUTE_MS,
  };
}

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM (24-hour) */
  time: string;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** UTC offset in minutes, e.g. 480 for Asia/Shanghai, 120 for Berlin in summer. */
  offsetMinutes: number;
}

/** The local wall-clock reading of an instant in the calendar's time zone (for "due Tue 10:30"). */
export function toLocalParts(cal: CompiledCalendar, instant: Date): LocalParts {
  const t = instantOf(instant);
  const offset = cal.offsetAt(t);
  const wall = t + offset;
  const n = Math.floor(wall / DAY_MS);
  const msOfDay = wall - n * DAY_MS;
  const minuteOfDay = Math.floor(msOfDay / MINUTE_MS);
  const civil = new Date(n * DAY_MS);
  return {
    date: formatDayNumber(n),
    time: formatMinutes(minuteOfDay),
    weekday: weekdayOf(n),
    year: civil.getUTCFullYear(),
    month: civil.getUTCMonth() + 1,
    day: civil.getUTCDate(),
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
    second: Math.floor((msOfDay % MINUTE_MS) / 1000),
    offsetMinutes: offset / MINUTE_MS,
  };
}
