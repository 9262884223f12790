import { dateTimeFormat } from '../../platform/intl.js';

/** Calendar dates as 'YYYY-MM-DD' strings, the way they are stored (no time, no zone). */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The date `months` months after `date`, clamped to the end of a shorter month: 2026-01-31 + 1 month is
 * 2026-02-28. This is how a 12-month warranty bought on 2024-02-29 ends on 2025-02-28.
 */
export function addMonths(date: string, months: number): string {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const target = new Date(Date.UTC(y, mo + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Today's date in a time zone (the workspace's), e.g. 2026-03-02 in Asia/Shanghai at 01:00 UTC. */
export function todayIn(now: Date, timeZone: string): string {
  try {
    const parts = dateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** An asset is covered while it is in use and its warranty end date (inclusive) has not passed. */
export function isInWarranty(status: string, warrantyEnd: string | null, today: string): boolean {
  return status === 'active' && warrantyEnd !== null && warrantyEnd >= today;
}
