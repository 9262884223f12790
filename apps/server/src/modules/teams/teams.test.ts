import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssignmentRule,
  AuditEntry,
  CaseCounts,
  CaseDetail,
  Contact,
  Customer,
  Team,
  Workload,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { runSlaSweep } from '../sla/index.js';
import { Client, fieldsOf, sessionFrom, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function world(tier: 'standard' | 'gold' | 'platinum' = 'standard') {
  const ws = await createWorkspace(t.app);
  const customer = (
    await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: unique('客户'), tier })
  ).body;
  const a = await createStaff(t.app, ws, 'agent');
  const b = await createStaff(t.app, ws, 'agent');
  const c = await createStaff(t.app, ws, 'agent');
  return { ws, customer, a, b, c };
}

async function team(ws: Workspace, name: string, memberIds: string[], leadId?: string): Promise<Team> {
  const r = await ws.admin.post<Team>('/api/teams', { name, memberIds, leadId });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function rule(ws: Workspace, body: Record<string, unknown>): Promise<AssignmentRule> {
  const r = await ws.admin.post<AssignmentRule>('/api/assignment-rules', { name: unique('规则'), ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function openCase(ws: Workspace | Client, body: Record<string, unknown>): Promise<CaseDetail> {
  const client = ws instanceof Client ? ws : ws.admin;
  const r = await client.post<CaseDetail>('/api/cases', { subject: '设备故障', body: '无法开机', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function portalContact(ws: Workspace, customerId: string, companyWide = true) {
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

type Err = { status: number; body: ErrorReply };

describe('teams', () => {
  it('creates, validates, updates with a version and deletes teams; only teams.manage may', async () => {
    const { ws, a, b, c } = await world();
    const created = await team(ws, '一线支持', [a.id, b.id], a.id);
    expect(created.leadName).toBeTruthy();
    expect(created.members.map((m) => m.userId).sort()).toEqual([a.id, b.id].sort());
    expect(created.actions).toContain('update');

    const customerLike = (await ws.admin.post<Customer>('/api/customers', { code: 'Q', name: '丁方' })).body
      .id;
    const bad = (await ws.admin.post('/api/teams', {
      name: '一线支持',
      memberIds: [a.id, customerLike],
      leadId: b.id,
    })) as Err;
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual([
      'leadId:not_team_member',
      'memberIds/1:unknown_reference',
      'name:duplicate',
    ]);
    expect(bad.body.error.details?.find((d) => d.field === 'leadId')?.message).toBe('该用户不是该团队的成员');

    // An agent reads teams but cannot manage them; a manager can.
    expect((await a.client.get<Team[]>('/api/teams')).body).toHaveLength(1);
    expect((await a.client.post('/api/teams', { name: 'x', memberIds: [] })).status).toBe(403);
    const manager = await createStaff(t.app, ws, 'manager');
    expect((await manager.client.post('/api/teams', { name: '二线', memberIds: [c.id] })).status).toBe(201);

    const renamed = await ws.admin.patch<Team>(`/api/teams/${created.id}`, {
      name: '一线',
      memberIds: [a.id, b.id, c.id],
      version: created.version,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.members).toHaveLength(3);
    const stale = await ws.admin.patch(`/api/teams/${created.id}`, { name: '旧', version: created.version });
    expect(stale.status).toBe(409);

    // A case of the team loses it when the team goes; a rule routing to it keeps it.
    const teamCase = await openCase(ws, { customerId: customerLike, teamId: created.id });
    expect(teamCase.teamId).toBe(created.id);
    expect(teamCase.teamName).toBe('一线');
    const r = await rule(ws, { teamId: created.id });
    const inUse = (await ws.admin.delete(`/api/teams/${created.id}`)) as Err;
    expect(inUse.status).toBe(400);
    expect(fieldsOf(inUse)).toEqual(['teamId:in_use']);
    expect((await ws.admin.delete(`/api/assignment-rules/${r.id}`)).status).toBe(200);
    expect((await ws.admin.delete(`/api/teams/${created.id}`)).status).toBe(200);
    expect((await ws.admin.get<CaseDetail>(`/api/cases/${teamCase.id}`)).body.teamId).toBeNull();
    expect((await ws.admin.get(`/api/teams/${created.id}`)).status).toBe(404);
  });

  it('checks the team of a case and that an assignee given with it is a member', async () => {
    const { ws, customer, a, b } = await world();
    const x = await team(ws, 'X', [a.id]);
    const notMember = (await ws.admin.post('/api/cases', {
      customerId: customer.id,
      subject: 's',
      body: 'b',
      teamId: x.id,
      assigneeId: b.id,
    })) as Err;
    expect(notMember.status).toBe(400);
    expect(fieldsOf(notMember)).toEqual(['assigneeId:not_team_member']);
    const unknown = (await ws.admin.post('/api/cases', {
      customerId: customer.id,
      subject: 's',
      body: 'b',
      teamId: customer.id,
    })) as Err;
    expect(fieldsOf(unknown)).toEqual(['teamId:unknown_reference']);
    const ok = await openCase(ws, { customerId: customer.id, teamId: x.id, assigneeId: a.id });
    expect([ok.teamId, ok.assigneeId]).toEqual([x.id, a.id]);
    // Moving to a team the assignee is not in is refused; moving team and assignee together works.
    const y = await team(ws, 'Y', [b.id]);
    const moved = (await ws.admin.patch(`/api/cases/${ok.id}`, { teamId: y.id, version: ok.version })) as Err;
    expect(moved.status).toBe(400);
    expect(fieldsOf(moved)).toEqual(['assigneeId:not_team_member']);
    const both = await ws.admin.patch<CaseDetail>(`/api/cases/${ok.id}`, {
      teamId: y.id,
      assigneeId: b.id,
      version: ok.version,
    });
    expect(both.status).toBe(200);
    expect(both.body.teamName).toBe('Y');
  });
});

describe('assignment rules', () => {
  it('routes new cases from any channel by the first matching rule, recorded in the audit entry', async () => {
    const { ws, customer, a, b, c } = await world('gold');
    const other = (await ws.admin.post<Customer>('/api/customers', { code: 'O', name: '其他' })).body;
    const printers = await team(ws, '打印机组', [a.id]);
    const vip = await team(ws, '大客户组', [b.id, c.id]);
    const general = await team(ws, '综合组', [a.id, b.id]);
    const r1 = await rule(ws, {
      conditions: { subjectWords: ['打印机', 'Printer'] },
      teamId: printers.id,
      assign: 'agent',
      agentId: a.id,
    });
    const r2 = await rule(ws, { conditions: { tiers: ['gold'] }, teamId: vip.id, assign: 'least_loaded' });
    const r3 = await rule(ws, {
      conditions: { severities: ['S1'], channels: ['phone'] },
      teamId: general.id,
    });
    expect([r1.position, r2.position, r3.position]).toEqual([1, 2, 3]);

    const printer = await openCase(ws, { customerId: customer.id, subject: 'PRINTER 卡纸' });
    expect([printer.teamId, printer.assigneeId]).toEqual([printers.id, a.id]);
    const gold = await openCase(ws, { customerId: customer.id });
    expect(gold.teamId).toBe(vip.id);
    expect([b.id, c.id]).toContain(gold.assigneeId);
    const s1 = await openCase(ws, { customerId: other.id, severity: 'S1' });
    expect([s1.teamId, s1.assigneeId]).toEqual([general.id, null]);
    const none = await openCase(ws, { customerId: other.id, severity: 'S1', channel: 'visit' });
    expect([none.teamId, none.assigneeId]).toEqual([null, null]);
    // An explicit assignee or team skips the rules.
    const explicit = await openCase(ws, { customerId: customer.id, subject: '打印机', assigneeId: c.id });
    expect([explicit.teamId, explicit.assigneeId]).toEqual([null, c.id]);

    const history = await ws.admin.get<{ items: AuditEntry[] }>(`/api/cases/${printer.id}/history`);
    const created = history.body.items.find((e) => e.action === 'created');
    expect(created?.changes.assignmentRule?.to).toEqual({ id: r1.id, name: r1.name, assign: 'agent' });

    // The portal goes through the same rules.
    const portal = await portalContact(ws, customer.id);
    const fromPortal = await portal.client.post<{ id: string }>('/api/portal/cases', {
      subject: '打印机不出纸',
      body: '急',
    });
    expect(fromPortal.status).toBe(201);
    const seen = (await ws.admin.get<CaseDetail>(`/api/cases/${fromPortal.body.id}`)).body;
    expect([seen.teamId, seen.assigneeId, seen.channel]).toEqual([printers.id, a.id, 'portal']);

    // Reordering changes the winner; an inactive rule is skipped.
    const order = await ws.admin.put<AssignmentRule[]>('/api/assignment-rules/order', {
      ids: [r2.id, r1.id, r3.id],
    });
    expect(order.status).toBe(200);
    expect(order.body.map((r) => r.id)).toEqual([r2.id, r1.id, r3.id]);
    expect((await openCase(ws, { customerId: customer.id, subject: '打印机' })).teamId).toBe(vip.id);
    const off = await ws.admin.patch<AssignmentRule>(`/api/assignment-rules/${r2.id}`, {
      active: false,
      version: order.body[0]?.version,
    });
    expect(off.status).toBe(200);
    expect((await openCase(ws, { customerId: customer.id, subject: '打印机' })).teamId).toBe(printers.id);
    expect((await ws.admin.put('/api/assignment-rules/order', { ids: [r1.id] })).status).toBe(400);
  });

  it('refuses rules that cannot work, with field errors', async () => {
    const { ws, a, b } = await world();
    const x = await team(ws, 'X', [a.id]);
    const post = async (body: Record<string, unknown>) =>
      fieldsOf(await ws.admin.post('/api/assignment-rules', { name: 'r', ...body }));
    expect(await post({ assign: 'least_loaded' })).toEqual(['teamId:required']);
    expect(await post({ assign: 'agent' })).toEqual(['agentId:required']);
    expect(await post({ assign: 'agent', agentId: b.id, teamId: x.id })).toEqual(['agentId:not_team_member']);
    expect(await post({ teamId: a.id })).toEqual(['teamId:unknown_reference']);
    expect(await post({})).toEqual(['teamId:required']);
    expect(await post({ teamId: x.id, conditions: { customerIds: [a.id] } })).toEqual([
      'conditions/customerIds/0:unknown_reference',
    ]);
    expect((await a.client.post('/api/assignment-rules', { name: 'r', teamId: x.id })).status).toBe(403);
  });
});

describe('assignment by load', () => {
  it('gives the case to the least-loaded active member, ties to whoever waited longest, never to a disabled user', async () => {
    const { ws, customer, a, b, c } = await world();
    const x = await team(ws, 'X', [a.id, b.id, c.id]);
    // a already has one active case; c is disabled.
    await openCase(ws, { customerId: customer.id, assigneeId: a.id });
    const users = await ws.admin.get<{ items: Array<{ id: string; version: number }> }>(
      '/api/users?pageSize=100',
    );
    const cUser = users.body.items.find((u) => u.id === c.id);
    const disabled = await ws.admin.patch(`/api/users/${c.id}`, {
      status: 'disabled',
      version: cUser?.version,
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    await rule(ws, { teamId: x.id, assign: 'least_loaded' });
    const got: Array<string | null> = [];
    for (let i = 0; i < 5; i++) got.push((await openCase(ws, { customerId: customer.id })).assigneeId);
    // b (0 vs 1), then a tie at 1–1 goes to a (never picked), b, a, b.
    expect(got).toEqual([b.id, a.id, b.id, a.id, b.id]);
    expect(got).not.toContain(c.id);
    const mine = await a.client.get<{ items: CaseDetail[] }>('/api/cases?view=mine');
    expect(mine.body.items).toHaveLength(3);
  });

  it('sends two cases created at the same time to different agents when loads are equal', async () => {
    const { ws, customer, a, b } = await world();
    const x = await team(ws, 'X', [a.id, b.id]);
    await rule(ws, { teamId: x.id, assign: 'least_loaded' });
    const [one, two] = await Promise.all([
      openCase(ws, { customerId: customer.id }),
      openCase(ws, { customerId: customer.id }),
    ]);
    expect(new Set([one.assigneeId, two.assigneeId])).toEqual(new Set([a.id, b.id]));
  });
});

describe('queue views, counts and the workload board', () => {
  it('counts team, at-risk and breached cases and shows them in the views and on the board', async () => {
    const { ws, customer, a, b } = await world('platinum');
    const x = await team(ws, 'X', [a.id, b.id]);
    const start = new Date('2026-03-14T14:00:00.000Z'); // Saturday night in Shanghai: 7×24 only
    t.clock.set(start);
    const s1 = await openCase(ws, {
      customerId: customer.id,
      severity: 'S1',
      teamId: x.id,
      assigneeId: a.id,
    });
    const s3 = await openCase(ws, {
      customerId: customer.id,
      severity: 'S3',
      teamId: x.id,
      assigneeId: a.id,
    });
    const elsewhere = await openCase(ws, { customerId: customer.id, severity: 'S3', assigneeId: b.id });
    expect(s1.nextDeadlineAt).toBe('2026-03-14T14:30:00.000Z');
    const counts = async (c: Client) => (await c.get<CaseCounts>('/api/cases/counts')).body;
    const ids = async (c: Client, view: string) =>
      (await c.get<{ items: CaseDetail[] }>(`/api/cases?view=${view}`)).body.items.map((i) => i.id);

    expect(await counts(b.client)).toMatchObject({ team: 2, at_risk: 0, breached: 0, mine: 1 });
    expect(await ids(b.client, 'team')).toEqual([s1.id, s3.id]);
    expect(await ids(ws.admin, 'team')).toEqual([]);

    // 24 of 30 minutes used: the sweep records the warning; the case is at risk.
    t.clock.set(new Date(start.getTime() + 24 * 60_000));
    const workspaceIds = [ws.me.workspace.id];
    await runSlaSweep(t.app.deps, t.clock.now(), { workspaceIds });
    expect(await counts(a.client)).toMatchObject({ at_risk: 1, breached: 0, mine: 2 });
    expect(await ids(a.client, 'at_risk')).toEqual([s1.id]);

    const board = await ws.admin.get<Workload>('/api/workload');
    expect(board.status).toBe(200);
    const agentA = board.body.agents.find((g) => g.userId === a.id);
    expect(agentA?.active).toBe(2);
    expect(agentA?.byStatus).toEqual({ new: 2, open: 0, pending: 0, on_hold: 0 });
    expect(agentA?.customers).toEqual([{ customerId: customer.id, customerName: customer.name, count: 2 }]);
    expect(agentA?.teams.map((g) => g.name)).toEqual(['X']);
    expect(agentA?.nextDeadlines.map((d) => [d.caseId, d.slaState])).toEqual([
      [s1.id, 'warning'],
      [s3.id, 'ok'],
    ]);
    const byTeam = await ws.admin.get<Workload>(`/api/workload?teamId=${x.id}`);
    expect(byTeam.body.agents.map((g) => g.userId).sort()).toEqual([a.id, b.id].sort());
    expect(byTeam.body.agents.find((g) => g.userId === b.id)?.active).toBe(0);
    expect(
      (await ws.admin.get<Workload>('/api/workload')).body.agents.find((g) => g.userId === b.id)?.active,
    ).toBe(1);
    expect(elsewhere.teamId).toBeNull();

    // Past due: breached, no longer "at risk".
    t.clock.set(new Date(start.getTime() + 31 * 60_000));
    expect(await counts(a.client)).toMatchObject({ at_risk: 0, breached: 1 });
    expect(await ids(a.client, 'breached')).toEqual([s1.id]);
    const late = await ws.admin.get<Workload>('/api/workload');
    expect(late.body.agents.find((g) => g.userId === a.id)?.nextDeadlines[0]?.slaState).toBe('breached');

    // A reply meets first response: no longer breached.
    const reply = await a.client.post(`/api/cases/${s1.id}/messages`, {
      body: '已收到',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    expect((await counts(a.client)).breached).toBe(0);
    expect((await ws.admin.get(`/api/workload?teamId=${customer.id}`)).status).toBe(404);
  });
});
