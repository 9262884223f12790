import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addServiceMinutes, chinaOfficialDay, compileCalendar, importIcs, toLocalParts } from './index.js';

// A company calendar as an HR tool would export it: CRLF line endings, a folded line, a VTIMEZONE.
const COMPANY_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example Corp//HR//EN',
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
  // One all-day day without DTEND: RFC 5545 says it lasts one day.
  'BEGIN:VEVENT',
  'UID:1@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261224',
  'SUMMARY:Christmas Eve (office closed)',
  'END:VEVENT',
  // National Day week: DTEND is exclusive -> Oct 1..7.
  'BEGIN:VEVENT',
  'UID:2@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261001',
  'DTEND;VALUE=DATE:20261008',
  'SUMMARY:国庆节(休)',
  'END:VEVENT',
  // Two days via DURATION.
  'BEGIN:VEVENT',
  'UID:3@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260316',
  'DURATION:P2D',
  'SUMMARY:Company off-site',
  'END:VEVENT',
  // Adjusted working days: an all-day 补班 and a timed "Workday".
  'BEGIN:VEVENT',
  'UID:4@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260920',
  'SUMMARY:国庆节补班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:5@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Asia/Shanghai:20261010T090000',
  'DTEND;TZID=Asia/Shanghai:20261010T180000',
  'SUMMARY:Saturday workday',
  'END:VEVENT',
  // Yearly all-day event with a folded SUMMARY line.
  'BEGIN:VEVENT',
  'UID:6@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260601',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:Founders',
  " ' day",
  'END:VEVENT',
  // Ignored: a timed meeting and a cancelled holiday.
  'BEGIN:VEVENT',
  'UID:7@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20260105T020000Z',
  'DTEND:20260105T030000Z',
  'SUMMARY:All-hands meeting',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:8@example.com',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260410',
  'STATUS:CANCELLED',
  'SUMMARY:Spring outing',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('importIcs', () => {
  it('classifies all-day events as holidays and 班/workday events as workdays', () => {
    const result = importIcs(COMPANY_ICS, { until: '2028-12-31' });
    expect(result.holidays).toEqual([
      '2026-03-16',
      '2026-03-17',
      '2026-06-01',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-12-24',
      '2027-06-01',
      '2028-06-01',
    ]);
    expect(result.workdays).toEqual(['2026-09-20', '2026-10-10']);
    expect(result.skipped).toEqual([
      { summary: 'All-hands meeting', reason: 'timed event that is not a workday' },
      { summary: 'Spring outing', reason: 'cancelled' },
    ]);
  });

  it('expands recurring events ten years by default', () => {
    const founders = importIcs(COMPANY_ICS).holidays.filter((d) => d.endsWith('-06-01'));
    expect(founders[0]).toBe('2026-06-01');
    expect(founders[founders.length - 1]).toBe('2036-06-01');
  });

  it('reads the chinese-days 2026 feed and agrees with its JSON data', () => {
    const require = createRequire(import.meta.url);
    const feed = readFileSync(require.resolve('chinese-days/dist/years/2026.ics'), 'utf8');
    const { holidays, workdays, skipped } = importIcs(feed);
    expect(skipped).toEqual([]);
    expect(holidays).toHaveLength(33);
    expect(holidays.every((d) => chinaOfficialDay(d)?.kind === 'holiday')).toBe(true);
    expect(workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(workdays.every((d) => chinaOfficialDay(d)?.kind === 'workday')).toBe(true);
  });

  it('feeds a calendar', () => {
    const { holidays, workdays } = importIcs(COMPANY_ICS, { until: '2026-12-31' });
    const day = [{ start: '09:00', end: '17:00' }];
    const cal = compileCalendar({ weekly: [[], day, day, day, day, day, []], holidays, workdays });
    // Wed 2026-09-30 16:00 + 120: Wed 16-17 (60), Oct 1-7 holidays, Thu Oct 8 09:00-10:00 -> Oct 8 10:00.
    expect(
      toLocalParts(cal, addServiceMinutes(cal, new Date('2026-09-30T16:00:00+08:00'), 120)),
    ).toMatchObject({
      date: '2026-10-08',
      time: '10:00',
    });
    // Fri Oct 9 16:00 + 120: Fri 16-17 (60), Sat Oct 10 workday (Monday's hours) 09:00-10:00 -> Sat 10:00.
    expect(
      toLocalParts(cal, addServiceMinutes(cal, new Date('2026-10-09T16:00:00+08:00'), 120)),
    ).toMatchObject({
      date: '2026-10-10',
      time: '10:00',
    });
  });

  it('a date that is both a holiday and a workday becomes a workday', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//t//t//EN',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20260214',
      'DTEND;VALUE=DATE:20260216',
      'SUMMARY:Holiday',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20260214',
      'SUMMARY:上班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(importIcs(ics)).toEqual({ holidays: ['2026-02-15'], workdays: ['2026-02-14'], skipped: [] });
  });

  it('rejects text that is not iCalendar', () => {
    expect(() => importIcs('hello world')).toThrow(/not a valid iCalendar/);
    expect(() => importIcs(COMPANY_ICS, { until: 'soon' })).toThrow(RangeError);
  });
});
