import dayjs, { type Dayjs } from 'dayjs';
import type { CalendarSpec } from '@aftercare/contracts';

type CalendarShift = CalendarSpec['weekly'][number][number];

/** Monday first, as people read a week; values are the API's weekday index (0 = Sunday). */
export const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
export const DEFAULT_ZONE = 'Asia/Shanghai';

export interface ShiftValue {
  range: [Dayjs, Dayjs] | null;
}
export type DateKind = 'holiday' | 'workday';
export interface DateValue {
  date: Dayjs | null;
  kind: DateKind;
  name?: string;
  /** A workday's own shifts, kept as they were (not edited here). */
  shifts?: CalendarShift[];
}
export interface EditorValues {
  name: string;
  timeZone: string;
  useChinaOfficial: boolean;
  weekly: ShiftValue[][];
  dates: DateValue[];
}

const time = (hhmm: string): Dayjs => {
  const [h, m] = hhmm === '24:00' ? [0, 0] : hhmm.split(':').map(Number);
  return dayjs()
    .startOf('day')
    .hour(h ?? 0)
    .minute(m ?? 0);
};
/** A range ending at 00:00 ends at midnight: the API's 24:00. */
const hhmm = (d: Dayjs, end: boolean): string => {
  const s = d.format('HH:mm');
  return end && s === '00:00' ? '24:00' : s;
};

export const shiftValue = (start: string, end: string): ShiftValue => ({ range: [time(start), time(end)] });

export function toValues(name: string, spec: CalendarSpec): EditorValues {
  const entry = (e: string | { date: string; name?: string }) =>
    typeof e === 'string' ? { date: e, name: undefined } : e;
  const dates: DateValue[] = [
    ...(spec.holidays ?? []).map((h) => {
      const e = entry(h);
      return { date: dayjs(e.date), kind: 'holiday' as const, name: e.name };
    }),
    ...(spec.workdays ?? []).map((w) =>
      typeof w === 'string'
        ? { date: dayjs(w), kind: 'workday' as const }
        : { date: dayjs(w.date), kind: 'workday' as const, name: w.name, shifts: w.shifts },
    ),
  ].sort((a, b) => a.date.valueOf() - b.date.valueOf());
  return {
    name,
    timeZone: spec.timeZone ?? DEFAULT_ZONE,
    useChinaOfficial: spec.useChinaOfficial ?? false,
    weekly: spec.weekly.map((day) => day.map((s) => shiftValue(s.start, s.end))),
    dates,
  };
}

/**
 * Form values → the API's spec, plus how to find a spec path's form field again
 * (`spec/holidays/2/date` → `dates/5/date`), so the server's messages land next to their fields.
 */
export function toSpec(
  v: EditorValues,
  base: CalendarSpec,
): { spec: CalendarSpec; mapField: (field: string) => string } {
  const holidays: NonNullable<CalendarSpec['holidays']> = [];
  const workdays: NonNullable<CalendarSpec['workdays']> = [];
  const holidayRows: number[] = [];
  const workdayRows: number[] = [];
  v.dates.forEach((d, row) => {
    const date = d.date ? d.date.format('YYYY-MM-DD') : '';
    const name = d.name?.trim() || undefined;
    if (d.kind === 'holiday') {
      holidays.push(name ? { date, name } : { date });
      holidayRows.push(row);
    } else {
      workdays.push({ date, ...(name ? { name } : {}), ...(d.shifts ? { shifts: d.shifts } : {}) });
      workdayRows.push(row);
    }
  });
  const spec: CalendarSpec = {
    ...base,
    timeZone: v.timeZone,
    useChinaOfficial: v.useChinaOfficial,
    weekly: v.weekly.map((day) =>
      day.flatMap((s) => (s.range ? [{ start: hhmm(s.range[0], false), end: hhmm(s.range[1], true) }] : [])),
    ),
    holidays,
    workdays,
  };
  const mapField = (field: string): string => {
    const parts = field.split('/');
    if (parts[0] !== 'spec') return field;
    const [, key, index, ...rest] = parts;
    if (key === 'weekly' && index !== undefined) {
      const shift = rest[0];
      return shift === undefined ? `weekly/${index}` : `weekly/${index}/${shift}/range`;
    }
    if ((key === 'holidays' || key === 'workdays') && index !== undefined) {
      const row = (key === 'holidays' ? holidayRows : workdayRows)[Number(index)];
      if (row === undefined) return 'dates';
      return `dates/${row}/${rest[0] === 'name' ? 'name' : 'date'}`;
    }
    return key ?? field;
  };
  return { spec, mapField };
}

const split = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
export const TEMPLATES: Record<'office' | 'allDay' | 'empty', CalendarSpec> = {
  office: {
    timeZone: DEFAULT_ZONE,
    weekly: [[], split, split, split, split, split, []],
    useChinaOfficial: true,
  },
  allDay: {
    timeZone: DEFAULT_ZONE,
    weekly: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
  },
  empty: { timeZone: DEFAULT_ZONE, weekly: [[], [], [], [], [], [], []] },
};

/**
 * The published weekly hours as the customer reads them (same rules as the server's `publishedHours`):
 * Monday first, equal consecutive days grouped, closed days left out.
 */
export function publishedHours(
  weekly: CalendarSpec['weekly'],
  dayName: (weekday: number) => string,
  words: { allDay: string; through: string; separator: string },
): string[] {
  const text = (d: number) => {
    const shifts = weekly[d] ?? [];
    if (shifts.length === 1 && shifts[0]?.start === '00:00' && shifts[0].end === '24:00') return words.allDay;
    return shifts.map((s) => `${s.start}–${s.end}`).join(words.separator);
  };
  const groups: Array<{ from: number; to: number; hours: string }> = [];
  WEEK.forEach((d, i) => {
    const hours = text(d);
    const last = groups[groups.length - 1];
    if (last && last.hours === hours && WEEK.indexOf(last.to as (typeof WEEK)[number]) === i - 1) last.to = d;
    else groups.push({ from: d, to: d, hours });
  });
  return groups
    .filter((g) => g.hours !== '')
    .map((g) => {
      const days = g.from === g.to ? dayName(g.from) : `${dayName(g.from)}${words.through}${dayName(g.to)}`;
      return `${days} ${g.hours}`;
    });
}

/** Every IANA zone the browser knows, the current value kept even if it does not. */
export function timeZoneOptions(current?: string): { value: string; label: string }[] {
  const zones = new Set<string>(Intl.supportedValuesOf('timeZone'));
  zones.add(DEFAULT_ZONE);
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort().map((z) => ({ value: z, label: z }));
}
