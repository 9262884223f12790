// Import holidays and adjusted working days from an iCalendar (.ics) file, e.g. a company calendar or the
// chinese-days subscription feed. Parsing is done by ical.js (Mozilla, MPL-2.0), which handles line
// folding, escaping, DURATION and RRULE expansion.
//
// Rules:
// - an event whose SUMMARY contains 班 (补班, 上班, 春节(班)...) or "workday"/"working day" marks working
//   days, whether it is all-day or timed;
// - any other all-day event marks holidays (DTEND is exclusive, so 20260215..20260224 is nine days);
// - other timed events (meetings...) and cancelled events are ignored;
// - recurring events are expanded up to `until`; a date that is both ends up a workday only.

import ICAL from 'ical.js';
import { dayNumberOf, formatDayNumber, parseLocalDate } from './tz.js';

export interface IcsImport {
  /** Sorted, unique YYYY-MM-DD. */
  holidays: string[];
  /** Sorted, unique YYYY-MM-DD; never also in holidays. */
  workdays: string[];
  /** Events that were not used, with the reason (for showing to whoever imports). */
  skipped: Array<{ summary: string; reason: string }>;
}

export interface IcsImportOptions {
  /** Last date (YYYY-MM-DD) up to which recurring events are expanded; default: 10 years after each event. */
  until?: string;
}

const WORKDAY_RE = /班|work\s*-?\s*day|working\s+day/i;
/** Longest all-day event accepted (a holiday block, not a "whole year" placeholder). */
const MAX_EVENT_DAYS = 62;
const MAX_OCCURRENCES = 1000;

type IcalTime = InstanceType<typeof ICAL.Time>;

function dayOfTime(t: IcalTime): number {
  return dayNumberOf(t.year, t.month, t.day);
}

/** Parses an iCalendar text and classifies its events as holiday and workday dates. */
export function importIcs(text: string, options: IcsImportOptions = {}): IcsImport {
  const untilDay = options.until === undefined ? undefined : parseLocalDate(options.until);
  if (options.until !== undefined && untilDay === undefined) {
    throw new RangeError(`until: not a date YYYY-MM-DD: ${options.until}`);
  }
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (err) {
    throw new Error(`not a valid iCalendar file: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  // ical.js returns one jCal component, or an array of them when the text holds several VCALENDARs.
  const roots: unknown[] = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed];

  const holidays = new Set<number>();
  const workdays = new Set<number>();
  const skipped: IcsImport['skipped'] = [];

  for (const jcal of roots) {
    if (!Array.isArray(jcal)) continue;
    const root = new ICAL.Component(jcal);
    for (const vevent of root.getAllSubcomponents('vevent')) {
      const event = new ICAL.Event(vevent);
      const summary = event.summary ?? '';
      const status = vevent.getFirstPropertyValue('status');
      if (typeof status === 'string' && status.toUpperCase() === 'CANCELLED') {
        skipped.push({ summary, reason: 'cancelled' });
        continue;
      }
      if (event.isRecurrenceException()) {
        skipped.push({ summary, reason: 'recurrence exception (RECURRENCE-ID) not supported' });
        continue;
      }
      if (!vevent.hasProperty('dtstart')) {
        skipped.push({ summary, reason: 'no DTSTART' });
        continue;
      }
      const isWork = WORKDAY_RE.test(summary);
      const startDate = event.startDate;
      if (!startDate.isDate && !isWork) {
        skipped.push({ summary, reason: 'timed event that is not a workday' });
        continue;
      }
      // Length in days of each occurrence: all-day events cover [DTSTART, DTEND); timed ones their start day.
      const firstDay = dayOfTime(startDate);
      const length = startDate.isDate ? Math.max(1, dayOfTime(event.endDate) - firstDay) : 1;
      if (length > MAX_EVENT_DAYS) {
        skipped.push({ summary, reason: `lasts ${length} days (more than ${MAX_EVENT_DAYS})` });
        continue;
      }

      const occurrenceStarts: number[] = [];
      if (event.isRecurring()) {
        const lastDay = untilDay ?? firstDay + 3653;
        const it = event.iterator();
        for (let next = it.next(); next && occurrenceStarts.length < MAX_OCCURRENCES; next = it.next()) {
          const d = dayOfTime(next);
          if (d > lastDay) break;
          occurrenceStarts.push(d);
        }
      } else {
        occurrenceStarts.push(firstDay);
      }

      const target = isWork ? workdays : holidays;
      for (const d0 of occurrenceStarts) {
        for (let d = d0; d < d0 + length; d++) target.add(d);
      }
    }
  }

  for (const d of workdays) holidays.delete(d);
  const sorted = (s: Set<number>): string[] => [...s].sort((a, b) => a - b).map(formatDayNumber);
  return { holidays: sorted(holidays), workdays: sorted(workdays), skipped };
}
