// Hand-computed cases. Every expected value is worked out in the comment above it, in local wall time, and
// written as an ISO string with the zone's offset so it can be checked by reading.

import { describe, expect, it } from 'vitest';
import {
  addServiceMinutes,
  chinaOfficialCoverage,
  chinaOfficialDay,
  compileCalendar,
  deadlineWithPauses,
  elapsedServiceMinutes,
  isOpen,
  nextOpening,
  openingHoursOn,
  serviceClock,
  serviceMinutesBetween,
  toLocalParts,
  type ServiceCalendarSpec,
  type ShiftSpec,
} from './index.js';

const SPLIT: ShiftSpec[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
]; // 180 + 270 = 450 minutes a day
const ALL_DAY: ShiftSpec[] = [{ start: '00:00', end: '24:00' }];

/** Mon-Fri split shifts, weekends closed. */
function officeWeek(extra: Partial<ServiceCalendarSpec> = {}): ServiceCalendarSpec {
  return { weekly: [[], SPLIT, SPLIT, SPLIT, SPLIT, SPLIT, []], ...extra };
}

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

describe('split shifts (Asia/Shanghai, 09:00-12:00 and 13:30-18:00, Mon-Fri)', () => {
  const cal = compileCalendar(officeWeek());

  it('a case opened at 11:30 with a 60-minute target is due at 14:00', () => {
    // Mon 2026-03-02: 11:30-12:00 = 30 min, lunch closed, 13:30-14:00 = 30 min -> 14:00.
    expect(iso(addServiceMinutes(cal, at('2026-03-02T11:30:00+08:00'), 60))).toBe(
      iso(at('2026-03-02T14:00:00+08:00')),
    );
  });

  it('Friday evening rolls over to Monday', () => {
    // Fri 2026-03-06 17:00 + 120: Fri 17:00-18:00 = 60, Sat/Sun closed, Mon 09:00-10:00 = 60 -> Mon 10:00.
    const due = addServiceMinutes(cal, at('2026-03-06T17:00:00+08:00'), 120);
    expect(iso(due)).toBe(iso(at('2026-03-09T10:00:00+08:00')));
    expect(toLocalParts(cal, due)).toMatchObject({ date: '2026-03-09', time: '10:00', weekday: 1 });
  });

  it('start outside hours counts from the next opening', () => {
    // Sat 12:00 is closed -> counting starts Mon 09:00; +30 -> Mon 09:30.
    expect(iso(addServiceMinutes(cal, at('2026-03-07T12:00:00+08:00'), 30))).toBe(
      iso(at('2026-03-09T09:30:00+08:00')),
    );
    // Before opening: Mon 07:15 -> starts 09:00; +45 -> 09:45.
    expect(iso(addServiceMinutes(cal, at('2026-03-09T07:15:00+08:00'), 45))).toBe(
      iso(at('2026-03-09T09:45:00+08:00')),
    );
    // In the lunch break: 12:30 -> starts 13:30; +30 -> 14:00.
    expect(iso(addServiceMinutes(cal, at('2026-03-09T12:30:00+08:00'), 30))).toBe(
      iso(at('2026-03-09T14:00:00+08:00')),
    );
  });

  it('start inside hours counts from the start itself', () => {
    // Mon 10:10 + 50 -> 11:00, all within the morning shift.
    expect(iso(addServiceMinutes(cal, at('2026-03-09T10:10:00+08:00'), 50))).toBe(
      iso(at('2026-03-09T11:00:00+08:00')),
    );
  });

  it('a deadline can be the exact end of a shift', () => {
    // Mon 11:00 + 60 -> 12:00 (the 60th minute ends at 12:00), not 13:30.
    expect(iso(addServiceMinutes(cal, at('2026-03-09T11:00:00+08:00'), 60))).toBe(
      iso(at('2026-03-09T12:00:00+08:00')),
    );
    // Mon 09:00 + 450 -> Mon 18:00 (a whole day).
    expect(iso(addServiceMinutes(cal, at('2026-03-09T09:00:00+08:00'), 450))).toBe(
      iso(at('2026-03-09T18:00:00+08:00')),
    );
  });

  it('minutes = 0 gives the next service instant at or after start', () => {
    // Inside hours: the start itself.
    expect(iso(addServiceMinutes(cal, at('2026-03-09T10:00:00+08:00'), 0))).toBe(
      iso(at('2026-03-09T10:00:00+08:00')),
    );
    // 12:00 is closed (shifts are half-open) -> 13:30.
    expect(iso(addServiceMinutes(cal, at('2026-03-09T12:00:00+08:00'), 0))).toBe(
      iso(at('2026-03-09T13:30:00+08:00')),
    );
    // Friday 18:00 -> Monday 09:00.
    expect(iso(nextOpening(cal, at('2026-03-06T18:00:00+08:00')))).toBe(iso(at('2026-03-09T09:00:00+08:00')));
  });

  it('isOpen follows the half-open shifts', () => {
    expect(isOpen(cal, at('2026-03-09T09:00:00+08:00'))).toBe(true);
    expect(isOpen(cal, at('2026-03-09T11:59:59.999+08:00'))).toBe(true);
    expect(isOpen(cal, at('2026-03-09T12:00:00+08:00'))).toBe(false);
    expect(isOpen(cal, at('2026-03-09T13:30:00+08:00'))).toBe(true);
    expect(isOpen(cal, at('2026-03-09T18:00:00+08:00'))).toBe(false);
    expect(isOpen(cal, at('2026-03-07T10:00:00+08:00'))).toBe(false); // Saturday
  });

  it('long spans skip whole days: 10,000 minutes', () => {
    // 10,000 = 22 * 450 + 100. From Mon 2026-03-02 09:00, 22 working days are Mar 2-6, 9-13, 16-20,
    // 23-27 (20 days) and Mar 30, 31 -> 9,900 minutes at Tue Mar 31 18:00; +100 -> Wed Apr 1 10:40.
    expect(iso(addServiceMinutes(cal, at('2026-03-02T09:00:00+08:00'), 10_000))).toBe(
      iso(at('2026-04-01T10:40:00+08:00')),
    );
  });

  it('serviceMinutesBetween inverts addServiceMinutes', () => {
    // Fri 17:00 -> Mon 10:00 is 60 + 60 = 120 service minutes.
    expect(serviceMinutesBetween(cal, at('2026-03-06T17:00:00+08:00'), at('2026-03-09T10:00:00+08:00'))).toBe(
      120,
    );
    // Mon 11:30 -> 14:00 = 30 + 30.
    expect(serviceMinutesBetween(cal, at('2026-03-02T11:30:00+08:00'), at('2026-03-02T14:00:00+08:00'))).toBe(
      60,
    );
    // A whole week (Mon 00:00 -> next Mon 00:00) = 5 * 450.
    expect(serviceMinutesBetween(cal, at('2026-03-02T00:00:00+08:00'), at('2026-03-09T00:00:00+08:00'))).toBe(
      2250,
    );
    // Partial minutes are kept: 09:00:30 -> 09:01:00 is half a minute.
    expect(serviceMinutesBetween(cal, at('2026-03-02T09:00:30+08:00'), at('2026-03-02T09:01:00+08:00'))).toBe(
      0.5,
    );
    // b <= a -> 0.
    expect(serviceMinutesBetween(cal, at('2026-03-02T14:00:00+08:00'), at('2026-03-02T11:00:00+08:00'))).toBe(
      0,
    );
  });

  it('openingHoursOn publishes the hours of a date', () => {
    expect(openingHoursOn(cal, '2026-03-09')).toMatchObject({
      date: '2026-03-09',
      weekday: 1,
      kind: 'regular',
      source: 'weekly',
      shifts: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '18:00' },
      ],
      minutes: 450,
    });
    expect(openingHoursOn(cal, '2026-03-08')).toMatchObject({ weekday: 0, shifts: [], minutes: 0 });
    expect(() => openingHoursOn(cal, '2026-02-30')).toThrow(RangeError);
  });

  it('rejects negative or non-finite minutes and invalid dates', () => {
    expect(() => addServiceMinutes(cal, at('2026-03-09T10:00:00+08:00'), -1)).toThrow(RangeError);
    expect(() => addServiceMinutes(cal, at('2026-03-09T10:00:00+08:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addServiceMinutes(cal, new Date('nope'), 10)).toThrow(RangeError);
  });

  it('a calendar whose service runs out fails loudly instead of looping forever', () => {
    const once = compileCalendar({
      weekly: [[], [], [], [], [], [], []],
      workdays: [{ date: '2026-03-10', shifts: [{ start: '09:00', end: '10:00' }] }],
    });
    expect(iso(addServiceMinutes(once, at('2026-03-01T00:00:00+08:00'), 0))).toBe(
      iso(at('2026-03-10T09:00:00+08:00')),
    );
    expect(() => addServiceMinutes(once, at('2026-03-11T00:00:00+08:00'), 1)).toThrow(/no service hours/);
  });
});

describe('mainland China official holidays (chinese-days)', () => {
  const cal = compileCalendar(officeWeek({ useChinaOfficial: true }));

  it('covers 2004 through at least 2026', () => {
    const { firstYear, lastYear } = chinaOfficialCoverage();
    expect(firstYear).toBe(2004);
    expect(lastYear).toBeGreaterThanOrEqual(2026);
  });

  it('knows the 2026 Spring Festival: Feb 15-23 off, Sat Feb 14 and Sat Feb 28 worked', () => {
    // Listed in chinese-days 1.5.7 (dist/chinese-days.json): holidays 2026-02-15..2026-02-23 (春节,
    // Sun..Mon, nine days), adjusted working days 2026-02-14 (Sat) and 2026-02-28 (Sat).
    const off: string[] = [];
    const worked: string[] = [];
    for (let d = 1; d <= 28; d++) {
      const date = `2026-02-${String(d).padStart(2, '0')}`;
      const official = chinaOfficialDay(date);
      if (official?.kind === 'holiday') off.push(date);
      if (official?.kind === 'workday') worked.push(date);
    }
    expect(off).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(worked).toEqual(['2026-02-14', '2026-02-28']);
    expect(chinaOfficialDay('2026-02-17')).toEqual({
      kind: 'holiday',
      nameEn: 'Spring Festival',
      nameZh: '春节',
    });
    expect(openingHoursOn(cal, '2026-02-14')).toMatchObject({
      weekday: 6,
      kind: 'workday',
      source: 'china-official',
      name: '春节',
      minutes: 450, // Monday's shifts (workdayShiftsFrom defaults to 1)
    });
    expect(openingHoursOn(cal, '2026-02-16')).toMatchObject({ weekday: 1, kind: 'holiday', minutes: 0 });
  });

  it('a deadline across the holiday lands on the adjusted Saturday Feb 28', () => {
    // Start Fri 2026-02-13 09:00, target 2,760 min:
    //   Fri 13 (450) + Sat 14 adjusted workday (450)                 =   900
    //   Sun 15 .. Mon 23 holiday: 0
    //   Tue 24, Wed 25, Thu 26, Fri 27 (4 * 450 = 1,800)             = 2,700 at Fri 27 18:00
    //   Sat 28 adjusted workday: 09:00 + 60                          -> Sat 2026-02-28 10:00
    const due = addServiceMinutes(cal, at('2026-02-13T09:00:00+08:00'), 2760);
    expect(iso(due)).toBe(iso(at('2026-02-28T10:00:00+08:00')));
    expect(toLocalParts(cal, due)).toMatchObject({ date: '2026-02-28', time: '10:00', weekday: 6 });
    // Without the official data the same case is due a week earlier: Fri 13 (450) + Mon 16..Fri 20
    // (2,250) = 2,700 at Fri 20 18:00, +60 -> Mon 2026-02-23 10:00.
    const plain = compileCalendar(officeWeek());
    expect(iso(addServiceMinutes(plain, at('2026-02-13T09:00:00+08:00'), 2760))).toBe(
      iso(at('2026-02-23T10:00:00+08:00')),
    );
  });

  it('Saturday before the holiday is worked, then nothing until Tue Feb 24', () => {
    // Fri 13 17:00 + 120: Fri 17-18 (60), Sat 14 09:00-10:00 (60) -> Sat 10:00.
    expect(iso(addServiceMinutes(cal, at('2026-02-13T17:00:00+08:00'), 120))).toBe(
      iso(at('2026-02-14T10:00:00+08:00')),
    );
    // Sat 14 17:00 + 120: Sat 17-18 (60), holiday until Mon 23, Tue 24 09:00-10:00 -> Tue 10:00.
    expect(iso(addServiceMinutes(cal, at('2026-02-14T17:00:00+08:00'), 120))).toBe(
      iso(at('2026-02-24T10:00:00+08:00')),
    );
    // Service minutes inside the holiday week: none.
    expect(serviceMinutesBetween(cal, at('2026-02-15T00:00:00+08:00'), at('2026-02-24T00:00:00+08:00'))).toBe(
      0,
    );
  });

  it('explicit holidays and workdays override the official data', () => {
    const edited = compileCalendar(
      officeWeek({
        useChinaOfficial: true,
        holidays: [{ date: '2026-02-28', name: '公司调整' }], // official workday -> closed
        workdays: [{ date: '2026-02-24', name: '值班', shifts: [{ start: '10:00', end: '12:00' }] }],
      }),
    );
    expect(openingHoursOn(edited, '2026-02-28')).toMatchObject({
      kind: 'holiday',
      source: 'calendar',
      name: '公司调整',
      minutes: 0,
    });
    // Tue Feb 24 is an ordinary working day normally, but now has only 10:00-12:00. Starting at Sat 14
    // 17:00 + 120: Sat 17-18 (60), Tue 24 10:00-11:00 (60) -> Tue 11:00.
    expect(iso(addServiceMinutes(edited, at('2026-02-14T17:00:00+08:00'), 120))).toBe(
      iso(at('2026-02-24T11:00:00+08:00')),
    );
    // An official holiday turned into a workday uses Monday's shifts when it has none of its own.
    const onDuty = compileCalendar(officeWeek({ useChinaOfficial: true, workdays: ['2026-02-17'] }));
    expect(openingHoursOn(onDuty, '2026-02-17')).toMatchObject({
      kind: 'workday',
      source: 'calendar',
      minutes: 450,
    });
  });
});

describe('custom holidays and workdays (no official data)', () => {
  it('a custom holiday closes a normal weekday', () => {
    const cal = compileCalendar(officeWeek({ holidays: ['2026-03-09'] }));
    // Fri 2026-03-06 17:00 + 120: Fri 60, Mon 9 is a holiday, Tue 10 09:00-10:00 -> Tue 10:00.
    expect(iso(addServiceMinutes(cal, at('2026-03-06T17:00:00+08:00'), 120))).toBe(
      iso(at('2026-03-10T10:00:00+08:00')),
    );
  });

  it('a workday with its own shifts opens a Saturday', () => {
    const cal = compileCalendar(
      officeWeek({ workdays: [{ date: '2026-03-07', shifts: [{ start: '10:00', end: '12:00' }] }] }),
    );
    // Fri 17:00 + 120: Fri 17-18 (60), Sat 10:00-11:00 (60) -> Sat 11:00.
    expect(iso(addServiceMinutes(cal, at('2026-03-06T17:00:00+08:00'), 120))).toBe(
      iso(at('2026-03-07T11:00:00+08:00')),
    );
  });

  it('a plain workday date takes the shifts of weekday workdayShiftsFrom', () => {
    const friday: ShiftSpec[] = [{ start: '08:00', end: '16:00' }];
    const spec = officeWeek({ workdays: ['2026-03-07'] });
    spec.weekly[5] = friday;
    // Default (Monday's shifts): Sat 09:00-12:00 / 13:30-18:00; Fri 15:00 + 120 -> Fri 15-16 (60), Sat 09-10.
    expect(iso(addServiceMinutes(compileCalendar(spec), at('2026-03-06T15:00:00+08:00'), 120))).toBe(
      iso(at('2026-03-07T10:00:00+08:00')),
    );
    // workdayShiftsFrom: 5 (Friday's shifts): Sat 08:00-16:00 -> Fri 15-16 (60), Sat 08:00-09:00 -> 09:00.
    expect(
      iso(
        addServiceMinutes(
          compileCalendar({ ...spec, workdayShiftsFrom: 5 }),
          at('2026-03-06T15:00:00+08:00'),
          120,
        ),
      ),
    ).toBe(iso(at('2026-03-07T09:00:00+08:00')));
  });
});

describe('7x24', () => {
  const cal = compileCalendar({ weekly: Array.from({ length: 7 }, () => ALL_DAY) });

  it('is plain clock arithmetic', () => {
    // 10,000 min = 6 days 22 h 40 min.
    expect(iso(addServiceMinutes(cal, at('2026-03-02T00:00:00Z'), 10_000))).toBe('2026-03-08T22:40:00.000Z');
    expect(iso(addServiceMinutes(cal, at('2026-03-02T15:59:59.500Z'), 0))).toBe('2026-03-02T15:59:59.500Z');
    expect(serviceMinutesBetween(cal, at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(
      365 * 1440,
    );
    expect(isOpen(cal, at('2026-03-02T23:59:59.999+08:00'))).toBe(true);
  });

  it('keeps running through the Spring Festival unless the official flag is set', () => {
    const start = at('2026-02-14T12:00:00+08:00');
    expect(iso(addServiceMinutes(cal, start, 1440))).toBe(iso(at('2026-02-15T12:00:00+08:00')));
    const official = compileCalendar({
      weekly: Array.from({ length: 7 }, () => ALL_DAY),
      useChinaOfficial: true,
    });
    // Sat 14 12:00-24:00 = 720 min, Feb 15..23 closed, Tue 24 00:00 + 720 -> Tue 24 12:00.
    expect(iso(addServiceMinutes(official, start, 1440))).toBe(iso(at('2026-02-24T12:00:00+08:00')));
  });
});

describe('Europe/Berlin across the 2026 DST switches (Mar 29 and Oct 25)', () => {
  const daily = (shifts: ShiftSpec[]): ServiceCalendarSpec => ({
    timeZone: 'Europe/Berlin',
    weekly: Array.from({ length: 7 }, () => shifts),
  });

  it('a 09:00-17:00 shift stays 8 real hours on switch days', () => {
    const cal = compileCalendar(daily([{ start: '09:00', end: '17:00' }]));
    expect(openingHoursOn(cal, '2026-03-29').minutes).toBe(480);
    expect(openingHoursOn(cal, '2026-10-25').minutes).toBe(480);
    // Sat 2026-03-28 16:00 CET (+01:00) + 120: Sat 16-17 (60), Sun 09:00 CEST (+02:00) + 60 -> 10:00 CEST.
    expect(iso(addServiceMinutes(cal, at('2026-03-28T16:00:00+01:00'), 120))).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    // Sat 2026-10-24 16:00 CEST + 120: Sat 16-17 (60), Sun 09:00 CET + 60 -> 10:00 CET = 09:00Z.
    expect(iso(addServiceMinutes(cal, at('2026-10-24T16:00:00+02:00'), 120))).toBe(
      '2026-10-25T09:00:00.000Z',
    );
    expect(toLocalParts(cal, at('2026-10-25T09:00:00Z'))).toMatchObject({ time: '10:00', offsetMinutes: 60 });
    expect(toLocalParts(cal, at('2026-03-29T08:00:00Z'))).toMatchObject({
      time: '10:00',
      offsetMinutes: 120,
    });
  });

  it('a shift spanning the switch counts real minutes', () => {
    const cal = compileCalendar(daily([{ start: '01:00', end: '04:00' }]));
    // Mar 29: 01:00 CET = 00:00Z; the clock jumps 02:00 -> 03:00; 04:00 CEST = 02:00Z -> 120 minutes.
    expect(openingHoursOn(cal, '2026-03-29')).toMatchObject({
      minutes: 120,
      intervals: [{ from: at('2026-03-29T00:00:00Z'), to: at('2026-03-29T02:00:00Z') }],
    });
    // Oct 25: 01:00 CEST = 2026-10-24T23:00Z; 02:00-03:00 happens twice; 04:00 CET = 03:00Z -> 240 minutes.
    expect(openingHoursOn(cal, '2026-10-25')).toMatchObject({
      minutes: 240,
      intervals: [{ from: at('2026-10-24T23:00:00Z'), to: at('2026-10-25T03:00:00Z') }],
    });
    // 01:30 CET (00:30Z) on Mar 29 + 60 real minutes -> 01:30Z = 03:30 CEST.
    const due = addServiceMinutes(cal, at('2026-03-29T00:30:00Z'), 60);
    expect(iso(due)).toBe('2026-03-29T01:30:00.000Z');
    expect(toLocalParts(cal, due)).toMatchObject({ date: '2026-03-29', time: '03:30' });
    // The whole weekend: Sat 180 + Sun 120 = 300 (and 180 + 240 = 420 in October).
    expect(serviceMinutesBetween(cal, at('2026-03-28T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(
      300,
    );
    expect(serviceMinutesBetween(cal, at('2026-10-24T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(
      420,
    );
  });

  it('shift boundaries inside the skipped hour move to the switch instant', () => {
    // 02:30 does not exist on Mar 29; the first moment the clock shows >= 02:30 is 03:00 CEST = 01:00Z.
    const cal = compileCalendar(daily([{ start: '02:30', end: '04:00' }]));
    expect(openingHoursOn(cal, '2026-03-29')).toMatchObject({
      minutes: 60,
      intervals: [{ from: at('2026-03-29T01:00:00Z'), to: at('2026-03-29T02:00:00Z') }],
    });
    // A shift entirely inside the skipped hour has no real minutes that day.
    const gone = compileCalendar(daily([{ start: '02:00', end: '03:00' }]));
    expect(openingHoursOn(gone, '2026-03-29')).toMatchObject({ minutes: 0, intervals: [] });
    expect(openingHoursOn(gone, '2026-03-30').minutes).toBe(60);
  });

  it('a 7x24 calendar has 23- and 25-hour days', () => {
    const cal = compileCalendar(daily(ALL_DAY));
    expect(openingHoursOn(cal, '2026-03-29').minutes).toBe(23 * 60);
    expect(openingHoursOn(cal, '2026-10-25').minutes).toBe(25 * 60);
    // Sat 12:00 CET + 24 h of real time -> Sun 13:00 CEST on the wall clock.
    const due = addServiceMinutes(cal, at('2026-03-28T12:00:00+01:00'), 1440);
    expect(toLocalParts(cal, due)).toMatchObject({ date: '2026-03-29', time: '13:00' });
  });
});

describe('America/New_York (DST 2026-03-08 and 2026-11-01)', () => {
  const weekdays: ShiftSpec[] = [{ start: '09:00', end: '17:00' }];
  const cal = compileCalendar({
    timeZone: 'America/New_York',
    weekly: [[], weekdays, weekdays, weekdays, weekdays, weekdays, []],
  });

  it('Friday EST to Monday EDT', () => {
    // Fri 2026-03-06 16:00 EST (21:00Z) + 120: Fri 16-17 (60), Mon 03-09 09:00 EDT + 60 -> 10:00 EDT = 14:00Z.
    expect(iso(addServiceMinutes(cal, at('2026-03-06T16:00:00-05:00'), 120))).toBe(
      '2026-03-09T14:00:00.000Z',
    );
    // Fri 2026-10-30 16:00 EDT + 120 -> Mon 11-02 10:00 EST = 15:00Z.
    expect(iso(addServiceMinutes(cal, at('2026-10-30T16:00:00-04:00'), 120))).toBe(
      '2026-11-02T15:00:00.000Z',
    );
    expect(toLocalParts(cal, at('2026-11-02T15:00:00Z'))).toMatchObject({
      weekday: 1,
      time: '10:00',
      offsetMinutes: -300,
    });
  });

  it('has 23- and 25-hour days for a 7x24 calendar', () => {
    const always = compileCalendar({
      timeZone: 'America/New_York',
      weekly: Array.from({ length: 7 }, () => ALL_DAY),
    });
    expect(openingHoursOn(always, '2026-03-08').minutes).toBe(1380);
    expect(openingHoursOn(always, '2026-11-01').minutes).toBe(1500);
    expect(openingHoursOn(always, '2026-11-02').minutes).toBe(1440);
  });
});

describe('pauses (split shifts, Asia/Shanghai)', () => {
  const cal = compileCalendar(officeWeek());
  const start = at('2026-03-09T09:00:00+08:00'); // Monday
  // Without pauses, 240 min from Mon 09:00: 09:00-12:00 (180) + 13:30-14:30 (60) -> 14:30.
  const now = at('2026-03-09T16:00:00+08:00');

  it('no pauses: same as addServiceMinutes', () => {
    expect(iso(deadlineWithPauses(cal, start, 240, [], now))).toBe(iso(at('2026-03-09T14:30:00+08:00')));
  });

  it('a pause inside service hours pushes the deadline by its service minutes', () => {
    // Paused 10:00-11:00: 60 service minutes do not count -> 15:30.
    const pauses = [{ from: at('2026-03-09T10:00:00+08:00'), to: at('2026-03-09T11:00:00+08:00') }];
    expect(iso(deadlineWithPauses(cal, start, 240, pauses, now))).toBe(iso(at('2026-03-09T15:30:00+08:00')));
    // At 16:00: 09:00-12:00 (180) + 13:30-16:00 (150) - 60 paused = 270 elapsed.
    expect(elapsedServiceMinutes(cal, start, now, pauses)).toBe(270);
  });

  it('overlapping pauses count once', () => {
    // 10:00-11:00 and 10:30-11:30 -> 10:00-11:30 = 90 min -> 14:30 + 90 = 16:00.
    const pauses = [
      { from: at('2026-03-09T10:30:00+08:00'), to: at('2026-03-09T11:30:00+08:00') },
      { from: at('2026-03-09T10:00:00+08:00'), to: at('2026-03-09T11:00:00+08:00') },
    ];
    expect(iso(deadlineWithPauses(cal, start, 240, pauses, now))).toBe(iso(at('2026-03-09T16:00:00+08:00')));
  });

  it('a pause over the lunch break or the night changes nothing', () => {
    const pauses = [
      { from: at('2026-03-09T12:00:00+08:00'), to: at('2026-03-09T13:30:00+08:00') },
      { from: at('2026-03-09T18:00:00+08:00'), to: at('2026-03-10T09:00:00+08:00') },
    ];
    expect(iso(deadlineWithPauses(cal, start, 240, pauses, now))).toBe(iso(at('2026-03-09T14:30:00+08:00')));
  });

  it('a pause that straddles the deadline: the rest is spent after it', () => {
    // 14:00-17:00 paused: by 14:00, 180 + 30 = 210 elapsed; the remaining 30 run 17:00-17:30.
    const pauses = [{ from: at('2026-03-09T14:00:00+08:00'), to: at('2026-03-09T17:00:00+08:00') }];
    expect(iso(deadlineWithPauses(cal, start, 240, pauses, now))).toBe(iso(at('2026-03-09T17:30:00+08:00')));
  });

  it('a running pause stops the clock', () => {
    const pauses = [{ from: at('2026-03-09T10:00:00+08:00'), to: null }];
    expect(deadlineWithPauses(cal, start, 240, pauses, now)).toBeNull();
    // Elapsed: 09:00-10:00 only.
    expect(elapsedServiceMinutes(cal, start, now, pauses)).toBe(60);
    expect(serviceClock(cal, start, 240, pauses, now)).toEqual({
      elapsedMinutes: 60,
      remainingMinutes: 180,
      paused: true,
      deadline: null,
      breached: false,
    });
    // A running pause that starts after `now` has not happened yet.
    const later = [{ from: at('2026-03-09T17:00:00+08:00'), to: null }];
    expect(iso(deadlineWithPauses(cal, start, 240, later, now))).toBe(iso(at('2026-03-09T14:30:00+08:00')));
  });

  it('serviceClock reports a breach', () => {
    // At 16:00 without pauses: 330 elapsed of 240.
    expect(serviceClock(cal, start, 240, [], now)).toMatchObject({
      elapsedMinutes: 330,
      remainingMinutes: 0,
      paused: false,
      breached: true,
    });
  });
});
