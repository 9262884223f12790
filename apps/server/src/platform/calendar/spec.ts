// The stored form of a service calendar (plain JSON), its TypeBox schema and a plain validation function.

import { Type, type Static } from 'typebox';
import { isValidTimeZone, parseLocalDate } from './tz.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** Adjusted working days without their own shifts use this weekday's shifts by default (1 = Monday). */
export const DEFAULT_WORKDAY_SHIFTS_FROM = 1;

const HHMM_START = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
const HHMM_END = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$';
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** One shift on a local date, wall-clock times. `end: '24:00'` is the end of the day. */
export const ShiftSpec = Type.Object(
  {
    start: Type.String({ pattern: HHMM_START, description: 'HH:MM, local wall time' }),
    end: Type.String({ pattern: HHMM_END, description: 'HH:MM or 24:00, after start' }),
  },
  { additionalProperties: false },
);
export type ShiftSpec = Static<typeof ShiftSpec>;

export const HolidaySpec = Type.Union([
  Type.String({ pattern: DATE }),
  Type.Object(
    { date: Type.String({ pattern: DATE }), name: Type.Optional(Type.String()) },
    { additionalProperties: false },
  ),
]);
export type HolidaySpec = Static<typeof HolidaySpec>;

export const WorkdaySpec = Type.Union([
  Type.String({ pattern: DATE }),
  Type.Object(
    {
      date: Type.String({ pattern: DATE }),
      name: Type.Optional(Type.String()),
      /** Omitted: the shifts of weekday `workdayShiftsFrom`. */
      shifts: Type.Optional(Type.Array(ShiftSpec)),
    },
    { additionalProperties: false },
  ),
]);
export type WorkdaySpec = Static<typeof WorkdaySpec>;

/**
 * A service calendar as stored (JSON). Precedence for a local date, highest first:
 * 1. an entry in `workdays` (works, with its own shifts or weekday `workdayShiftsFrom`'s shifts);
 * 2. an entry in `holidays` (closed);
 * 3. with `useChinaOfficial`, the official adjusted working days (shifts of `workdayShiftsFrom`) and
 *    public holidays (closed) of mainland China, from the chinese-days package;
 * 4. `weekly[weekday]`.
 * A date may not be listed in both `holidays` and `workdays`.
 */
export const ServiceCalendarSpec = Type.Object(
  {
    /** IANA time zone, default Asia/Shanghai. */
    timeZone: Type.Optional(Type.String({ minLength: 1 })),
    /** Shifts per weekday, index 0 = Sunday ... 6 = Saturday. Overnight work: split at 24:00. */
    weekly: Type.Array(Type.Array(ShiftSpec), { minItems: 7, maxItems: 7 }),
    holidays: Type.Optional(Type.Array(HolidaySpec)),
    workdays: Type.Optional(Type.Array(WorkdaySpec)),
    workdayShiftsFrom: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
    useChinaOfficial: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ServiceCalendarSpec = Static<typeof ServiceCalendarSpec>;

// ---------------------------------------------------------------------------------------------------------
// Plain validation (no TypeBox compiler needed): structure plus the semantic rules a JSON schema cannot say.

export type SpecValidation = { ok: true; spec: ServiceCalendarSpec } | { ok: false; errors: string[] };

/** Minutes after midnight of 'HH:MM' (00:00..24:00), or undefined. */
export function parseHhMm(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return undefined;
  return h * 60 + mi;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(
  v: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  errors: string[],
): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) errors.push(`${path}: unknown property "${k}"`);
  }
}

/** Validates a list of shifts: HH:MM format, start < end, no overlap (touching is fine). */
function checkShifts(v: unknown, path: string, errors: string[]): void {
  if (!Array.isArray(v)) {
    errors.push(`${path}: must be an array of shifts`);
    return;
  }
  const parsed: Array<[number, number, number]> = [];
  v.forEach((shift: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(shift)) {
      errors.push(`${p}: must be { start, end }`);
      return;
    }
    checkKeys(shift, ['start', 'end'], p, errors);
    const start = typeof shift.start === 'string' ? parseHhMm(shift.start) : undefined;
    const end = typeof shift.end === 'string' ? parseHhMm(shift.end) : undefined;
    if (start === undefined || start >= 1440)
      errors.push(`${p}.start: must be HH:MM between 00:00 and 23:59`);
    if (end === undefined) errors.push(`${p}.end: must be HH:MM between 00:01 and 24:00`);
    if (start === undefined || end === undefined || start >= 1440) return;
    if (end <= start) {
      errors.push(`${p}: end must be after start (split overnight shifts at 24:00)`);
      return;
    }
    parsed.push([start, end, i]);
  });
  parsed.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < parsed.length; i++) {
    const prev = parsed[i - 1] as [number, number, number];
    const cur = parsed[i] as [number, number, number];
    if (cur[0] < prev[1]) errors.push(`${path}[${cur[2]}]: overlaps ${path}[${prev[2]}]`);
  }
}

/** Checks a holidays/workdays entry and returns its date, or undefined. */
function checkDateEntry(
  v: unknown,
  path: string,
  errors: string[],
  allowedKeys: readonly string[],
  checkExtra: (entry: Record<string, unknown>) => void,
): string | undefined {
  let date: unknown = v;
  if (isRecord(v)) {
    checkKeys(v, allowedKeys, path, errors);
    if (v.name !== undefined && typeof v.name !== 'string') errors.push(`${path}.name: must be a string`);
    checkExtra(v);
    date = v.date;
  }
  if (typeof date !== 'string' || parseLocalDate(date) === undefined) {
    errors.push(`${path}: must be a real date YYYY-MM-DD${isRecord(v) ? ' in "date"' : ''}`);
    return undefined;
  }
  return date;
}

/**
 * Validates unknown input (e.g. JSON from the database or an API body) as a ServiceCalendarSpec, including
 * the rules the schema cannot express: real dates, real time zone, start < end, no overlapping shifts, and
 * no date that is both a holiday and a workday. Error messages carry a JSON-ish path.
 */
export function validateServiceCalendarSpec(input: unknown): SpecValidation {
  const errors: string[] = [];
  if (!isRecord(input)) return { ok: false, errors: ['calendar: must be an object'] };
  checkKeys(
    input,
    ['timeZone', 'weekly', 'holidays', 'workdays', 'workdayShiftsFrom', 'useChinaOfficial'],
    'calendar',
    errors,
  );

  if (input.timeZone !== undefined) {
    if (typeof input.timeZone !== 'string' || !isValidTimeZone(input.timeZone)) {
      errors.push(`timeZone: unknown IANA time zone ${JSON.stringify(input.timeZone)}`);
    }
  }

  if (!Array.isArray(input.weekly) || input.weekly.length !== 7) {
    errors.push('weekly: must be an array of 7 shift lists (index 0 = Sunday)');
  } else {
    input.weekly.forEach((day: unknown, i) => checkShifts(day, `weekly[${i}]`, errors));
  }

  const holidayDates = new Set<string>();
  if (input.holidays !== undefined) {
    if (!Array.isArray(input.holidays)) errors.push('holidays: must be an array');
    else {
      input.holidays.forEach((h: unknown, i) => {
        const date = checkDateEntry(h, `holidays[${i}]`, errors, ['date', 'name'], () => undefined);
        if (date) holidayDates.add(date); // duplicates are harmless
      });
    }
  }

  if (input.workdays !== undefined) {
    if (!Array.isArray(input.workdays)) errors.push('workdays: must be an array');
    else {
      const seen = new Set<string>();
      input.workdays.forEach((w: unknown, i) => {
        const path = `workdays[${i}]`;
        const date = checkDateEntry(w, path, errors, ['date', 'name', 'shifts'], (entry) => {
          if (entry.shifts !== undefined) checkShifts(entry.shifts, `${path}.shifts`, errors);
        });
        if (!date) return;
        if (seen.has(date)) errors.push(`${path}: ${date} is listed twice in workdays`);
        if (holidayDates.has(date)) errors.push(`${path}: ${date} is both a holiday and a workday`);
        seen.add(date);
      });
    }
  }

  const from = input.workdayShiftsFrom;
  if (from !== undefined && !(typeof from === 'number' && Number.isInteger(from) && from >= 0 && from <= 6)) {
    errors.push('workdayShiftsFrom: must be a weekday 0..6 (0 = Sunday)');
  }
  if (input.useChinaOfficial !== undefined && typeof input.useChinaOfficial !== 'boolean') {
    errors.push('useChinaOfficial: must be a boolean');
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, spec: input as ServiceCalendarSpec };
}

/** Thrown by compileCalendar for an invalid spec. */
export class CalendarSpecError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid service calendar: ${errors.join('; ')}`);
    this.name = 'CalendarSpecError';
  }
}
