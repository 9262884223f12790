import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseTime, Customer, TimeEntry, TimeReport } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function world() {
  const ws = await createWorkspace(t.app);
  const a = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方机电' })).body;
  const b = (await ws.admin.post<Customer>('/api/customers', { code: 'B', name: '乙方软件' })).body;
  const agent = await createStaff(t.app, ws, 'agent');
  const other = await createStaff(t.app, ws, 'agent');
  const viewer = await createStaff(t.app, ws, 'viewer');
  const open = async (customerId: string) =>
    (await ws.admin.post<CaseDetail>('/api/cases', { customerId, subject: '设备故障', body: '无法开机' }))
      .body.id;
  return { ws, a, b, agent, other, viewer, caseA: await open(a.id), caseB: await open(b.id) };
}

describe('time entries', () => {
  it('adds, edits and deletes own entries, with billable and non-billable totals on the case', async () => {
    const w = await world();
    const url = `/api/cases/${w.caseA}/time`;
    const first = await w.agent.client.post<TimeEntry>(url, {
      minutes: 90,
      billable: true,
      note: ' 远程排查 ',
      workedOn: '2026-03-01',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ minutes: 90, billable: true, note: '远程排查', userId: w.agent.id });
    expect(first.body.actions).toEqual(['update', 'delete']);
    await w.agent.client.post(url, { minutes: 15, billable: false, workedOn: '2026-03-02' });

    const time = (await w.agent.client.get<CaseTime>(url)).body;
    expect(time.entries).toHaveLength(2);
    expect(time.totals).toEqual({ billableMinutes: 90, nonBillableMinutes: 15 });

    const edited = await w.agent.client.patch<TimeEntry>(`${url}/${first.body.id}`, {
      minutes: 60,
      billable: false,
      workedOn: '2026-03-01',
      version: first.body.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(first.body.version + 1);
    const stale = await w.agent.client.patch<ErrorReply>(`${url}/${first.body.id}`, {
      minutes: 10,
      billable: false,
      workedOn: '2026-03-01',
      version: first.body.version,
    });
    expect(stale.status).toBe(409);
    expect((await w.agent.client.get<CaseTime>(url)).body.totals).toEqual({
      billableMinutes: 0,
      nonBillableMinutes: 75,
    });

    expect((await w.agent.client.delete(`${url}/${first.body.id}`)).status).toBe(200);
    expect((await w.agent.client.get<CaseTime>(url)).body.totals).toEqual({
      billableMinutes: 0,
      nonBillableMinutes: 15,
    });
  });

  it('checks minutes and dates, and lets only the author (or an admin) change an entry', async () => {
    const w = await world();
    const url = `/api/cases/${w.caseA}/time`;
    for (const minutes of [0, 1441, 1.5]) {
      const bad = await w.agent.client.post(url, { minutes, billable: true, workedOn: '2026-03-01' });
      expect(bad.status, String(minutes)).toBe(400);
      expect(fieldsOf(bad)[0]).toMatch(/^minutes:/);
    }
    expect(
      (await w.agent.client.post(url, { minutes: 1440, billable: true, workedOn: '2026-03-01' })).status,
    ).toBe(201);
    expect((await w.agent.client.post(url, { minutes: 5, billable: true, workedOn: '1 March' })).status).toBe(
      400,
    );

    const mine = (
      await w.agent.client.post<TimeEntry>(url, { minutes: 5, billable: true, workedOn: '2026-03-01' })
    ).body;
    const asOther = await w.other.client.get<CaseTime>(url);
    expect(asOther.body.entries.find((e) => e.id === mine.id)?.actions).toEqual([]);
    const body = { minutes: 6, billable: true, workedOn: '2026-03-01', version: mine.version };
    expect((await w.other.client.patch(`${url}/${mine.id}`, body)).status).toBe(403);
    expect((await w.other.client.delete(`${url}/${mine.id}`)).status).toBe(403);
    expect(
      (await w.viewer.client.post(url, { minutes: 5, billable: true, workedOn: '2026-03-01' })).status,
    ).toBe(403);
    // An admin may fix anyone's entry.
    expect((await w.ws.admin.patch(`${url}/${mine.id}`, body)).status).toBe(200);
    // An entry is addressed through its case: another case's path does not find it.
    expect((await w.agent.client.delete(`/api/cases/${w.caseB}/time/${mine.id}`)).status).toBe(404);
  });

  it('reports across cases by agent, customer and dates, as JSON and CSV', async () => {
    const w = await world();
    await w.agent.client.post(`/api/cases/${w.caseA}/time`, {
      minutes: 30,
      billable: true,
      note: '=HYPERLINK("x")',
      workedOn: '2026-03-01',
    });
    await w.agent.client.post(`/api/cases/${w.caseB}/time`, {
      minutes: 20,
      billable: false,
      workedOn: '2026-03-05',
    });
    await w.other.client.post(`/api/cases/${w.caseA}/time`, {
      minutes: 10,
      billable: true,
      workedOn: '2026-03-03',
    });

    const all = (await w.viewer.client.get<TimeReport>('/api/time-entries')).body;
    expect(all.items).toHaveLength(3);
    expect(all.totals).toEqual({ billableMinutes: 40, nonBillableMinutes: 20 });
    const byAgent = (await w.ws.admin.get<TimeReport>(`/api/time-entries?userId=${w.agent.id}`)).body;
    expect(byAgent.items.map((e) => e.minutes).sort()).toEqual([20, 30]);
    const byCustomer = (await w.ws.admin.get<TimeReport>(`/api/time-entries?customerId=${w.a.id}`)).body;
    expect(byCustomer.items.every((e) => e.customerName === '甲方机电')).toBe(true);
    expect(byCustomer.totals).toEqual({ billableMinutes: 40, nonBillableMinutes: 0 });
    const dated = (await w.ws.admin.get<TimeReport>('/api/time-entries?from=2026-03-02&to=2026-03-05')).body;
    expect(dated.items.map((e) => e.workedOn)).toEqual(['2026-03-05', '2026-03-03']);
    const backwards = await w.ws.admin.get('/api/time-entries?from=2026-03-05&to=2026-03-01');
    expect(fieldsOf(backwards)).toEqual(['to:invalid_value']);

    // In the language of the signed-in person (the admin here reads Chinese).
    const csv = await w.ws.admin.get(`/api/time-entries/export?customerId=${w.a.id}`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const text = String(csv.body);
    expect(text.startsWith('\ufeff日期,工单,客户,人员,分钟,可计费,备注')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    // Formulas are neutralised for spreadsheet programs.
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
