// Property tests over random calendars (random split shifts, holidays, workdays, the official China data on
// or off, several time zones including DST ones with 30-minute and midnight switches) and random instants.

import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  ServiceCalendarSpec,
  addServiceMinutes,
  chinaOfficialDay,
  compileCalendar,
  deadlineWithPauses,
  elapsedServiceMinutes,
  isOpen,
  nextOpening,
  serviceMinutesBetween,
  toLocalParts,
  validateServiceCalendarSpec,
  type CompiledCalendar,
  type Pause,
  type ShiftSpec,
} from './index.js';
import { parseHhMm } from './spec.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatDayNumber, formatMinutes, parseLocalDate } from './tz.js';

const ZONES = [
  'Asia/Shanghai',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
  'Asia/Kolkata', // +05:30
  'Australia/Lord_Howe', // 30-minute DST
  'America/Santiago', // DST switches at midnight
  'Pacific/Chatham', // +12:45 / +13:45
] as const;

const FIRST_DAY = parseLocalDate('2026-01-01') as number;
const SPAN_DAYS = 730;
const T0 = Date.UTC(2025, 11, 25);
const T1 = Date.UTC(2028, 0, 5);

/** 0-3 sorted, non-overlapping shifts with arbitrary minute boundaries (touching allowed). */
const shiftsArb: fc.Arbitrary<ShiftSpec[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const shifts: ShiftSpec[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      shifts.push({ start: formatMinutes(sorted[i] as number), end: formatMinutes(sorted[i + 1] as number) });
    }
    return shifts;
  });

const dateArb = fc.integer({ min: 0, max: SPAN_DAYS }).map((i) => formatDayNumber(FIRST_DAY + i));

const specArb: fc.Arbitrary<ServiceCalendarSpec> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.array(shiftsArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(dateArb, { maxLength: 25 }),
    workdays: fc.uniqueArray(fc.record({ date: dateArb, shifts: fc.option(shiftsArb, { nil: undefined }) }), {
      maxLength: 10,
      selector: (w) => w.date,
    }),
    workdayShiftsFrom: fc.integer({ min: 0, max: 6 }),
    useChinaOfficial: fc.boolean(),
  })
  // Some service every week, so that deadlines exist.
  .filter((s) => s.weekly.some((day) => day.length > 0))
  .map((s) => {
    const holidays = s.holidays.filter((h) => !s.workdays.some((w) => w.date === h));
    const workdays = s.workdays.map((w) =>
      w.shifts === undefined ? w.date : { date: w.date, shifts: w.shifts },
    );
    return { ...s, holidays, workdays };
  });

const calArb = specArb.map((spec) => ({ spec, cal: compileCalendar(spec) }));

/** Instants in 2026-2027, half of them on whole minutes, the others anywhere. */
const instantArb = fc.oneof(
  fc.integer({ min: T0 / MINUTE_MS, max: T1 / MINUTE_MS }).map((m) => new Date(m * MINUTE_MS)),
  fc.integer({ min: T0, max: T1 }).map((t) => new Date(t)),
);
const minutesArb = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 12_000 }));

const ms = (d: Date | null): number => {
  if (d === null) throw new Error('unexpected null');
  return d.getTime();
};

// ---------------------------------------------------------------------------------------------------------
// An independent oracle for isOpen: read the wall clock with Intl and apply the rules by hand.

const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string, t: number): { date: string; minuteOfDay: number; offset: number } {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const seconds =
    Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second) + (((t % 1000) + 1000) % 1000) / 1000;
  const wall = Date.parse(`${date}T00:00:00Z`) + seconds * 1000;
  return { date, minuteOfDay: seconds / 60, offset: wall - t };
}

/** isOpen by hand, or undefined within 3 hours of a UTC-offset change (where wall times are ambiguous). */
function oracleOpen(spec: ServiceCalendarSpec, t: number): boolean | undefined {
  const tz = spec.timeZone ?? 'Asia/Shanghai';
  const here = wallClock(tz, t);
  if (wallClock(tz, t - 3 * HOUR_MS).offset !== here.offset) return undefined;
  if (wallClock(tz, t + 3 * HOUR_MS).offset !== here.offset) return undefined;
  const weekday = new Date(`${here.date}T00:00:00Z`).getUTCDay();
  const from = spec.weekly[spec.workdayShiftsFrom ?? 1] ?? [];
  let shifts: ShiftSpec[] = spec.weekly[weekday] ?? [];
  const official = spec.useChinaOfficial ? chinaOfficialDay(here.date) : undefined;
  if (official?.kind === 'holiday') shifts = [];
  if (official?.kind === 'workday') shifts = from;
  if ((spec.holidays ?? []).some((h) => (typeof h === 'string' ? h : h.date) === here.date)) shifts = [];
  for (const w of spec.workdays ?? []) {
    if (typeof w === 'string' && w === here.date) shifts = from;
    if (typeof w !== 'string' && w.date === here.date) shifts = w.shifts ?? from;
  }
  return shifts.some(
    (s) =>
      (parseHhMm(s.start) as number) <= here.minuteOfDay && here.minuteOfDay < (parseHhMm(s.end) as number),
  );
}

describe('random calendars', () => {
  it('generated specs are valid for both the plain validator and the TypeBox schema', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(validateServiceCalendarSpec(spec)).toEqual({ ok: true, spec });
        expect(Value.Check(ServiceCalendarSpec, spec)).toBe(true);
      }),
    );
  });

  it('isOpen agrees with an independent Intl-based reading of the wall clock', () => {
    fc.assert(
      fc.property(
        calArb,
        fc.array(instantArb, { minLength: 1, maxLength: 20 }),
        ({ spec, cal }, instants) => {
          for (const at of instants) {
            const expected = oracleOpen(spec, at.getTime());
            if (expected !== undefined) expect(isOpen(cal, at)).toBe(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('toLocalParts agrees with Intl', () => {
    fc.assert(
      fc.property(calArb, instantArb, ({ spec, cal }, at) => {
        const { date, minuteOfDay } = wallClock(spec.timeZone ?? 'Asia/Shanghai', at.getTime());
        const parts = toLocalParts(cal, at);
        expect(parts.date).toBe(date);
        expect(parts.time).toBe(formatMinutes(Math.floor(minuteOfDay)));
        expect(parts.weekday).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('addServiceMinutes is monotonic in start', () => {
    fc.assert(
      fc.property(calArb, instantArb, instantArb, minutesArb, ({ cal }, a, b, m) => {
        const [s1, s2] = a <= b ? [a, b] : [b, a];
        expect(ms(addServiceMinutes(cal, s1, m))).toBeLessThanOrEqual(ms(addServiceMinutes(cal, s2, m)));
      }),
    );
  });

  it('addServiceMinutes is monotonic in minutes', () => {
    fc.assert(
      fc.property(calArb, instantArb, minutesArb, minutesArb, ({ cal }, s, a, b) => {
        const [m1, m2] = a <= b ? [a, b] : [b, a];
        expect(ms(addServiceMinutes(cal, s, m1))).toBeLessThanOrEqual(ms(addServiceMinutes(cal, s, m2)));
      }),
    );
  });

  it('is additive: add(add(s, a), b) = add(s, a + b) for b > 0, and add(add(s, 0), 0) = add(s, 0)', () => {
    // (b = 0 after a > 0 is excluded on purpose: add(s, a) may be the end of a shift, and adding 0 then
    // moves to the next opening.)
    fc.assert(
      fc.property(calArb, instantArb, minutesArb, minutesArb, ({ cal }, s, a, b) => {
        if (b > 0) {
          expect(ms(addServiceMinutes(cal, addServiceMinutes(cal, s, a), b))).toBe(
            ms(addServiceMinutes(cal, s, a + b)),
          );
        }
        const open = addServiceMinutes(cal, s, 0);
        expect(ms(addServiceMinutes(cal, open, 0))).toBe(ms(open));
      }),
    );
  });

  it('lands at the end of an elapsed service minute (m > 0) or on an open instant (m = 0)', () => {
    // Precisely: for m > 0, result > start and the millisecond before the result is open (the deadline is
    // the end of service time, possibly the exact end of a shift). For m = 0, the result is open, >= start,
    // and no service time lies between start and the result.
    fc.assert(
      fc.property(calArb, instantArb, minutesArb, ({ cal }, s, m) => {
        const r = addServiceMinutes(cal, s, m);
        if (m > 0) {
          expect(ms(r)).toBeGreaterThan(ms(s));
          expect(isOpen(cal, new Date(ms(r) - 1))).toBe(true);
        } else {
          expect(ms(r)).toBeGreaterThanOrEqual(ms(s));
          expect(isOpen(cal, r)).toBe(true);
          expect(serviceMinutesBetween(cal, s, r)).toBe(0);
          expect(ms(nextOpening(cal, s))).toBe(ms(r));
        }
      }),
    );
  });

  it('serviceMinutesBetween(s, add(s, m)) = m, and add gives the earliest such instant', () => {
    fc.assert(
      fc.property(calArb, instantArb, minutesArb, ({ cal }, s, m) => {
        const r = addServiceMinutes(cal, s, m);
        expect(serviceMinutesBetween(cal, s, r)).toBe(m);
        if (m > 0) expect(serviceMinutesBetween(cal, s, new Date(ms(r) - 1))).toBeLessThan(m);
      }),
    );
  });

  it('serviceMinutesBetween is additive over adjacent ranges', () => {
    fc.assert(
      fc.property(calArb, instantArb, instantArb, instantArb, ({ cal }, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => ms(p) - ms(q)) as [Date, Date, Date];
        const whole = cal.msBetween(ms(a), ms(c));
        expect(cal.msBetween(ms(a), ms(b)) + cal.msBetween(ms(b), ms(c))).toBe(whole);
      }),
    );
  });

  it('serviceMinutesBetween counts the open minutes one by one (minute-aligned windows up to 2 days)', () => {
    fc.assert(
      fc.property(
        calArb,
        fc.integer({ min: T0 / MINUTE_MS, max: T1 / MINUTE_MS }),
        fc.integer({ min: 0, max: 2880 }),
        ({ cal }, startMinute, length) => {
          let open = 0;
          for (let i = 0; i < length; i++) if (cal.isOpenAt((startMinute + i) * MINUTE_MS)) open++;
          const a = new Date(startMinute * MINUTE_MS);
          const b = new Date((startMinute + length) * MINUTE_MS);
          expect(serviceMinutesBetween(cal, a, b)).toBe(open);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Pauses

const pauseArb = (from: fc.Arbitrary<Date>): fc.Arbitrary<Pause> =>
  fc.record({ from, length: fc.integer({ min: 0, max: 3 * DAY_MS }) }).map((p) => ({
    from: p.from,
    to: new Date(p.from.getTime() + p.length),
  }));

/** A closed pause that covers only closed hours: from a random instant to the next opening. */
function closedHoursPause(cal: CompiledCalendar, at: Date, usedMinutes: number): Pause {
  const from = addServiceMinutes(cal, at, usedMinutes); // often the end of a shift
  return { from, to: nextOpening(cal, from) };
}

describe('pauses on random calendars', () => {
  const FAR_FUTURE = new Date(T1 + 400 * DAY_MS);

  it('a pause never shortens the remaining time, and more pauses never bring the deadline earlier', () => {
    fc.assert(
      fc.property(
        calArb,
        instantArb,
        minutesArb,
        fc.array(pauseArb(instantArb), { maxLength: 5 }),
        pauseArb(instantArb),
        ({ cal }, start, target, pauses, extra) => {
          const plain = ms(addServiceMinutes(cal, start, target));
          const withPauses = ms(deadlineWithPauses(cal, start, target, pauses, FAR_FUTURE));
          expect(withPauses).toBeGreaterThanOrEqual(plain);
          expect(
            ms(deadlineWithPauses(cal, start, target, [...pauses, extra], FAR_FUTURE)),
          ).toBeGreaterThanOrEqual(withPauses);
          // Order does not matter.
          expect(ms(deadlineWithPauses(cal, start, target, [...pauses].reverse(), FAR_FUTURE))).toBe(
            withPauses,
          );
        },
      ),
    );
  });

  it('the deadline is exactly when the unpaused elapsed time reaches the target', () => {
    fc.assert(
      fc.property(
        calArb,
        instantArb,
        fc.integer({ min: 1, max: 6000 }),
        fc.array(pauseArb(instantArb), { maxLength: 5 }),
        ({ cal }, start, target, pauses) => {
          const deadline = deadlineWithPauses(cal, start, target, pauses, FAR_FUTURE) as Date;
          expect(elapsedServiceMinutes(cal, start, deadline, pauses)).toBe(target);
          expect(elapsedServiceMinutes(cal, start, new Date(ms(deadline) - 1), pauses)).toBeLessThan(target);
        },
      ),
    );
  });

  it('pauses in closed hours change nothing', () => {
    fc.assert(
      fc.property(
        calArb,
        instantArb,
        minutesArb,
        fc.array(fc.tuple(instantArb, fc.integer({ min: 0, max: 3000 })), { maxLength: 5 }),
        ({ cal }, start, target, seeds) => {
          const pauses = seeds.map(([at, used]) => closedHoursPause(cal, at, used));
          expect(ms(deadlineWithPauses(cal, start, target, pauses, FAR_FUTURE))).toBe(
            ms(addServiceMinutes(cal, start, target)),
          );
          const now = addServiceMinutes(cal, start, target);
          expect(elapsedServiceMinutes(cal, start, now, pauses)).toBe(serviceMinutesBetween(cal, start, now));
        },
      ),
    );
  });

  it('a running pause that has begun stops the clock', () => {
    fc.assert(
      fc.property(calArb, instantArb, minutesArb, instantArb, ({ cal }, start, target, from) => {
        const now = new Date(Math.max(ms(start), ms(from)) + MINUTE_MS);
        expect(deadlineWithPauses(cal, start, target, [{ from, to: null }], now)).toBeNull();
      }),
      { numRuns: 30 },
    );
  });
});
