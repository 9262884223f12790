import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseDetail,
  CaseSla,
  Contact,
  Customer,
  PortalCaseDetail,
  SlaPolicy,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type ErrorReply, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { runSlaSweep } from './index.js';
import { publishedHours } from '../calendars/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/*
 * The standard calendar: Mon–Fri 09:00–12:00 and 13:30–18:00 Asia/Shanghai (UTC+8, no DST) with the official
 * China holidays. Every date below is in March 2026, an ordinary week (Qingming is 4–6 April).
 * Catch-all targets (service minutes): S3 first 240, next 480, resolution 2880; S1 60/120/960.
 */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

async function setup(tier: 'standard' | 'platinum' = 'standard') {
  const ws = await createWorkspace(t.app);
  const customer = (
    await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: unique('客户'), tier })
  ).body;
  return { ws, customer };
}

async function openCase(ws: Workspace, body: Record<string, unknown>): Promise<CaseDetail> {
  const res = await ws.admin.post<CaseDetail>('/api/cases', {
    subject: '设备故障',
    body: '无法开机',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function patch(ws: Workspace, id: string, body: Record<string, unknown>): Promise<CaseDetail> {
  const current = (await ws.admin.get<CaseDetail>(`/api/cases/${id}`)).body;
  const res = await ws.admin.patch<CaseDetail>(`/api/cases/${id}`, { version: current.version, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const target = (sla: CaseSla | null | undefined, kind: string) => sla?.targets.find((x) => x.kind === kind);

async function portalContact(ws: Workspace, customerId: string): Promise<Client> {
  const contact = (
    await ws.admin.post<Contact>('/api/contacts', {
      customerId,
      name: unique('联系人'),
      email: `${unique('c')}@customer.example.com`,
      companyWide: true,
    })
  ).body;
  const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.body.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return new Client(t.app, sessionFrom(accepted));
}

describe('sla: due instants and policy selection', () => {
  it('counts first response over service hours across a weekend', async () => {
    const { ws, customer } = await setup();
    // Friday 17:30: 30 min until 18:00; Monday 09:00–12:00 gives 180 (210 in all); the last 30 run from
    // 13:30, so the 240 minutes are used up on Monday at 14:00 (not 12:00: the lunch break is closed).
    t.clock.set(cst('2026-03-13T17:30:00'));
    const c = await openCase(ws, { customerId: customer.id, severity: 'S3' });
    expect(target(c.sla, 'first_response')?.dueAt).toBe(cst('2026-03-16T14:00:00'));
    expect(c.nextDeadlineAt).toBe(cst('2026-03-16T14:00:00'));
    expect(c.sla?.policyName).toBe('标准服务');
    expect(c.sla?.calendarName).toBe('标准服务时间');
    expect(c.sla?.state).toBe('ok');
  });

  it('chooses the first matching policy: platinum S1 runs around the clock, reordering changes the winner', async () => {
    const { ws, customer } = await setup('platinum');
    t.clock.set(cst('2026-03-14T22:00:00')); // Saturday night
    const s1 = await openCase(ws, { customerId: customer.id, severity: 'S1' });
    expect(s1.sla?.calendarName).toBe('7×24');
    expect(target(s1.sla, 'first_response')?.dueAt).toBe(cst('2026-03-14T22:30:00'));
    const s2 = await openCase(ws, { customerId: customer.id, severity: 'S2' });
    expect(s2.sla?.policyName).toBe('标准服务');
    // Monday 09:00 + 120 min.
    expect(target(s2.sla, 'first_response')?.dueAt).toBe(cst('2026-03-16T11:00:00'));

    const complaints = await ws.admin.post<SlaPolicy>('/api/sla-policies', {
      name: '投诉',
      conditions: { types: ['complaint'] },
      targets: {
        S1: { firstResponse: 10, nextResponse: 10, resolution: 10 },
        S2: { firstResponse: 10, nextResponse: 10, resolution: 10 },
        S3: { firstResponse: 10, nextResponse: 10, resolution: 10 },
        S4: { firstResponse: 10, nextResponse: 10, resolution: 10 },
      },
    });
    expect(complaints.status, JSON.stringify(complaints.body)).toBe(201);
    expect(complaints.body.position).toBe(3);
    const before = await openCase(ws, { customerId: customer.id, type: 'complaint' });
    expect(before.sla?.policyName).toBe('标准服务');
    const list = (await ws.admin.get<SlaPolicy[]>('/api/sla-policies')).body;
    const order = await ws.admin.put<SlaPolicy[]>('/api/sla-policies/order', {
      ids: [complaints.body.id, ...list.filter((p) => p.id !== complaints.body.id).map((p) => p.id)],
    });
    expect(order.status).toBe(200);
    expect(order.body[0]?.name).toBe('投诉');
    const after = await openCase(ws, { customerId: customer.id, type: 'complaint' });
    expect(after.sla?.policyName).toBe('投诉');
    expect(
      (await ws.admin.put<ErrorReply>('/api/sla-policies/order', { ids: [complaints.body.id] })).status,
    ).toBe(400);

    // A severity change recomputes the targets from the creation.
    const raised = await patch(ws, before.id, { severity: 'S1' });
    expect(raised.sla?.policyName).toBe('投诉');
    expect(target(raised.sla, 'first_response')?.dueAt).toBe(cst('2026-03-16T09:10:00'));
  });
});

describe('sla: policy conditions', () => {
  it('refuses customers of another workspace (or none) in conditions, like editions and contracts', async () => {
    const { ws, customer } = await setup();
    const other = await setup();
    const targets = {
      S1: { firstResponse: 10, nextResponse: 10, resolution: 10 },
      S2: { firstResponse: 10, nextResponse: 10, resolution: 10 },
      S3: { firstResponse: 10, nextResponse: 10, resolution: 10 },
      S4: { firstResponse: 10, nextResponse: 10, resolution: 10 },
    };
    const create = (customerIds: string[]) =>
      ws.admin.post<SlaPolicy & ErrorReply>('/api/sla-policies', {
        name: unique('policy'),
        conditions: { customerIds },
        targets,
      });
    const foreign = await create([other.customer.id]);
    const missing = await create(['01a204e2-0000-7000-8000-000000000000']);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([
      expect.objectContaining({ field: 'conditions/customerIds' }),
    ]);
    expect({ ...foreign.body.error, requestId: '' }).toEqual({ ...missing.body.error, requestId: '' });
    const own = await create([customer.id]);
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const patched = await ws.admin.patch<ErrorReply>(`/api/sla-policies/${own.body.id}`, {
      conditions: { customerIds: [other.customer.id] },
      version: own.body.version,
    });
    expect(patched.status).toBe(400);
    expect(JSON.stringify(patched.body)).not.toContain(other.customer.id);
  });
});

describe('sla: pauses, replies and resolution', () => {
  it('pending pauses the clock; resuming pushes the deadline by exactly the paused service time', async () => {
    const { ws, customer } = await setup();
    // Monday 10:00 + 240: 10:00–12:00 (120) and 13:30–15:30 (120) → 15:30.
    t.clock.set(cst('2026-03-16T10:00:00'));
    const c = await openCase(ws, { customerId: customer.id, severity: 'S3' });
    expect(c.nextDeadlineAt).toBe(cst('2026-03-16T15:30:00'));
    t.clock.set(cst('2026-03-16T10:30:00'));
    const paused = await patch(ws, c.id, { status: 'pending', pauseReason: '等待客户提供日志' });
    expect(paused.nextDeadlineAt).toBeNull();
    expect(paused.sla?.state).toBe('paused');
    expect(paused.sla?.pausedSince).toBe(cst('2026-03-16T10:30:00'));
    t.clock.set(cst('2026-03-16T11:00:00'));
    const resumed = await patch(ws, c.id, { status: 'open' });
    // 30 service minutes paused → 16:00.
    expect(resumed.nextDeadlineAt).toBe(cst('2026-03-16T16:00:00'));
    expect(target(resumed.sla, 'first_response')?.dueAt).toBe(cst('2026-03-16T16:00:00'));
    // A pause over the lunch break (closed) changes nothing.
    t.clock.set(cst('2026-03-16T12:05:00'));
    await patch(ws, c.id, { status: 'on_hold', pauseReason: '等待备件' });
    t.clock.set(cst('2026-03-16T13:25:00'));
    const again = await patch(ws, c.id, { status: 'open' });
    expect(again.nextDeadlineAt).toBe(cst('2026-03-16T16:00:00'));
    const pauses = await t.database.db
      .selectFrom('case_pauses')
      .select(['reason', 'from_at', 'to_at'])
      .where('workspace_id', '=', ws.me.workspace.id)
      .where('case_id', '=', c.id)
      .orderBy('from_at')
      .execute();
    expect(pauses.map((p) => p.reason)).toEqual(['等待客户提供日志', '等待备件']);
    expect(pauses.every((p) => p.to_at !== null)).toBe(true);
  });

  it('first reply meets first response, a customer reply starts next response, solving meets resolution', async () => {
    const { ws, customer } = await setup();
    const portal = await portalContact(ws, customer.id);
    t.clock.set(cst('2026-03-17T09:00:00'));
    const c = await openCase(ws, { customerId: customer.id, severity: 'S3' });
    t.clock.set(cst('2026-03-17T09:20:00'));
    await ws.admin.post(`/api/cases/${c.id}/messages`, { body: '内部备注', visibility: 'internal' });
    let now = (await ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(target(now.sla, 'first_response')?.metAt).toBeNull();
    t.clock.set(cst('2026-03-17T09:30:00'));
    await ws.admin.post(`/api/cases/${c.id}/messages`, { body: '您好，我们在处理', visibility: 'public' });
    now = (await ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(target(now.sla, 'first_response')).toMatchObject({
      state: 'met',
      metAt: cst('2026-03-17T09:30:00'),
      used: 0.125, // 30 of 240
    });
    expect(target(now.sla, 'next_response')).toBeUndefined();
    // Resolution (2880 min over 7.5 h days) is the only running target now.
    expect(now.nextDeadlineAt).toBe(target(now.sla, 'resolution')?.dueAt);

    t.clock.set(cst('2026-03-17T10:00:00'));
    expect((await portal.post(`/api/portal/cases/${c.id}/messages`, { body: '还是不行' })).status).toBe(201);
    now = (await ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    // 10:00 + 480: 120 until 12:00, 270 until 18:00 (390), then 90 from Wednesday 09:00 → 10:30.
    expect(target(now.sla, 'next_response')).toMatchObject({
      dueAt: cst('2026-03-18T10:30:00'),
      metAt: null,
      state: 'ok',
    });
    expect(now.nextDeadlineAt).toBe(cst('2026-03-18T10:30:00'));
    t.clock.set(cst('2026-03-17T10:10:00'));
    await portal.post(`/api/portal/cases/${c.id}/messages`, { body: '补充：日志见附件' });
    now = (await ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(target(now.sla, 'next_response')?.dueAt).toBe(cst('2026-03-18T10:30:00'));

    t.clock.set(cst('2026-03-17T11:00:00'));
    await ws.admin.post(`/api/cases/${c.id}/messages`, { body: '请重启设备', visibility: 'public' });
    now = (await ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(target(now.sla, 'next_response')).toMatchObject({
      state: 'met',
      metAt: cst('2026-03-17T11:00:00'),
    });

    t.clock.set(cst('2026-03-17T15:00:00'));
    const solved = await patch(ws, c.id, {
      status: 'solved',
      closingSummary: { cause: '原因', fix: '处理', customerNotes: '注意事项' },
    });
    expect(target(solved.sla, 'resolution')).toMatchObject({
      state: 'met',
      metAt: cst('2026-03-17T15:00:00'),
    });
    expect(solved.sla?.state).toBe('met');
    expect(solved.nextDeadlineAt).toBeNull();
  });

  it('orders the queue by the nearest SLA deadline', async () => {
    const { ws, customer } = await setup();
    t.clock.set(cst('2026-03-18T09:00:00'));
    const low = await openCase(ws, { customerId: customer.id, severity: 'S4', subject: 'S4' });
    t.clock.set(cst('2026-03-18T09:05:00'));
    const high = await openCase(ws, { customerId: customer.id, severity: 'S1', subject: 'S1' });
    const mid = await openCase(ws, { customerId: customer.id, severity: 'S3', subject: 'S3' });
    const page = (await ws.admin.get<PageReply<CaseDetail>>('/api/cases')).body;
    expect(page.items.map((c) => c.id)).toEqual([high.id, mid.id, low.id]);
  });
});

describe('sla: the sweep', () => {
  it('escalates a breach of a team case to the team lead first, then to the managers', async () => {
    const { ws, customer } = await setup();
    const agent = await createStaff(t.app, ws, 'agent', [{ kind: 'support' }]);
    const deptLead = await createStaff(t.app, ws, 'agent', [{ kind: 'support', lead: true }]);
    const teamLead = await createStaff(t.app, ws, 'agent', [{ kind: 'technical' }]);
    const manager = await createStaff(t.app, ws, 'manager');
    const team = await ws.admin.post<{ id: string }>('/api/teams', {
      name: '二线技术',
      memberIds: [agent.id, teamLead.id],
      leadId: teamLead.id,
    });
    expect(team.status).toBe(201);
    const workspaceIds = [ws.me.workspace.id];
    t.clock.set(cst('2026-03-16T09:00:00'));
    const c = await openCase(ws, {
      customerId: customer.id,
      severity: 'S3',
      teamId: team.body.id,
      assigneeId: agent.id,
    });
    await runSlaSweep(t.app.deps, new Date(cst('2026-03-16T14:30:00')), { workspaceIds });
    await runSlaSweep(t.app.deps, new Date(cst('2026-03-31T12:00:00')), { workspaceIds });
    const breaches = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('workspace_id', '=', ws.me.workspace.id)
      .where('type', '=', 'sla.breached')
      .orderBy('created_at')
      .execute();
    const ladder = breaches
      .map((e) => JSON.parse(e.payload) as { caseId: string; escalationLevel: number; escalateTo: string[] })
      .filter((p) => p.caseId === c.id)
      .map((p) => [p.escalationLevel, p.escalateTo]);
    expect(ladder).toEqual([
      [1, [teamLead.id]],
      [2, [manager.id]],
    ]);
    expect(ladder.flat(2)).not.toContain(deptLead.id);
  });

  it('records warning_75, warning_90 and breached once each, at the right moments, and escalates', async () => {
    const { ws, customer } = await setup();
    const agent = await createStaff(t.app, ws, 'agent', [{ kind: 'support' }]);
    const lead = await createStaff(t.app, ws, 'agent', [{ kind: 'support', lead: true }]);
    const manager = await createStaff(t.app, ws, 'manager');
    const workspaceIds = [ws.me.workspace.id];
    // Monday 09:00 + 240 → 14:30 (180 in the morning, 60 after 13:30). 75 % = 180 min → 12:00;
    // 90 % = 216 min → 13:30 + 36 = 14:06; breached at 14:30.
    t.clock.set(cst('2026-03-16T09:00:00'));
    const c = await openCase(ws, { customerId: customer.id, severity: 'S3', assigneeId: agent.id });
    expect(c.nextDeadlineAt).toBe(cst('2026-03-16T14:30:00'));
    const sweep = async (local: string) =>
      (await runSlaSweep(t.app.deps, new Date(cst(local)), { workspaceIds })).recorded
        .filter((r) => r.caseId === c.id)
        .map((r) => `${r.kind}:${r.event}`);

    expect(await sweep('2026-03-16T11:59:00')).toEqual([]);
    expect(await sweep('2026-03-16T12:00:00')).toEqual(['first_response:warning_75']);
    expect(await sweep('2026-03-16T12:00:00')).toEqual([]);
    expect(await sweep('2026-03-16T13:00:00')).toEqual([]); // lunch: no service time passes
    expect(await sweep('2026-03-16T14:05:00')).toEqual([]);
    expect(await sweep('2026-03-16T14:06:00')).toEqual(['first_response:warning_90']);
    t.clock.set(cst('2026-03-16T14:10:00'));
    const warned = (await ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(warned.sla?.state).toBe('warning');
    expect(await sweep('2026-03-16T14:29:00')).toEqual([]);
    expect(await sweep('2026-03-16T14:30:00')).toEqual(['first_response:breached']);
    expect(await sweep('2026-03-16T14:30:00')).toEqual([]);
    expect(await sweep('2026-03-16T15:00:00')).toEqual([]);
    t.clock.set(cst('2026-03-16T15:00:00'));
    const breached = (await ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(breached.sla?.state).toBe('breached');
    expect(target(breached.sla, 'first_response')?.used).toBeGreaterThan(1);

    const events = await t.database.db
      .selectFrom('outbox')
      .select(['type', 'payload'])
      .where('workspace_id', '=', ws.me.workspace.id)
      .where('type', 'like', 'sla.%')
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['sla.warning', 'sla.warning', 'sla.breached']);
    const payload = JSON.parse(events[2]?.payload ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({
      caseId: c.id,
      kind: 'first_response',
      event: 'breached',
      escalationLevel: 1,
      escalateTo: [lead.id],
    });
    const row = await t.database.db
      .selectFrom('case_sla')
      .select('escalation_level')
      .where('workspace_id', '=', ws.me.workspace.id)
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.escalation_level).toBe(1);
    const history = await ws.admin.get<{ items: Array<{ action: string }> }>(`/api/cases/${c.id}/history`);
    expect(history.body.items.filter((h) => h.action.startsWith('sla_')).length).toBe(3);

    // The next breach (resolution, 2880 min later) escalates to the managers.
    const late = (await runSlaSweep(t.app.deps, new Date(cst('2026-03-31T12:00:00')), { workspaceIds }))
      .recorded;
    expect(late.filter((r) => r.caseId === c.id).map((r) => `${r.kind}:${r.event}`)).toEqual([
      'resolution:warning_75',
      'resolution:warning_90',
      'resolution:breached',
    ]);
    const last = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('workspace_id', '=', ws.me.workspace.id)
      .where('type', '=', 'sla.breached')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.payload)).toMatchObject({ escalationLevel: 2, escalateTo: [manager.id] });
  });
});

describe('sla: the portal commitment', () => {
  it('promises an answer time and shows the published hours at night', async () => {
    const { ws, customer } = await setup();
    const portal = await portalContact(ws, customer.id);
    t.clock.set(cst('2026-03-16T20:00:00')); // Monday night
    const res = await portal.post<PortalCaseDetail>('/api/portal/cases', {
      subject: '无法登录',
      body: '提示密码错误',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Tuesday 09:00 + 240 → 14:30.
    expect(res.body.commitment).toMatchObject({
      answerBy: cst('2026-03-17T14:30:00'),
      openNow: false,
      hours: ['周一至周五 09:00–12:00、13:30–18:00'],
      timeZone: 'Asia/Shanghai',
    });
    expect(res.body.commitment?.resolveBy).toEqual(expect.any(String));
    const list = await portal.get<{ items: Array<{ commitment: { hours: string[] } }> }>('/api/portal/cases');
    expect(list.body.items[0]?.commitment.hours).toEqual(['周一至周五 09:00–12:00、13:30–18:00']);
    t.clock.set(cst('2026-03-17T10:00:00'));
    const day = await portal.get<PortalCaseDetail>(`/api/portal/cases/${res.body.id}`);
    expect(day.body.commitment?.openNow).toBe(true);
  });
});

describe('sla: published hours', () => {
  it('groups equal weekdays, Monday first, in either language', () => {
    const split = [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ];
    const sat = [{ start: '09:00', end: '12:00' }];
    const spec = { weekly: [[], split, split, split, split, split, sat] };
    expect(publishedHours(spec, 'en')).toEqual(['Mon–Fri 09:00–12:00, 13:30–18:00', 'Sat 09:00–12:00']);
    expect(publishedHours(spec, 'zh-CN')).toEqual([
      '周一至周五 09:00–12:00、13:30–18:00',
      '周六 09:00–12:00',
    ]);
    const all = [{ start: '00:00', end: '24:00' }];
    expect(publishedHours({ weekly: [all, all, all, all, all, all, all] }, 'en')).toEqual([
      'Mon–Sun 24 hours',
    ]);
  });
});
