// Official mainland-China public holidays and adjusted working days (调休), from the npm package
// `chinese-days` (MIT, https://github.com/vsme/chinese-days; updated when the State Council publishes each
// year's arrangement, usually in November/December for the following year).
//
// We read the package's published JSON file (dist/chinese-days.json, documented in its README) instead of
// calling its isHoliday/isWorkday/getDayDetail functions, for two reasons:
// - those functions parse 'YYYY-MM-DD' strings with the *process* time zone: with TZ=America/New_York,
//   getDayDetail('2026-02-14') answers about 2026-02-13 (checked with chinese-days 1.5.7);
// - the JSON holds exactly the two lists we need (official days off, including the weekend days inside a
//   holiday block, and weekend days that are worked), without the weekday/weekend defaults that the
//   functions mix in and that our own weekly pattern replaces.
// Its package entry point is a UMD bundle whose named exports Node's ESM loader cannot see anyway.
//
// Coverage: chinese-days 1.5.7 has data for 2004 through 2026 (see chinaOfficialCoverage()). For later
// years the official flag adds nothing until the package is updated: keep the dependency current.

import { createRequire } from 'node:module';

export interface ChinaOfficialDay {
  /** 'holiday': an official day off; 'workday': an adjusted working day (调休上班), usually a weekend day. */
  readonly kind: 'holiday' | 'workday';
  /** e.g. "Spring Festival" */
  readonly nameEn: string;
  /** e.g. "春节" */
  readonly nameZh: string;
}

interface ChinaTable {
  readonly days: ReadonlyMap<string, ChinaOfficialDay>;
  readonly firstYear: number;
  readonly lastYear: number;
}

let table: ChinaTable | undefined;

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');
}

function load(): ChinaTable {
  const require = createRequire(import.meta.url);
  const raw: unknown = require('chinese-days/dist/chinese-days.json');
  if (typeof raw !== 'object' || raw === null) throw new Error('chinese-days: unexpected data file');
  const { holidays, workdays } = raw as { holidays?: unknown; workdays?: unknown };
  if (!isStringRecord(holidays) || !isStringRecord(workdays)) {
    throw new Error('chinese-days: data file has no holidays/workdays tables');
  }
  const days = new Map<string, ChinaOfficialDay>();
  let firstYear = Infinity;
  let lastYear = -Infinity;
  // Values look like "Spring Festival,春节,4" (English name, Chinese name, holiday index).
  const add = (kind: ChinaOfficialDay['kind'], date: string, value: string): void => {
    const [nameEn = '', nameZh = ''] = value.split(',');
    days.set(date, { kind, nameEn, nameZh });
    const year = Number(date.slice(0, 4));
    firstYear = Math.min(firstYear, year);
    lastYear = Math.max(lastYear, year);
  };
  for (const [date, value] of Object.entries(holidays)) add('holiday', date, value);
  // A date in both tables is a working day (the package's getDayDetail gives workdays priority too).
  for (const [date, value] of Object.entries(workdays)) add('workday', date, value);
  return { days, firstYear, lastYear };
}

function data(): ChinaTable {
  table ??= load();
  return table;
}

/** The official status of a local date 'YYYY-MM-DD' in mainland China, or undefined for an ordinary day. */
export function chinaOfficialDay(date: string): ChinaOfficialDay | undefined {
  return data().days.get(date);
}

/** The calendar years for which the installed chinese-days package has data (inclusive). */
export function chinaOfficialCoverage(): { firstYear: number; lastYear: number } {
  const { firstYear, lastYear } = data();
  return { firstYear, lastYear };
}
