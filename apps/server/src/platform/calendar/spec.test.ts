import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  CalendarSpecError,
  ServiceCalendarSpec,
  compileCalendar,
  validateServiceCalendarSpec,
} from './index.js';
import { dayNumberOf, formatDayNumber, parseLocalDate, weekdayOf } from './tz.js';

const day = [{ start: '09:00', end: '18:00' }];
const week = [[], day, day, day, day, day, []];

function errorsOf(input: unknown): string[] {
  const r = validateServiceCalendarSpec(input);
  return r.ok ? [] : r.errors;
}

describe('validateServiceCalendarSpec', () => {
  it('accepts a full spec', () => {
    const spec = {
      timeZone: 'Europe/Berlin',
      weekly: [
        [{ start: '00:00', end: '24:00' }],
        [
          { start: '13:30', end: '18:00' },
          { start: '09:00', end: '12:00' },
        ],
        [
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '18:00' }, // touching is fine
        ],
        day,
        day,
        day,
        [],
      ],
      holidays: ['2026-12-24', { date: '2026-12-25', name: 'Christmas' }, '2026-12-24'],
      workdays: [
        '2026-12-19',
        { date: '2026-12-20', name: 'Inventory', shifts: [{ start: '10:00', end: '14:00' }] },
      ],
      workdayShiftsFrom: 5,
      useChinaOfficial: false,
    };
    expect(validateServiceCalendarSpec(spec)).toEqual({ ok: true, spec });
    expect(Value.Check(ServiceCalendarSpec, spec)).toBe(true);
    expect(errorsOf({ weekly: week })).toEqual([]);
  });

  it('reports every problem with a path', () => {
    const errors = errorsOf({
      timeZone: 'Mars/Olympus_Mons',
      weekly: [
        [{ start: '25:00', end: '26:00' }],
        [{ start: '24:00', end: '24:00' }],
        [{ start: '10:00', end: '09:00' }],
        [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
        [{ start: '9:00', end: '18:00' }],
        [{ start: '09:00', end: '18:00', note: 'x' }],
        [],
      ],
      holidays: ['2026-02-30', '2026-10-01', 20261002],
      workdays: ['2026-10-01', { date: '2026-10-10' }, { date: '2026-10-10', shifts: 'all day' }],
      workdayShiftsFrom: 7,
      useChinaOfficial: 'yes',
      holiday: [],
    });
    expect(errors).toEqual([
      'calendar: unknown property "holiday"',
      'timeZone: unknown IANA time zone "Mars/Olympus_Mons"',
      'weekly[0][0].start: must be HH:MM between 00:00 and 23:59',
      'weekly[0][0].end: must be HH:MM between 00:01 and 24:00',
      'weekly[1][0].start: must be HH:MM between 00:00 and 23:59',
      'weekly[2][0]: end must be after start (split overnight shifts at 24:00)',
      'weekly[3][1]: overlaps weekly[3][0]',
      'weekly[4][0].start: must be HH:MM between 00:00 and 23:59',
      'weekly[5][0]: unknown property "note"',
      'holidays[0]: must be a real date YYYY-MM-DD',
      'holidays[2]: must be a real date YYYY-MM-DD',
      'workdays[0]: 2026-10-01 is both a holiday and a workday',
      'workdays[2].shifts: must be an array of shifts',
      'workdays[2]: 2026-10-10 is listed twice in workdays',
      'workdayShiftsFrom: must be a weekday 0..6 (0 = Sunday)',
      'useChinaOfficial: must be a boolean',
    ]);
    expect(errorsOf(null)).toEqual(['calendar: must be an object']);
    expect(errorsOf({ weekly: [day] })).toEqual([
      'weekly: must be an array of 7 shift lists (index 0 = Sunday)',
    ]);
  });

  it('the TypeBox schema rejects malformed shapes too', () => {
    expect(Value.Check(ServiceCalendarSpec, { weekly: [day] })).toBe(false);
    expect(
      Value.Check(ServiceCalendarSpec, {
        weekly: [[{ start: '24:00', end: '24:00' }], [], [], [], [], [], []],
      }),
    ).toBe(false);
    expect(Value.Check(ServiceCalendarSpec, { weekly: week, extra: 1 })).toBe(false);
  });

  it('compileCalendar refuses an invalid spec', () => {
    expect(() => compileCalendar({ weekly: week, timeZone: 'Nowhere/Nothing' })).toThrow(CalendarSpecError);
    let caught: unknown;
    try {
      compileCalendar({ weekly: week, holidays: ['2026-13-01'] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CalendarSpecError);
    expect((caught as CalendarSpecError).errors).toEqual(['holidays[0]: must be a real date YYYY-MM-DD']);
  });

  it('compileCalendar copies the spec, so later edits do not leak in', () => {
    const spec = { weekly: week.map((d) => [...d]), holidays: [] as string[] };
    const cal = compileCalendar(spec);
    spec.holidays.push('2026-03-09');
    expect(cal.spec.holidays).toEqual([]);
  });
});

describe('date helpers', () => {
  it('convert between dates and day numbers', () => {
    expect(parseLocalDate('1970-01-01')).toBe(0);
    expect(parseLocalDate('2026-02-28')).toBe(dayNumberOf(2026, 2, 28));
    expect(parseLocalDate('2024-02-29')).toBeDefined();
    expect(parseLocalDate('2026-02-29')).toBeUndefined();
    expect(parseLocalDate('2026-2-1')).toBeUndefined();
    expect(formatDayNumber(dayNumberOf(2026, 12, 31))).toBe('2026-12-31');
    expect(formatDayNumber(dayNumberOf(1, 1, 1))).toBe('0001-01-01');
    expect(weekdayOf(0)).toBe(4); // Thursday
    expect(weekdayOf(dayNumberOf(2026, 2, 14))).toBe(6); // Saturday
    expect(weekdayOf(-1)).toBe(3);
  });
});
