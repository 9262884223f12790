import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VERSION } from '@aftercare/contracts';
import type {
  AuditEntry,
  CaseDetail,
  CaseDiscipline,
  Contact,
  Customer,
  PortalCaseDetail,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, fieldsOf, sessionFrom, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const CLOSING = { cause: '电源适配器损坏', fix: '更换适配器', customerNotes: '请使用原装适配器' };
const SUMMARY = { problem: '设备无法开机', doneSoFar: '已远程排查', difficulties: '', nextSteps: '寄送备件' };

async function portalContact(ws: Workspace, customerId: string, companyWide: boolean) {
  const contact = (
    await ws.admin.post<Contact>('/api/contacts', {
      customerId,
      name: unique('联系人'),
      email: `${unique('c')}@customer.example.com`,
      companyWide,
    })
  ).body;
  const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.body.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return { client: new Client(t.app, sessionFrom(accepted)), contact };
}

async function world() {
  const ws = await createWorkspace(t.app);
  const a = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方机电' })).body;
  const b = (await ws.admin.post<Customer>('/api/customers', { code: 'B', name: '乙方软件' })).body;
  const mine = await portalContact(ws, a.id, false);
  const foreign = await portalContact(ws, b.id, true);
  const agent = await createStaff(t.app, ws, 'agent');
  const created = await ws.admin.post<CaseDetail>('/api/cases', {
    customerId: a.id,
    contactId: mine.contact.id,
    subject: '设备故障',
    body: '无法开机',
  });
  expect(created.status).toBe(201);
  return { ws, mine, foreign, agent, caseId: created.body.id };
}

type Reply = { status: number; body: CaseDiscipline & ErrorReply };
const staffCase = async (c: Client, id: string) => (await c.get<CaseDetail>(`/api/cases/${id}`)).body;
const portalCase = async (c: Client, id: string) =>
  (await c.get<PortalCaseDetail>(`/api/portal/cases/${id}`)).body;
const plan = async (c: Client, id: string, steps: unknown[]): Promise<Reply> => {
  const version = (await c.get<CaseDetail>(`/api/cases/${id}`)).body.discipline?.planVersion ?? 0;
  return c.put(`/api/cases/${id}/plan`, { steps, version });
};
const agree = async (c: Client, id: string, text: string): Promise<Reply> => {
  const version = (await c.get<CaseDetail>(`/api/cases/${id}`)).body.discipline?.agreement?.version ?? 0;
  return c.put(`/api/cases/${id}/agreement`, { text, version });
};
const EMPTY = {
  agreement: null,
  summaries: [],
  plan: [],
  planVersion: 0,
  closingSummary: null,
  links: [],
  checkpoints: [],
  summarySchedule: { everyHours: null, custom: false, nextDueAt: null, overdue: false },
};
const tick = (c: Client, id: string, stepId: string, done: boolean): Promise<Reply> =>
  c.post(`/api/portal/cases/${id}/plan/${stepId}`, { done });

describe('case discipline', () => {
  it('walks agreement, confirmation, summaries, plan, ticks and the closing summary on both sides', async () => {
    const w = await world();
    const id = w.caseId;
    expect((await staffCase(w.ws.admin, id)).discipline).toEqual(EMPTY);

    const proposed = await agree(w.agent.client, id, '  三个工作日内更换适配器 ');
    expect(proposed.status).toBe(200);
    expect(proposed.body.agreement).toMatchObject({
      text: '三个工作日内更换适配器',
      proposedBy: expect.stringMatching(/^agent /),
      proposedAt: t.clock.now().toISOString(),
      confirmedAt: null,
      confirmedBy: null,
    });

    t.clock.advance(60_000);
    const confirmedAt = t.clock.now().toISOString();
    const confirmed = await w.mine.client.post<CaseDiscipline>(`/api/portal/cases/${id}/agreement/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.agreement).toMatchObject({ confirmedAt, confirmedBy: w.mine.contact.name });
    t.clock.advance(60_000);
    const again = await w.mine.client.post<ErrorReply>(`/api/portal/cases/${id}/agreement/confirm`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect((await staffCase(w.ws.admin, id)).discipline?.agreement?.confirmedAt).toBe(confirmedAt);

    const first = await w.agent.client.post<CaseDiscipline>(`/api/cases/${id}/summaries`, SUMMARY);
    expect(first.status).toBe(201);
    t.clock.advance(1000);
    const second = await w.agent.client.post<CaseDiscipline>(`/api/cases/${id}/summaries`, {
      ...SUMMARY,
      doneSoFar: '备件已寄出',
      nextSteps: '到货后上门更换',
    });
    expect(second.body.summaries.map((s) => s.doneSoFar)).toEqual(['备件已寄出', '已远程排查']);
    expect(second.body.summaries[0]?.authorName).toMatch(/^agent /);
    expect((await portalCase(w.mine.client, id)).discipline?.summaries.map((s) => s.doneSoFar)).toEqual([
      '备件已寄出',
      '已远程排查',
    ]);

    const planned = await plan(w.agent.client, id, [
      { title: '收到备件', expectedResult: '快递签收' },
      { title: '更换适配器', expectedResult: '设备正常开机' },
    ]);
    expect(planned.status).toBe(200);
    expect(planned.body.plan.map((s) => [s.position, s.title, s.doneAt])).toEqual([
      [1, '收到备件', null],
      [2, '更换适配器', null],
    ]);
    const stepId = planned.body.plan[0]?.id as string;
    const ticked = await tick(w.mine.client, id, stepId, true);
    expect(ticked.status).toBe(200);
    expect(ticked.body.plan[0]).toMatchObject({
      doneAt: t.clock.now().toISOString(),
      doneBy: w.mine.contact.name,
    });
    expect((await staffCase(w.ws.admin, id)).discipline?.plan[0]?.doneBy).toBe(w.mine.contact.name);

    // Solving needs a closing summary; without one nothing changes.
    const before = await staffCase(w.ws.admin, id);
    const refused = await w.agent.client.patch<ErrorReply>(`/api/cases/${id}`, {
      status: 'solved',
      version: before.version,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(fieldsOf(refused)).toEqual([
      'closingSummary/cause:required',
      'closingSummary/customerNotes:required',
      'closingSummary/fix:required',
    ]);
    expect(await staffCase(w.ws.admin, id)).toEqual(before);

    const solved = await w.agent.client.patch<CaseDetail>(`/api/cases/${id}`, {
      status: 'solved',
      closingSummary: CLOSING,
      version: before.version,
    });
    expect(solved.status).toBe(200);
    expect(solved.body.status).toBe('solved');
    expect(solved.body.discipline?.closingSummary).toEqual({
      ...CLOSING,
      authorName: expect.stringMatching(/^agent /),
      createdAt: t.clock.now().toISOString(),
    });
    const seen = await portalCase(w.mine.client, id);
    expect(seen.status).toBe('solved');
    // The portal sees the same, without the staff-only versions and schedule flags.
    const { planVersion: _v, summarySchedule: _s, ...shared } = solved.body.discipline as CaseDiscipline;
    expect(seen.discipline).toEqual({
      ...shared,
      agreement: shared.agreement && { ...shared.agreement, version: undefined },
      summarySchedule: null,
    });

    // Reopen keeps it; solving again without one is fine, and may replace it.
    let c = (
      await w.agent.client.patch<CaseDetail>(`/api/cases/${id}`, {
        status: 'open',
        version: solved.body.version,
      })
    ).body;
    expect(c.discipline?.closingSummary?.fix).toBe('更换适配器');
    c = (await w.agent.client.patch<CaseDetail>(`/api/cases/${id}`, { status: 'solved', version: c.version }))
      .body;
    expect(c.status).toBe('solved');
    c = (await w.agent.client.patch<CaseDetail>(`/api/cases/${id}`, { status: 'open', version: c.version }))
      .body;
    c = (
      await w.agent.client.patch<CaseDetail>(`/api/cases/${id}`, {
        status: 'solved',
        closingSummary: { ...CLOSING, fix: '更换主板' },
        version: c.version,
      })
    ).body;
    expect(c.discipline?.closingSummary?.fix).toBe('更换主板');

    const history = await w.ws.admin.get<{ items: AuditEntry[] }>(`/api/cases/${id}/history`);
    const actions = history.body.items.map((e) => e.action);
    for (const a of [
      'agreement_proposed',
      'agreement_confirmed',
      'summary_posted',
      'plan_updated',
      'plan_step_done',
    ])
      expect(actions, a).toContain(a);
    const solving = history.body.items.filter(
      (e) => e.action === 'updated' && (e.changes as Record<string, unknown>).closingSummary,
    );
    expect(solving).toHaveLength(2);
    const events = await t.database.db
      .selectFrom('outbox')
      .select('type')
      .where('workspace_id', '=', w.ws.me.workspace.id)
      .where('type', 'like', 'case.%')
      .execute();
    for (const e of [
      'case.agreement_proposed',
      'case.agreement_confirmed',
      'case.summary_posted',
      'case.plan_updated',
      'case.plan_step_done',
    ])
      expect(
        events.map((x) => x.type),
        e,
      ).toContain(e);
  });

  it('resets the confirmation when the agreement is replaced, keeping the old one in the history', async () => {
    const w = await world();
    const id = w.caseId;
    await agree(w.ws.admin, id, '第一版');
    const firstConfirm = await w.mine.client.post<ErrorReply>(`/api/portal/cases/${id}/agreement/confirm`);
    expect(firstConfirm.status).toBe(200);
    const replaced = await agree(w.ws.admin, id, '第二版');
    expect(replaced.body.agreement).toMatchObject({ text: '第二版', confirmedAt: null, confirmedBy: null });
    expect((await portalCase(w.mine.client, id)).discipline?.agreement?.confirmedAt).toBeNull();
    const confirmed = await w.mine.client.post<CaseDiscipline>(`/api/portal/cases/${id}/agreement/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.agreement?.text).toBe('第二版');
    const history = await w.ws.admin.get<{ items: AuditEntry[] }>(`/api/cases/${id}/history`);
    const texts = history.body.items
      .filter((e) => e.action === 'agreement_proposed')
      .map((e) => (e.changes.agreement?.to as { text: string }).text);
    expect(texts.sort()).toEqual(['第一版', '第二版']);
  });

  it('refuses confirming when there is no agreement', async () => {
    const w = await world();
    const res = await w.mine.client.post<ErrorReply>(`/api/portal/cases/${w.caseId}/agreement/confirm`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('refuses a version past what the database stores with a 400, not a 500 (found by fuzzing)', async () => {
    const w = await world();
    const huge = 9_007_199_254_740_992;
    const steps = [{ title: '更换主板', expectedResult: '开机正常' }];
    for (const [path, body] of [
      [`/api/cases/${w.caseId}/plan`, { steps, version: huge }],
      [`/api/cases/${w.caseId}/agreement`, { text: '更换主板后开机正常', version: huge }],
    ] as const) {
      const res = await w.ws.admin.put<ErrorReply>(path, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    // The largest version a client may send is one below the column's maximum, since a write stores the next
    // one: above it is a 400, at it a plain conflict (PostgreSQL refused the next version with a 500 before).
    for (const [version, status] of [
      [MAX_VERSION + 1, 400],
      [MAX_VERSION, 409],
    ] as const) {
      for (const [path, body] of [
        [`/api/cases/${w.caseId}/plan`, { steps, version }],
        [`/api/cases/${w.caseId}/agreement`, { text: '更换主板后开机正常', version }],
      ] as const) {
        const res = await w.ws.admin.put<ErrorReply>(path, body);
        expect(res.status, `${path} ${version} ${JSON.stringify(res.body)}`).toBe(status);
      }
    }
    expect((await plan(w.ws.admin, w.caseId, steps)).status).toBe(200);
  });

  it('keeps the done state of steps sent back with their id; other steps are new', async () => {
    const w = await world();
    const id = w.caseId;
    const first = await plan(w.ws.admin, id, [
      { title: '一', expectedResult: 'a' },
      { title: '二', expectedResult: 'b' },
    ]);
    const [one, two] = first.body.plan;
    if (!one || !two) throw new Error('plan has two steps');
    await tick(w.mine.client, id, one.id, true);
    await tick(w.mine.client, id, two.id, true);
    const untick = await tick(w.mine.client, id, two.id, false);
    expect(untick.body.plan[1]).toMatchObject({ doneAt: null, doneBy: null });
    await tick(w.mine.client, id, two.id, true);
    const next = await plan(w.ws.admin, id, [
      { title: '零', expectedResult: '' },
      { id: one.id, title: '一（改）', expectedResult: 'a' },
      { title: '二', expectedResult: 'b' },
    ]);
    expect(next.status).toBe(200);
    expect(next.body.plan.map((s) => [s.position, s.title, Boolean(s.doneAt)])).toEqual([
      [1, '零', false],
      [2, '一（改）', true],
      [3, '二', false],
    ]);
    expect(next.body.plan[1]?.id).toBe(one.id);
    expect(next.body.plan[2]?.id).not.toBe(two.id);
    expect((await tick(w.mine.client, id, two.id, true)).status).toBe(404);
    const history = await w.ws.admin.get<{ items: AuditEntry[] }>(`/api/cases/${id}/history`);
    expect(history.body.items.map((e) => e.action)).toContain('plan_step_undone');
  });

  it('answers 404 to another customer’s contact on every discipline route', async () => {
    const w = await world();
    const id = w.caseId;
    const step = (await plan(w.ws.admin, id, [{ title: '一', expectedResult: '' }])).body.plan[0]
      ?.id as string;
    await agree(w.ws.admin, id, '协议');
    const confirm = await w.foreign.client.post<ErrorReply>(`/api/portal/cases/${id}/agreement/confirm`);
    expect(confirm.status).toBe(404);
    expect((await tick(w.foreign.client, id, step, true)).status).toBe(404);
    expect((await w.foreign.client.get(`/api/portal/cases/${id}`)).status).toBe(404);
    const now = (await staffCase(w.ws.admin, id)).discipline;
    expect(now?.agreement?.confirmedAt).toBeNull();
    expect(now?.plan[0]?.doneAt).toBeNull();
  });

  it('lets a viewer read the discipline but not write it', async () => {
    const w = await world();
    const viewer = await createStaff(t.app, w.ws, 'viewer');
    const id = w.caseId;
    expect((await agree(viewer.client, id, 'x')).status).toBe(403);
    expect((await viewer.client.post(`/api/cases/${id}/summaries`, SUMMARY)).status).toBe(403);
    expect((await plan(viewer.client, id, [{ title: 'x', expectedResult: '' }])).status).toBe(403);
    const read = await viewer.client.get<CaseDetail>(`/api/cases/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.discipline).toEqual(EMPTY);
  });
});
