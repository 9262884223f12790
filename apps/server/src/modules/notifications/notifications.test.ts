import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseDetail,
  Contact,
  Customer,
  Notification,
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { runSlaSweep } from '../sla/index.js';
import { runDisciplineSweep } from '../cases/index.js';
import { runNotificationMail } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const cst = (local: string) => new Date(`${local}+08:00`).toISOString();
type Staff = Awaited<ReturnType<typeof createStaff>>;

async function world() {
  const ws = await createWorkspace(t.app);
  const customer = (
    await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: unique('客户') })
  ).body;
  const agent = await createStaff(t.app, ws, 'agent', [{ kind: 'support' }]);
  const other = await createStaff(t.app, ws, 'agent', [{ kind: 'support' }]);
  const lead = await createStaff(t.app, ws, 'agent', [{ kind: 'technical' }]);
  const manager = await createStaff(t.app, ws, 'manager');
  const team = await ws.admin.post<{ id: string }>('/api/teams', {
    name: unique('二线'),
    memberIds: [agent.id, other.id, lead.id],
    leadId: lead.id,
  });
  expect(team.status).toBe(201);
  const open = async (body: Record<string, unknown> = {}): Promise<CaseDetail> => {
    const res = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId: customer.id,
      subject: '设备故障',
      body: '无法开机',
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const dispatch = () => t.dispatch(ws.me.workspace.id);
  return { ws, customer, agent, other, lead, manager, teamId: team.body.id, open, dispatch };
}

async function mine(who: { client: Client }, query = ''): Promise<Notification[]> {
  const res = await who.client.get<NotificationPage>(`/api/me/notifications${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

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

async function mails(workspaceId: string, userId: string) {
  return t.database.db
    .selectFrom('notification_mails')
    .select(['event', 'to_address', 'subject', 'body_text', 'status', 'attempts'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

describe('notifications: who is told what', () => {
  it('tells the new assignee, not the person who assigned themselves, in their language', async () => {
    const w = await world();
    const c = await w.open({ assigneeId: w.agent.id });
    await w.dispatch();
    const got = await mine(w.agent);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      event: 'case_assigned',
      caseId: c.id,
      caseNumber: c.number,
      title: `工单 ${c.number} 已分配给您`,
      body: '设备故障',
      readAt: null,
    });
    expect(await mine({ client: w.ws.admin })).toEqual([]);
    // the same row reads in English once the reader switches language
    expect((await w.agent.client.patch('/api/auth/me', { locale: 'en' })).status).toBe(200);
    expect((await mine(w.agent))[0]?.title).toBe(`Case ${c.number} was assigned to you`);

    // reassigned by the admin: the new assignee is told
    const moved = await w.ws.admin.patch<CaseDetail>(`/api/cases/${c.id}`, {
      assigneeId: w.other.id,
      version: c.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await w.dispatch();
    expect((await mine(w.other)).map((n) => n.event)).toEqual(['case_assigned']);

    // taking a case yourself tells nobody
    const own = await w.open();
    const taken = await w.agent.client.patch<CaseDetail>(`/api/cases/${own.id}`, {
      assigneeId: w.agent.id,
      version: own.version,
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    await w.dispatch();
    expect((await mine(w.agent)).filter((n) => n.caseId === own.id)).toEqual([]);
  });

  it('tells the member an assignment rule picked when the case is created', async () => {
    const w = await world();
    const rule = await w.ws.admin.post('/api/assignment-rules', {
      name: unique('规则'),
      teamId: w.teamId,
      assign: 'least_loaded',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const c = await w.open();
    expect(c.assigneeId).toEqual(expect.any(String));
    await w.dispatch();
    const byId = new Map([w.agent, w.other, w.lead].map((s) => [s.id, s]));
    const picked = byId.get(c.assigneeId as string) as Staff;
    expect((await mine(picked)).map((n) => [n.event, n.caseId])).toEqual([['case_assigned', c.id]]);
    for (const s of byId.values()) if (s !== picked) expect(await mine(s)).toEqual([]);
  });

  it('tells the assignee when the customer replies, or the team when nobody has the case', async () => {
    const w = await world();
    const portal = await portalContact(w.ws, w.customer.id);
    const assigned = await w.open({ assigneeId: w.agent.id });
    const unassigned = await w.open({ teamId: w.teamId });
    await w.dispatch();
    for (const c of [assigned, unassigned]) {
      const r = await portal.post(`/api/portal/cases/${c.id}/messages`, { body: '还是不行' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    // an agent's own reply is no customer reply
    await w.ws.admin.post(`/api/cases/${assigned.id}/messages`, { body: '正在处理', visibility: 'public' });
    await w.dispatch();
    const replied = async (who: Staff) =>
      (await mine(who)).filter((n) => n.event === 'customer_replied').map((n) => n.caseId);
    expect(await replied(w.agent)).toEqual([unassigned.id, assigned.id]);
    expect(await replied(w.other)).toEqual([unassigned.id]);
    expect(await replied(w.lead)).toEqual([unassigned.id]);
    expect(await replied(w.manager)).toEqual([]);
  });

  it('tells the assignee of SLA warnings and breaches, and the escalation ladder of a breach', async () => {
    const w = await world();
    const workspaceIds = [w.ws.me.workspace.id];
    t.clock.set(new Date(cst('2026-03-16T09:00:00')));
    const c = await w.open({ severity: 'S3', teamId: w.teamId, assigneeId: w.agent.id });
    await runSlaSweep(t.app.deps, new Date(cst('2026-03-16T12:00:00')), { workspaceIds });
    await runSlaSweep(t.app.deps, new Date(cst('2026-03-16T14:30:00')), { workspaceIds });
    await w.dispatch();
    const events = async (who: Staff) =>
      (await mine(who)).filter((n) => n.caseId === c.id).map((n) => n.event);
    const agentSees = await events(w.agent);
    expect(agentSees).toContain('sla_warning');
    expect(agentSees).toContain('sla_breached');
    expect(await events(w.lead)).toEqual(['sla_breached']);
    expect(await events(w.other)).toEqual([]);
    const breach = (await mine(w.agent)).find((n) => n.event === 'sla_breached');
    expect(breach?.title).toBe(`工单 ${c.number} 的首次响应已超时`);
    // a breach mails the assignee by default, a warning does not
    const sent = await mails(w.ws.me.workspace.id, w.agent.id);
    expect(sent.map((m) => m.event)).toEqual(['case_assigned', 'sla_breached']);
  });

  it('tells a mentioned colleague, not the author who mentions themselves', async () => {
    const w = await world();
    const c = await w.open();
    const note = await w.agent.client.post(`/api/cases/${c.id}/messages`, {
      body: '@other @me 看一下',
      visibility: 'internal',
      mentions: [w.other.id, w.agent.id],
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    await w.dispatch();
    const got = await mine(w.other);
    expect(got.map((n) => n.event)).toEqual(['mentioned']);
    expect(got[0]?.title).toMatch(new RegExp(`在工单 ${c.number} 中提到了您$`));
    expect(await mine(w.agent)).toEqual([]);
  });

  it('reminds the assignee of a checkpoint coming due and of one missed', async () => {
    const w = await world();
    const workspaceIds = [w.ws.me.workspace.id];
    t.clock.set(new Date(cst('2026-03-16T09:00:00')));
    const c = await w.open({ assigneeId: w.agent.id });
    const added = await w.ws.admin.post(`/api/cases/${c.id}/checkpoints`, {
      title: '寄出备件',
      dueAt: cst('2026-03-18T10:00:00'),
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await runDisciplineSweep(t.app.deps, new Date(cst('2026-03-17T10:00:00')), { workspaceIds });
    await runDisciplineSweep(t.app.deps, new Date(cst('2026-03-18T10:00:00')), { workspaceIds });
    await w.dispatch();
    const due = (await mine(w.agent)).filter((n) => n.event === 'checkpoint_due');
    expect(due.map((n) => n.title)).toEqual([
      `工单 ${c.number} 的检查点“寄出备件”已逾期`,
      `工单 ${c.number} 的检查点“寄出备件”即将到期`,
    ]);
  });
});

describe('notifications: preferences', () => {
  it('starts from the defaults and switches a channel off per event', async () => {
    const w = await world();
    const defaults = await w.agent.client.get<NotificationPreferences>('/api/me/notification-preferences');
    expect(defaults.status).toBe(200);
    expect(defaults.body.items).toHaveLength(10);
    expect(defaults.body.items.find((p) => p.event === 'case_assigned')).toEqual({
      event: 'case_assigned',
      inApp: true,
      email: true,
    });
    expect(defaults.body.items.find((p) => p.event === 'customer_replied')?.email).toBe(false);

    const saved = await w.agent.client.put<NotificationPreferences>('/api/me/notification-preferences', {
      items: [{ event: 'case_assigned', inApp: false, email: true }],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.items.find((p) => p.event === 'case_assigned')).toMatchObject({ inApp: false });
    const mentionOff = await w.other.client.put('/api/me/notification-preferences', {
      items: [{ event: 'mentioned', inApp: true, email: false }],
    });
    expect(mentionOff.status).toBe(200);
    // someone else's preferences are untouched
    const others = (await w.other.client.get<NotificationPreferences>('/api/me/notification-preferences'))
      .body;
    expect(others.items.find((p) => p.event === 'case_assigned')?.inApp).toBe(true);

    const c = await w.open({ assigneeId: w.agent.id });
    await w.ws.admin.post(`/api/cases/${c.id}/messages`, {
      body: '@other',
      visibility: 'internal',
      mentions: [w.other.id],
    });
    await w.dispatch();
    expect(await mine(w.agent)).toEqual([]);
    const queued = await mails(w.ws.me.workspace.id, w.agent.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ event: 'case_assigned', to_address: w.agent.email, status: 'pending' });
    expect(queued[0]?.subject).toBe(`[${c.number}] 工单 ${c.number} 已分配给您`);
    expect(queued[0]?.body_text).toContain(`http://aftercare.test/app/cases/${c.id}`);
    expect((await mine(w.other)).map((n) => n.event)).toEqual(['mentioned']);
    expect(await mails(w.ws.me.workspace.id, w.other.id)).toEqual([]);

    // the sender delivers the queued mail through the system mailer, outside the dispatch
    const run = await runNotificationMail(t.app.deps, t.clock.now(), {
      workspaceIds: [w.ws.me.workspace.id],
    });
    expect(run).toEqual({ sent: 1, failed: 0 });
    expect((await mails(w.ws.me.workspace.id, w.agent.id))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(
      await runNotificationMail(t.app.deps, t.clock.now(), { workspaceIds: [w.ws.me.workspace.id] }),
    ).toEqual({ sent: 0, failed: 0 });
  });

  it('refuses unknown events and channels', async () => {
    const w = await world();
    const bad = await w.agent.client.put<ErrorReply>('/api/me/notification-preferences', {
      items: [{ event: 'nope', inApp: true, email: true }],
    });
    expect(bad.status).toBe(400);
    const extra = await w.agent.client.put<ErrorReply>('/api/me/notification-preferences', {
      items: [{ event: 'mentioned', inApp: true, email: true, sms: true }],
    });
    expect(extra.status).toBe(400);
  });
});

describe('notifications: the centre', () => {
  it('pages newest first, filters unread, counts, and marks read one or all', async () => {
    const w = await world();
    const cases: CaseDetail[] = [];
    for (let i = 0; i < 5; i += 1) {
      cases.push(await w.open({ assigneeId: w.agent.id }));
      t.clock.advance(1000);
    }
    await w.dispatch();
    const first = await w.agent.client.get<NotificationPage>('/api/me/notifications?limit=2');
    expect(first.body.items.map((n) => n.caseId)).toEqual([cases[4]?.id, cases[3]?.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await w.agent.client.get<NotificationPage>(
      `/api/me/notifications?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((n) => n.caseId)).toEqual([cases[2]?.id, cases[1]?.id]);
    const third = await w.agent.client.get<NotificationPage>(
      `/api/me/notifications?limit=2&cursor=${second.body.nextCursor}`,
    );
    expect(third.body.items.map((n) => n.caseId)).toEqual([cases[0]?.id]);
    expect(third.body.nextCursor).toBeNull();
    expect((await w.agent.client.get('/api/me/notifications?cursor=garbage')).status).toBe(400);

    const count = () => w.agent.client.get<UnreadCount>('/api/me/notifications/unread-count');
    expect((await count()).body).toEqual({ count: 5 });
    const target = first.body.items[0] as Notification;
    const read = await w.agent.client.post<Notification>(`/api/me/notifications/${target.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await count()).body).toEqual({ count: 4 });
    expect((await mine(w.agent, '?unread=true')).map((n) => n.id)).not.toContain(target.id);
    expect(await mine(w.agent, '?unread=true')).toHaveLength(4);
    const all = await w.agent.client.post<UnreadCount>('/api/me/notifications/read-all');
    expect(all.status).toBe(200);
    expect((await count()).body).toEqual({ count: 0 });
    expect(await mine(w.agent, '?unread=true')).toEqual([]);
    expect(await mine(w.agent)).toHaveLength(5);
  });

  it('shows a person only their own: another person’s or workspace’s notification is 404', async () => {
    const w = await world();
    const elsewhere = await world();
    await w.open({ assigneeId: w.agent.id });
    await w.dispatch();
    const [n] = await mine(w.agent);
    expect(n).toBeDefined();
    const id = (n as Notification).id;
    for (const client of [w.other.client, w.ws.admin, elsewhere.ws.admin, elsewhere.agent.client]) {
      const res = await client.post<ErrorReply>(`/api/me/notifications/${id}/read`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect(JSON.stringify((await client.get('/api/me/notifications')).body)).not.toContain(id);
    }
    expect((await mine(w.agent, '?unread=true')).map((x) => x.id)).toEqual([id]);
    expect((await new Client(t.app).get('/api/me/notifications')).status).toBe(401);
  });

  it('writes nothing twice when an event is dispatched again', async () => {
    const w = await world();
    await w.open({ assigneeId: w.agent.id });
    await w.dispatch();
    expect(await w.dispatch()).toEqual({ dispatched: 0, failed: 0 });
    // as if the claim were lost after the rows were written: the same event handled a second time
    await t.database.db
      .updateTable('outbox')
      .set({ processed_at: null })
      .where('workspace_id', '=', w.ws.me.workspace.id)
      .execute();
    expect((await w.dispatch()).dispatched).toBeGreaterThan(0);
    expect(await mine(w.agent)).toHaveLength(1);
    expect(await mails(w.ws.me.workspace.id, w.agent.id)).toHaveLength(1);
  });
});

describe('notifications: live', () => {
  it('streams a new notification to the signed-in person over server-sent events', async () => {
    const w = await world();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const session = w.agent.client.session;
    expect(session).not.toBeNull();
    const cookie = `ac_session=${session?.cookie ?? ''}`;
    const refused = await fetch(`${address}/api/me/notifications/stream`, { headers: { cookie } });
    expect(refused.status).toBe(400);
    const anonymous = await fetch(`${address}/api/me/notifications/stream`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(anonymous.status).toBe(401);

    const controller = new AbortController();
    const res = await fetch(`${address}/api/me/notifications/stream`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (needle: string) => {
      const deadline = Date.now() + 10_000;
      while (!text.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no ${needle} in ${text}`);
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`stream ended: ${text}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    await until('event: unread\ndata: {"count":0}');
    const c = await w.open({ assigneeId: w.agent.id });
    await w.dispatch();
    await until('event: notification');
    await until('event: unread\ndata: {"count":1}');
    const data = text
      .split('\n\n')
      .find((block) => block.startsWith('event: notification'))
      ?.split('\n')
      .find((line) => line.startsWith('data: '))
      ?.slice(6);
    expect(JSON.parse(data ?? '{}')).toMatchObject({ event: 'case_assigned', caseId: c.id, readAt: null });
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it('ends open streams when the server closes', async () => {
    const other = await createTestApp();
    const ws = await createWorkspace(other.app);
    const address = await other.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/me/notifications/stream`, {
      headers: { cookie: `ac_session=${ws.session.cookie}`, accept: 'text/event-stream' },
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('retry:');
    const closing = other.close();
    for (;;) if ((await reader.read()).done) break;
    await closing;
  });
});
