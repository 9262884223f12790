import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseMessage, Customer, MyMention, PageOf } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, fieldsOf, sessionFrom, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function world() {
  const ws = await createWorkspace(t.app);
  const customer = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方机电' })).body;
  const agent = await createStaff(t.app, ws, 'agent');
  const lead = await createStaff(t.app, ws, 'manager');
  const open = async (subject: string) =>
    (await ws.admin.post<CaseDetail>('/api/cases', { customerId: customer.id, subject, body: '无法开机' }))
      .body.id;
  return { ws, agent, lead, open };
}

async function events(workspaceId: string, type: string) {
  const rows = await t.database.db
    .selectFrom('outbox')
    .select(['payload'])
    .where('workspace_id', '=', workspaceId)
    .where('type', '=', type)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

describe('@mentions', () => {
  it('stores mentions from the structured field, shows them on the message and emits one event per user', async () => {
    const { ws, agent, lead, open } = await world();
    const caseId = await open('设备故障');
    const note = await ws.admin.post<CaseMessage>(`/api/cases/${caseId}/messages`, {
      body: '<p>@agent 请看一下，@lead 知悉</p>',
      visibility: 'internal',
      mentions: [agent.id, lead.id],
    });
    expect(note.status).toBe(201);
    expect(note.body.mentions?.map((m) => m.userId).sort()).toEqual([agent.id, lead.id].sort());
    const detail = (await ws.admin.get<CaseDetail>(`/api/cases/${caseId}`)).body;
    const message = detail.messages.find((m) => m.id === note.body.id);
    expect(message?.mentions).toHaveLength(2);
    expect(detail.messages[0]?.mentions).toEqual([]);
    const emitted = await events(ws.me.workspace.id, 'case.mentioned');
    expect(emitted).toHaveLength(2);
    expect(emitted.map((e) => e.userId).sort()).toEqual([agent.id, lead.id].sort());
    expect(emitted[0]).toMatchObject({ caseId, messageId: note.body.id, visibility: 'internal' });
  });

  it('lists the messages that mentioned me, newest first, and nobody else’s', async () => {
    const { ws, agent, lead, open } = await world();
    const first = await open('第一个');
    const second = await open('第二个');
    await ws.admin.post(`/api/cases/${first}/messages`, {
      body: '@agent 第一次',
      visibility: 'internal',
      mentions: [agent.id],
    });
    t.clock.advance(60_000);
    await ws.admin.post(`/api/cases/${second}/messages`, {
      body: '@agent 第二次',
      visibility: 'public',
      mentions: [agent.id],
    });
    const mine = await agent.client.get<PageOf<MyMention>>('/api/me/mentions');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.map((m) => m.caseId)).toEqual([second, first]);
    expect(mine.body.items[0]).toMatchObject({
      caseSubject: '第二个',
      visibility: 'public',
      excerpt: '@agent 第二次',
    });
    expect((await lead.client.get<PageOf<MyMention>>('/api/me/mentions')).body.items).toEqual([]);
    const paged = await agent.client.get<PageOf<MyMention>>('/api/me/mentions?pageSize=1&page=2');
    expect(paged.body.items.map((m) => m.caseId)).toEqual([first]);
  });

  it('accepts only active colleagues of the workspace and writes nothing otherwise', async () => {
    const { ws, agent, open } = await world();
    const caseId = await open('设备故障');
    const invited = await ws.admin.post<{ user: { id: string } }>('/api/users/invitations', {
      email: `invited-${Date.now()}@example.com`,
      name: '未接受邀请',
      roleIds: (await ws.admin.get<Array<{ id: string; key: string | null }>>('/api/roles')).body
        .filter((r) => r.key === 'agent')
        .map((r) => r.id),
    });
    expect(invited.status).toBe(201);
    const other = await createWorkspace(t.app);
    const before = (await ws.admin.get<CaseDetail>(`/api/cases/${caseId}`)).body.messages.length;
    const res = await ws.admin.post<ErrorReply>(`/api/cases/${caseId}/messages`, {
      body: 'x',
      visibility: 'internal',
      mentions: [agent.id, invited.body.user.id, other.me.id, crypto.randomUUID()],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['mentions/1:not_staff', 'mentions/2:not_staff', 'mentions/3:not_staff']);
    expect(res.body.error.details?.[0]?.message).toBe('只能提及本工作区在职的同事');
    expect((await ws.admin.get<CaseDetail>(`/api/cases/${caseId}`)).body.messages).toHaveLength(before);
    expect(await events(ws.me.workspace.id, 'case.mentioned')).toEqual([]);
    const dup = await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: 'x',
      visibility: 'internal',
      mentions: [agent.id, agent.id],
    });
    expect(dup.status).toBe(400);
  });

  it('is not offered to contacts', async () => {
    const { ws, agent, open } = await world();
    const caseId = await open('设备故障');
    await ws.admin.post(`/api/cases/${caseId}/messages`, {
      body: '@agent',
      visibility: 'public',
      mentions: [agent.id],
    });
    const contact = await ws.admin.post<{ id: string }>('/api/contacts', {
      customerId: (await ws.admin.get<CaseDetail>(`/api/cases/${caseId}`)).body.customerId,
      name: '联系人',
      email: `c-${Date.now()}@customer.example.com`,
    });
    expect(contact.status).toBe(201);
    const invite = await ws.admin.post<{ inviteUrl: string }>(
      `/api/contacts/${contact.body.id}/portal-invite`,
    );
    const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
      token: new URL(invite.body.inviteUrl).searchParams.get('token'),
      password: PASSWORD,
    });
    const portal = new Client(t.app, sessionFrom(accepted));
    const reply = await portal.post(`/api/portal/cases/${caseId}/messages`, {
      body: 'x',
      mentions: [agent.id],
    });
    expect(reply.status).toBe(400);
    expect((await portal.get('/api/me/mentions')).status).toBe(403);
  });
});
