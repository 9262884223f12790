import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarPreview, ServiceCalendar } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const split = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//aftercare test//EN',
  'BEGIN:VEVENT',
  'UID:h1@test',
  'DTSTART;VALUE=DATE:20270301',
  'DTEND;VALUE=DATE:20270302',
  'SUMMARY:公司年会',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:w1@test',
  'DTSTART;VALUE=DATE:20270306',
  'DTEND;VALUE=DATE:20270307',
  'SUMMARY:补班',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('calendars', () => {
  it('seeds the default calendars, validates specs, imports iCal and previews opening hours', async () => {
    const ws = await createWorkspace(t.app);
    const list = (await ws.admin.get<ServiceCalendar[]>('/api/calendars')).body;
    expect(list.map((c) => [c.name, c.isDefault])).toEqual([
      ['标准服务时间', true],
      ['7×24', false],
    ]);
    const standard = list[0] as ServiceCalendar;
    expect(standard.spec).toEqual({
      timeZone: 'Asia/Shanghai',
      weekly: [[], split, split, split, split, split, []],
      useChinaOfficial: true,
    });

    const bad = await ws.admin.post<ErrorReply>('/api/calendars', {
      name: '坏日历',
      spec: {
        timeZone: 'Mars/Olympus',
        weekly: [
          [],
          [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
          [],
          [],
          [],
          [],
          [],
        ],
        holidays: ['2027-03-05'],
        workdays: ['2027-03-05'],
      },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual([
      'spec/timeZone:invalid_calendar',
      'spec/weekly/1/1:invalid_calendar',
      'spec/workdays/0:invalid_calendar',
    ]);

    const created = await ws.admin.post<ServiceCalendar>('/api/calendars', {
      name: '华东客服',
      spec: { weekly: [[], split, split, split, split, split, []] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.isDefault).toBe(false);

    const imported = await ws.admin.post<ServiceCalendar>(`/api/calendars/${created.body.id}/import-ics`, {
      ics: ICS,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.spec.holidays).toEqual(['2027-03-01']);
    expect(imported.body.spec.workdays).toEqual(['2027-03-06']);
    expect(
      (
        await ws.admin.post<ErrorReply>(`/api/calendars/${created.body.id}/import-ics`, {
          ics: 'not a calendar',
        })
      ).status,
    ).toBe(400);

    const preview = await ws.admin.get<CalendarPreview>(
      `/api/calendars/${created.body.id}/preview?from=2027-03-01&days=7`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.days.map((d) => [d.date, d.kind, d.minutes])).toEqual([
      ['2027-03-01', 'holiday', 0],
      ['2027-03-02', 'regular', 450],
      ['2027-03-03', 'regular', 450],
      ['2027-03-04', 'regular', 450],
      ['2027-03-05', 'regular', 450],
      ['2027-03-06', 'workday', 450],
      ['2027-03-07', 'regular', 0],
    ]);
    const national = await ws.admin.get<CalendarPreview>(
      `/api/calendars/${standard.id}/preview?from=2026-10-01&days=1`,
    );
    expect(national.body.days[0]).toMatchObject({ kind: 'holiday', source: 'china-official', minutes: 0 });

    // Making it the default takes the flag from the standard calendar; the default cannot be deleted.
    const made = await ws.admin.patch<ServiceCalendar>(`/api/calendars/${created.body.id}`, {
      isDefault: true,
      version: imported.body.version,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect((await ws.admin.get<ServiceCalendar>(`/api/calendars/${standard.id}`)).body.isDefault).toBe(false);
    expect((await ws.admin.delete<ErrorReply>(`/api/calendars/${created.body.id}`)).status).toBe(400);
    // The standard calendar is used by a policy.
    const inUse = await ws.admin.delete<ErrorReply>(`/api/calendars/${standard.id}`);
    expect(fieldsOf(inUse)).toEqual(['id:in_use']);
    const spare = await ws.admin.post<ServiceCalendar>('/api/calendars', {
      name: '临时',
      spec: { weekly: [[], [], [], [], [], [], []] },
    });
    expect((await ws.admin.delete(`/api/calendars/${spare.body.id}`)).status).toBe(200);
    expect((await ws.admin.get(`/api/calendars/${spare.body.id}`)).status).toBe(404);
    expect(
      (await ws.admin.patch(`/api/calendars/${created.body.id}`, { name: 'x', version: 1 })).status,
    ).toBe(409);
  });

  it('previews up to the last date there is, and refuses a range past the year 9999 (not a 500)', async () => {
    const ws = await createWorkspace(t.app);
    const calendar = (await ws.admin.get<Array<{ id: string; isDefault: boolean }>>('/api/calendars'))
      .body[0];
    const url = `/api/calendars/${calendar?.id}/preview`;
    const last = await ws.admin.get<CalendarPreview>(`${url}?from=9999-12-30&days=2`);
    expect(last.status).toBe(200);
    expect(last.body.days.map((d) => d.date)).toEqual(['9999-12-30', '9999-12-31']);
    const past = await ws.admin.get<ErrorReply>(`${url}?from=9999-12-30&days=49`);
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([
      expect.objectContaining({ field: 'from', code: 'invalid_value' }),
    ]);
    const first = await ws.admin.get<CalendarPreview>(`${url}?from=0001-01-01&days=3`);
    expect(first.status).toBe(200);
    expect(first.body.days.map((d) => d.date)).toEqual(['0001-01-01', '0001-01-02', '0001-01-03']);
  });

  it('lets agents read calendars but only sla.manage change them', async () => {
    const ws = await createWorkspace(t.app);
    const agent = await createStaff(t.app, ws, 'agent');
    expect((await agent.client.get('/api/calendars')).status).toBe(200);
    expect((await agent.client.get('/api/sla-policies')).status).toBe(200);
    const denied = await agent.client.post('/api/calendars', {
      name: 'x',
      spec: { weekly: [[], [], [], [], [], [], []] },
    });
    expect(denied.status).toBe(403);
    const manager = await createStaff(t.app, ws, 'manager');
    expect(
      (
        await manager.client.post('/api/calendars', {
          name: 'x',
          spec: { weekly: [[], [], [], [], [], [], []] },
        })
      ).status,
    ).toBe(201);
  });
});
