import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditEntry,
  CaseDetail,
  CaseMergeLinks,
  CasePresence,
  CaseSplitResult,
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

async function world() {
  const ws = await createWorkspace(t.app);
  const a = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方机电' })).body;
  const b = (await ws.admin.post<Customer>('/api/customers', { code: 'B', name: '乙方软件' })).body;
  const portal = await portalContact(ws, a.id);
  return { ws, a, b, portal };
}

async function openCase(ws: Workspace, body: Record<string, unknown>): Promise<CaseDetail> {
  const r = await ws.admin.post<CaseDetail>('/api/cases', { subject: '设备故障', body: '无法开机', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const get = async (ws: Workspace, id: string) => (await ws.admin.get<CaseDetail>(`/api/cases/${id}`)).body;
type Err = { status: number; body: ErrorReply };

describe('merge', () => {
  it('copies the messages, closes the merged case and links both sides, the portal included', async () => {
    const { ws, a, b, portal } = await world();
    const from = await openCase(ws, {
      customerId: a.id,
      contactId: portal.contact.id,
      subject: '打印机卡纸',
    });
    await ws.admin.post(`/api/cases/${from.id}/messages`, { body: '内部：备件已订', visibility: 'internal' });
    await ws.admin.post(`/api/cases/${from.id}/messages`, { body: '请重启试试', visibility: 'public' });
    const into = await openCase(ws, {
      customerId: a.id,
      contactId: portal.contact.id,
      subject: '打印机故障',
    });
    const other = await openCase(ws, { customerId: b.id });
    const current = await get(ws, from.id);

    const merge = (id: string, body: Record<string, unknown>) =>
      ws.admin.post<ErrorReply>(`/api/cases/${id}/merge`, body);
    expect(fieldsOf(await merge(from.id, { targetCaseId: from.id, version: current.version }))).toEqual([
      'targetCaseId:merge_same_case',
    ]);
    const across = await merge(from.id, { targetCaseId: other.id, version: current.version });
    expect(fieldsOf(across)).toEqual(['targetCaseId:merge_customer_mismatch']);
    expect(across.body.error.details?.[0]?.message).toBe('只能合并同一客户的工单');
    expect(fieldsOf(await merge(from.id, { targetCaseId: a.id, version: current.version }))).toEqual([
      'targetCaseId:unknown_reference',
    ]);
    expect((await merge(from.id, { targetCaseId: into.id, version: current.version - 1 })).status).toBe(409);

    const merged = await ws.admin.post<CaseDetail>(`/api/cases/${from.id}/merge`, {
      targetCaseId: into.id,
      version: current.version,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.id).toBe(into.id);
    expect(merged.body.messages.map((m) => m.bodyText)).toEqual(
      expect.arrayContaining(['无法开机', '内部：备件已订', '请重启试试']),
    );
    expect(merged.body.messages).toHaveLength(4);
    const closed = await get(ws, from.id);
    expect(closed.status).toBe('closed');

    const linksA = (await ws.admin.get<CaseMergeLinks>(`/api/cases/${from.id}/merges`)).body;
    expect(linksA.links.map((l) => [l.kind, l.caseId, l.number])).toEqual([
      ['merged_into', into.id, into.number],
    ]);
    const linksB = (await ws.admin.get<CaseMergeLinks>(`/api/cases/${into.id}/merges`)).body;
    expect(linksB.links.map((l) => [l.kind, l.caseId])).toEqual([['merged_from', from.id]]);
    expect(linksB.mergedMessages).toHaveLength(3);
    expect(linksB.mergedMessages.every((m) => m.fromNumber === from.number)).toBe(true);

    // The portal sees the link both ways, and never the internal note.
    const portalA = (await portal.client.get<CaseMergeLinks>(`/api/portal/cases/${from.id}/merges`)).body;
    expect(portalA.links.map((l) => l.kind)).toEqual(['merged_into']);
    const portalB = (await portal.client.get<CaseMergeLinks>(`/api/portal/cases/${into.id}/merges`)).body;
    expect(portalB.links.map((l) => l.kind)).toEqual(['merged_from']);
    expect(portalB.mergedMessages).toHaveLength(2);
    const seen = (await portal.client.get<PortalCaseDetail>(`/api/portal/cases/${into.id}`)).body;
    expect(seen.messages.map((m) => m.bodyText)).not.toContain('内部：备件已订');
    expect(seen.messages).toHaveLength(3);
    // A contact of another customer gets 404.
    const stranger = await portalContact(ws, b.id);
    expect((await stranger.client.get(`/api/portal/cases/${into.id}/merges`)).status).toBe(404);

    // Audit on both sides; a closed case cannot be merged again nor receive a merge.
    const history = async (id: string) =>
      (await ws.admin.get<{ items: AuditEntry[] }>(`/api/cases/${id}/history`)).body.items.map(
        (e) => e.action,
      );
    expect(await history(from.id)).toContain('merged');
    expect(await history(into.id)).toContain('merge_received');
    expect((await merge(from.id, { targetCaseId: into.id, version: closed.version })).status).toBe(409);
    const third = await openCase(ws, { customerId: a.id });
    const intoClosed = await merge(third.id, { targetCaseId: from.id, version: third.version });
    expect(fieldsOf(intoClosed)).toEqual(['targetCaseId:merge_target_closed']);
  });
});

describe('split', () => {
  it('makes one message a new linked case of the same customer and contact', async () => {
    const { ws, a, portal } = await world();
    const source = await openCase(ws, {
      customerId: a.id,
      contactId: portal.contact.id,
      subject: '两个问题',
    });
    const reply = await portal.client.post<PortalCaseDetail>(`/api/portal/cases/${source.id}/messages`, {
      body: '另外，显示器也坏了',
    });
    expect(reply.status).toBe(201);
    const message = reply.body.messages.find((m) => m.bodyText === '另外，显示器也坏了');
    const split = await ws.admin.post<CaseSplitResult>(`/api/cases/${source.id}/split`, {
      messageId: message?.id,
      subject: '显示器故障',
    });
    expect(split.status, JSON.stringify(split.body)).toBe(201);
    const created = await get(ws, split.body.caseId);
    expect([created.subject, created.customerId, created.contactId]).toEqual([
      '显示器故障',
      a.id,
      portal.contact.id,
    ]);
    expect(created.messages).toHaveLength(1);
    expect(created.messages[0]?.authorType).toBe('contact');
    expect(created.messages[0]?.bodyText).toBe('另外，显示器也坏了');
    const links = (await ws.admin.get<CaseMergeLinks>(`/api/cases/${source.id}/merges`)).body.links;
    expect(links.map((l) => [l.kind, l.caseId])).toEqual([['split_to', created.id]]);
    const back = (await portal.client.get<CaseMergeLinks>(`/api/portal/cases/${created.id}/merges`)).body
      .links;
    expect(back.map((l) => [l.kind, l.number])).toEqual([['split_from', source.number]]);
    const actions = (await ws.admin.get<{ items: AuditEntry[] }>(`/api/cases/${source.id}/history`)).body
      .items;
    expect(actions.map((e) => e.action)).toContain('split');

    // An internal note split off stays internal: the portal does not see it.
    await ws.admin.post(`/api/cases/${source.id}/messages`, { body: '内部排查记录', visibility: 'internal' });
    const note = (await get(ws, source.id)).messages.find((m) => m.bodyText === '内部排查记录');
    const fromNote = await ws.admin.post<CaseSplitResult>(`/api/cases/${source.id}/split`, {
      messageId: note?.id,
    });
    expect(fromNote.status).toBe(201);
    expect((await get(ws, fromNote.body.caseId)).subject).toBe('两个问题（拆分）');
    const portalView = await portal.client.get<PortalCaseDetail>(`/api/portal/cases/${fromNote.body.caseId}`);
    expect(portalView.body.messages).toHaveLength(0);

    const unknown = (await ws.admin.post(`/api/cases/${source.id}/split`, { messageId: a.id })) as Err;
    expect(fieldsOf(unknown)).toEqual(['messageId:unknown_reference']);
  });
});

describe('presence', () => {
  it('shows who else is viewing or replying, and forgets them 30 s after their last heartbeat', async () => {
    const { ws, a } = await world();
    const zhang = await createStaff(t.app, ws, 'agent');
    const c = await openCase(ws, { customerId: a.id });
    t.clock.set('2026-05-01T02:00:00.000Z');
    const beat = (client: Client, state: string) =>
      client.put<CasePresence>(`/api/cases/${c.id}/presence`, { state });
    expect((await beat(zhang.client, 'replying')).body.others).toEqual([]);
    const seen = await beat(ws.admin, 'viewing');
    expect(seen.status).toBe(200);
    expect(seen.body.others.map((o) => [o.userId, o.state])).toEqual([[zhang.id, 'replying']]);
    expect(seen.body.heartbeatMs).toBe(10_000);
    const fromZhang = (await zhang.client.get<CasePresence>(`/api/cases/${c.id}/presence`)).body;
    expect(fromZhang.others.map((o) => [o.userId, o.state])).toEqual([[ws.me.id, 'viewing']]);

    t.clock.advance(20_000);
    await beat(ws.admin, 'viewing');
    t.clock.advance(11_000); // zhang's last beat was 31 s ago; the admin's 11 s ago
    expect((await ws.admin.get<CasePresence>(`/api/cases/${c.id}/presence`)).body.others).toEqual([]);
    expect((await zhang.client.get<CasePresence>(`/api/cases/${c.id}/presence`)).body.others).toHaveLength(1);
    await beat(zhang.client, 'viewing');
    expect((await ws.admin.get<CasePresence>(`/api/cases/${c.id}/presence`)).body.others[0]?.state).toBe(
      'viewing',
    );
    await beat(zhang.client, 'left');
    expect((await ws.admin.get<CasePresence>(`/api/cases/${c.id}/presence`)).body.others).toEqual([]);
    expect((await ws.admin.put(`/api/cases/${a.id}/presence`, { state: 'viewing' })).status).toBe(404);
  });
});
