import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type {
  AuditEntry,
  Case,
  CaseCounts,
  CaseDetail,
  CaseMessage,
  Contact,
  Customer,
  PortalCase,
  PortalCaseDetail,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, fieldsOf, sessionFrom, type ErrorReply, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { exampleOf } from '../../../test/examples.js';
import { fillPath } from '../../../test/fixtures.js';
import { addCasePermissions } from '../../../migrations/0003_cases.js';
import { CasesRepository } from './cases.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 24 * 60 * 60 * 1000;

/** A contact of the customer with portal access, signed in. */
async function portalContact(
  ws: Workspace,
  customerId: string,
  companyWide: boolean,
): Promise<{ client: Client; contact: Contact }> {
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

interface World {
  ws: Workspace;
  a: Customer;
  b: Customer;
  aNarrow: { client: Client; contact: Contact };
  aOther: { client: Client; contact: Contact };
  aWide: { client: Client; contact: Contact };
  bWide: { client: Client; contact: Contact };
}

async function world(): Promise<World> {
  const ws = await createWorkspace(t.app);
  const a = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方机电' })).body;
  const b = (await ws.admin.post<Customer>('/api/customers', { code: 'B', name: '乙方软件' })).body;
  return {
    ws,
    a,
    b,
    aNarrow: await portalContact(ws, a.id, false),
    aOther: await portalContact(ws, a.id, false),
    aWide: await portalContact(ws, a.id, true),
    bWide: await portalContact(ws, b.id, true),
  };
}

async function openCase(client: Client, body: Record<string, unknown>): Promise<CaseDetail> {
  const res = await client.post<CaseDetail>('/api/cases', { subject: '设备故障', body: '无法开机', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function patchCase(client: Client, c: { id: string; version: number }, body: Record<string, unknown>) {
  return client.patch<CaseDetail & ErrorReply>(`/api/cases/${c.id}`, { version: c.version, ...body });
}

describe('cases: lifecycle', () => {
  it('walks a case through every status, with timestamps, actions and history', async () => {
    const w = await world();
    const agent = await createStaff(t.app, w.ws, 'agent');
    const created = await openCase(w.ws.admin, {
      customerId: w.a.id,
      contactId: w.aNarrow.contact.id,
      subject: '  打印机卡纸 ',
      type: 'incident',
      severity: 'S2',
      assigneeId: agent.id,
    });
    expect(created).toMatchObject({
      number: expect.stringMatching(/^T-1\d{3}$/),
      subject: '打印机卡纸',
      type: 'incident',
      severity: 'S2',
      status: 'new',
      channel: 'phone',
      customerId: w.a.id,
      customerName: '甲方机电',
      contactId: w.aNarrow.contact.id,
      contactName: w.aNarrow.contact.name,
      assigneeId: agent.id,
      assigneeName: expect.stringMatching(/^agent /),
      pauseReason: null,
      nextDeadlineAt: expect.any(String), // set by the SLA engine (sla.test.ts)
      solvedAt: null,
      closedAt: null,
      lastAgentReplyAt: null,
      version: 1,
      actions: ['update', 'reply', 'note', 'assign', 'solve'],
    });
    expect(created.messages).toHaveLength(1);
    expect(created.messages[0]).toMatchObject({
      visibility: 'public',
      authorType: 'user',
      bodyText: '无法开机',
    });

    // An internal note changes nothing about the case.
    const note = await agent.client.post<CaseMessage>(`/api/cases/${created.id}/messages`, {
      body: '先查一下保修',
      visibility: 'internal',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ visibility: 'internal', authorType: 'user', bodyText: '先查一下保修' });
    let c = (await agent.client.get<CaseDetail>(`/api/cases/${created.id}`)).body;
    expect(c).toMatchObject({ status: 'new', version: 1, lastAgentReplyAt: null });

    // The first public reply opens the case.
    t.clock.advance(60_000);
    const reply = await agent.client.post<CaseMessage>(`/api/cases/${created.id}/messages`, {
      body: '请重启一下设备',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    c = (await agent.client.get<CaseDetail>(`/api/cases/${created.id}`)).body;
    expect(c.status).toBe('open');
    expect(c.lastAgentReplyAt).toBe(t.clock.now().toISOString());
    expect(c.messages.map((m) => m.visibility)).toEqual(['public', 'internal', 'public']);

    // pending (reason optional) → on_hold (reason required) → solved → open → solved → closed
    let res = await patchCase(agent.client, c, { status: 'pending' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending', pauseReason: null });
    c = res.body;
    res = await patchCase(agent.client, c, { status: 'on_hold' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['pauseReason:required']);
    res = await patchCase(agent.client, c, { status: 'on_hold', pauseReason: '   ' });
    expect(fieldsOf(res)).toEqual(['pauseReason:required']);
    res = await patchCase(agent.client, c, { status: 'on_hold', pauseReason: '等待备件到货' });
    expect(res.body).toMatchObject({ status: 'on_hold', pauseReason: '等待备件到货' });
    c = res.body;
    res = await patchCase(agent.client, c, {
      status: 'solved',
      closingSummary: { cause: '原因', fix: '处理', customerNotes: '注意事项' },
    });
    expect(res.body).toMatchObject({ status: 'solved', pauseReason: null, closedAt: null });
    expect(res.body.solvedAt).toBe(t.clock.now().toISOString());
    expect(res.body.actions).toEqual(['update', 'reply', 'note', 'assign', 'close', 'reopen']);
    c = res.body;
    for (const status of ['pending', 'on_hold', 'new']) {
      const bad = await patchCase(agent.client, c, { status, pauseReason: 'x' });
      expect(bad.status, status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['status:invalid_transition']);
    }
    res = await patchCase(agent.client, c, { status: 'open' });
    expect(res.body).toMatchObject({ status: 'open', solvedAt: null });
    c = res.body;
    const early = await patchCase(agent.client, c, { status: 'closed' });
    expect(fieldsOf(early)).toEqual(['status:invalid_transition']);
    c = (await patchCase(agent.client, c, { status: 'solved' })).body;
    t.clock.advance(1000);
    res = await patchCase(agent.client, c, { status: 'closed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', closedAt: t.clock.now().toISOString(), actions: [] });
    expect(res.body.solvedAt).not.toBeNull();
    c = res.body;

    // Closed is final.
    for (const body of [{ status: 'open' }, { subject: 'x' }]) {
      const refused = await patchCase(agent.client, c, body);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('case_closed');
    }
    const late = await agent.client.post<ErrorReply>(`/api/cases/${c.id}/messages`, {
      body: 'hello',
      visibility: 'public',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('case_closed');

    const history = await w.ws.admin.get<{ items: AuditEntry[] }>(`/api/cases/${c.id}/history`);
    expect(history.status).toBe(200);
    const actions = history.body.items.map((e) => e.action);
    expect(actions.filter((a) => a === 'created')).toHaveLength(1);
    expect(actions.filter((a) => a === 'message_added')).toHaveLength(2);
    expect(actions.filter((a) => a === 'updated')).toHaveLength(6);

    const events = await t.database.db
      .selectFrom('outbox')
      .select('type')
      .where('workspace_id', '=', w.ws.me.workspace.id)
      .where('type', 'like', 'case.%')
      .execute();
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['case.created', 'case.updated', 'case.message_added']),
    );
  });

  it('refuses a stale version with 409 and keeps the first write', async () => {
    const w = await world();
    const c = await openCase(w.ws.admin, { customerId: w.a.id });
    const first = await patchCase(w.ws.admin, c, { severity: 'S1', subject: '第一次修改' });
    expect(first.status).toBe(200);
    const second = await patchCase(w.ws.admin, c, { severity: 'S4', status: 'solved' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    const now = (await w.ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(now).toMatchObject({ severity: 'S1', subject: '第一次修改', status: 'new', version: 2 });
  });

  it('checks references and assigns, unassigns; API tokens default to the api channel', async () => {
    const w = await world();
    const bad = await w.ws.admin.post<ErrorReply>('/api/cases', {
      customerId: w.a.id,
      contactId: w.bWide.contact.id,
      subject: 's',
      body: 'b',
      assigneeId: w.a.id,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['assigneeId:unknown_reference', 'contactId:contact_customer_mismatch']);
    const unknownCustomer = await w.ws.admin.post('/api/cases', {
      customerId: w.aNarrow.contact.id,
      subject: 's',
      body: 'b',
    });
    expect(fieldsOf(unknownCustomer)).toEqual(['customerId:unknown_reference']);

    const token = await w.ws.admin.post<{ secret: string }>('/api/api-tokens', {
      name: 'erp',
      scope: 'write',
    });
    const api = new Client(t.app).withHeaders({ authorization: `Bearer ${token.body.secret}` });
    const viaApi = await openCase(api, { customerId: w.a.id });
    expect(viaApi.channel).toBe('api');
    const visit = await openCase(w.ws.admin, { customerId: w.a.id, channel: 'visit' });
    expect(visit.channel).toBe('visit');
    const portalChannel = await w.ws.admin.post('/api/cases', {
      customerId: w.a.id,
      subject: 's',
      body: 'b',
      channel: 'portal',
    });
    expect(portalChannel.status).toBe(400);

    const agent = await createStaff(t.app, w.ws, 'agent');
    let res = await patchCase(w.ws.admin, visit, { assigneeId: agent.id });
    expect(res.body).toMatchObject({ assigneeId: agent.id, assigneeName: expect.stringMatching(/^agent /) });
    res = await patchCase(w.ws.admin, res.body, { assigneeId: null });
    expect(res.body).toMatchObject({ assigneeId: null, assigneeName: null });
  });

  it('lets a viewer read cases but not write them', async () => {
    const w = await world();
    const c = await openCase(w.ws.admin, { customerId: w.a.id });
    const viewer = await createStaff(t.app, w.ws, 'viewer');
    const read = await viewer.client.get<CaseDetail>(`/api/cases/${c.id}`);
    expect(read.status).toBe(200);
    expect(read.body.actions).toEqual([]);
    expect((await viewer.client.get('/api/cases')).status).toBe(200);
    expect((await viewer.client.get('/api/cases/counts')).status).toBe(200);
    for (const res of [
      await viewer.client.post('/api/cases', { customerId: w.a.id, subject: 's', body: 'b' }),
      await viewer.client.patch(`/api/cases/${c.id}`, { subject: 'x', version: c.version }),
      await viewer.client.post(`/api/cases/${c.id}/messages`, { body: 'x', visibility: 'internal' }),
    ])
      expect(res.status).toBe(403);
  });

  it('gives the built-in roles of existing workspaces the case permissions (migration 0003)', async () => {
    const ws = await createWorkspace(t.app);
    const wsId = ws.me.workspace.id;
    const viewerRole = await t.database.db
      .selectFrom('roles')
      .select(['id', 'permissions'])
      .where('workspace_id', '=', wsId)
      .where('key', '=', 'viewer')
      .executeTakeFirstOrThrow();
    const old = (JSON.parse(viewerRole.permissions) as string[]).filter((p) => !p.startsWith('cases.'));
    await t.database.db
      .updateTable('roles')
      .set({ permissions: JSON.stringify(old) })
      .where('workspace_id', '=', wsId)
      .where('key', 'in', ['viewer', 'agent'])
      .execute();
    await addCasePermissions(t.database.unscoped as unknown as Kysely<unknown>);
    const roles = await t.database.db
      .selectFrom('roles')
      .select(['key', 'permissions'])
      .where('workspace_id', '=', wsId)
      .execute();
    const perms = (key: string) =>
      (JSON.parse(roles.find((r) => r.key === key)?.permissions ?? '[]') as string[]).filter((p) =>
        p.startsWith('cases.'),
      );
    expect(perms('viewer')).toEqual(['cases.read']);
    expect(perms('agent').sort()).toEqual(['cases.read', 'cases.write']);
    expect(perms('admin').sort()).toEqual(['cases.read', 'cases.write']);
    expect(perms('manager').sort()).toEqual(['cases.read', 'cases.write']);
  });
});

describe('cases: queue', () => {
  it('orders by SLA risk, filters by view, counts, and searches number, subject, customer and messages', async () => {
    const w = await world();
    const agent = await createStaff(t.app, w.ws, 'agent');
    const mk = async (subject: string, extra: Record<string, unknown> = {}) => {
      const c = await openCase(w.ws.admin, { customerId: w.a.id, subject, ...extra });
      t.clock.advance(1000);
      return c;
    };
    const c1 = await mk('一号 no deadline');
    const c2 = await mk('二号 late deadline', { assigneeId: agent.id });
    const c3 = await mk('三号 early deadline');
    const c4 = await mk('四号 no deadline', { customerId: w.b.id, body: '主板烧坏了 smoke' });
    const c5 = await mk('五号 solved', { assigneeId: agent.id });
    const repo = new CasesRepository(t.database.db, w.ws.me.workspace.id);
    await patchCase(w.ws.admin, c5, {
      status: 'solved',
      closingSummary: { cause: '原因', fix: '处理', customerNotes: '注意事项' },
    });
    await patchCase(w.ws.admin, c1, { status: 'pending' });
    // Deadlines set by hand over what the SLA engine computed (sla.test.ts covers the real ones).
    await repo.setNextDeadline(c2.id, '2030-01-02T00:00:00.000Z');
    await repo.setNextDeadline(c3.id, '2030-01-01T00:00:00.000Z');
    await repo.setNextDeadline(c4.id, null);
    await repo.setNextDeadline(c5.id, '2029-01-01T00:00:00.000Z');

    const ids = async (client: Client, url: string) =>
      (await client.get<PageReply<Case>>(url)).body.items.map((c) => c.id);
    expect(await ids(w.ws.admin, '/api/cases')).toEqual([c5.id, c3.id, c2.id, c1.id, c4.id]);
    expect(await ids(w.ws.admin, '/api/cases?view=open')).toEqual([c3.id, c2.id, c1.id, c4.id]);
    expect(await ids(agent.client, '/api/cases?view=mine')).toEqual([c2.id]);
    expect(await ids(w.ws.admin, '/api/cases?view=unassigned')).toEqual([c3.id, c1.id, c4.id]);
    expect(await ids(w.ws.admin, '/api/cases?view=waiting')).toEqual([c1.id]);
    expect(await ids(w.ws.admin, `/api/cases?customerId=${w.b.id}`)).toEqual([c4.id]);
    expect(await ids(w.ws.admin, `/api/cases?assigneeId=${agent.id}`)).toEqual([c5.id, c2.id]);
    expect(await ids(w.ws.admin, '/api/cases?status=solved')).toEqual([c5.id]);
    expect(await ids(w.ws.admin, '/api/cases?sort=-createdAt&pageSize=2')).toEqual([c5.id, c4.id]);

    const counts = await agent.client.get<CaseCounts>('/api/cases/counts');
    expect(counts.body).toEqual({
      all: 5,
      mine: 1,
      unassigned: 3,
      waiting: 1,
      open: 4,
      team: 0,
      at_risk: 0,
      breached: 0,
    });
    expect((await w.ws.admin.get<CaseCounts>('/api/cases/counts')).body.mine).toBe(0);

    const search = (q: string) => ids(w.ws.admin, `/api/cases?q=${encodeURIComponent(q)}`);
    expect(await search(c3.number)).toEqual([c3.id]);
    expect(await search('三号')).toEqual([c3.id]);
    expect(await search('乙方')).toEqual([c4.id]);
    expect(await search('SMOKE')).toEqual([c4.id]);
    await w.ws.admin.post(`/api/cases/${c1.id}/messages`, {
      body: '内部：客户脾气差',
      visibility: 'internal',
    });
    expect(await search('脾气')).toEqual([c1.id]);
    await patchCase(w.ws.admin, (await w.ws.admin.get<CaseDetail>(`/api/cases/${c2.id}`)).body, {
      subject: '改名 renamed',
    });
    expect(await search('renamed')).toEqual([c2.id]);
    expect(await search('late deadline')).toEqual([]);
  });
});

describe('cases: sanitising', () => {
  it('stores HTML sanitised and plain text escaped', async () => {
    const w = await world();
    const c = await openCase(w.ws.admin, {
      customerId: w.a.id,
      body:
        '<p>Hello <b>there</b></p><script>alert(1)</script><img src=x onerror="alert(2)">' +
        '<a href="javascript:alert(3)">bad</a> <a href="https://example.com/x" onclick="alert(4)">ok</a>' +
        '<style>p{color:red}</style><div style="x" onmouseover="alert(5)">text</div>',
    });
    const html = c.messages[0]?.bodyHtml ?? '';
    for (const bad of [
      '<script',
      'alert',
      'onerror',
      'onclick',
      'onmouseover',
      'javascript:',
      '<img',
      '<style',
      'style=',
    ])
      expect(html, bad).not.toContain(bad);
    expect(html).toContain('<b>there</b>');
    expect(html).toContain(
      '<a href="https://example.com/x" rel="noopener noreferrer nofollow" target="_blank">ok</a>',
    );
    expect(c.messages[0]?.bodyText).toBe('Hello there\nbad ok\ntext');

    const plain = await w.ws.admin.post<CaseMessage>(`/api/cases/${c.id}/messages`, {
      body: 'a < b & c\n第二行',
      visibility: 'public',
    });
    expect(plain.body.bodyHtml).toBe('a &lt; b &amp; c<br>第二行');
    expect(plain.body.bodyText).toBe('a < b & c\n第二行');

    const empty = await w.ws.admin.post<ErrorReply>(`/api/cases/${c.id}/messages`, {
      body: '<script>only()</script>',
      visibility: 'public',
    });
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty)).toEqual(['body:required']);
  });

  it('drops the raw text of <xmp> and the other raw-text tags, which the browser would parse as markup', async () => {
    const w = await world();
    const c = await openCase(w.ws.admin, {
      customerId: w.a.id,
      body:
        '<p>before</p><xmp><img src=x onerror=alert(1)></xmp><noscript><img src=x onerror=alert(2)></noscript>' +
        '<noembed><svg onload=alert(3)></noembed><noframes><img src=x onerror=alert(4)></noframes>' +
        '<textarea><img src=x onerror=alert(5)></textarea><p>after</p>',
    });
    const html = c.messages[0]?.bodyHtml ?? '';
    for (const bad of ['<img', '<svg', 'onerror', 'onload', 'alert']) expect(html, bad).not.toContain(bad);
    expect(html).toContain('<p>before</p>');
    expect(html).toContain('<p>after</p>');
    const reply = await w.ws.admin.post<CaseMessage>(`/api/cases/${c.id}/messages`, {
      body: '客户反馈：<xmp><img src=x onerror=alert(6)></xmp>，请尽快处理。',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.bodyHtml).not.toContain('<img');
  });
});

describe('cases: portal', () => {
  let w: World;
  let narrowCase: CaseDetail;
  let wideCase: CaseDetail;
  let bCase: CaseDetail;
  beforeAll(async () => {
    w = await world();
    narrowCase = await openCase(w.ws.admin, { customerId: w.a.id, contactId: w.aNarrow.contact.id });
    wideCase = await openCase(w.ws.admin, { customerId: w.a.id, contactId: w.aWide.contact.id });
    bCase = await openCase(w.ws.admin, { customerId: w.b.id, contactId: w.bWide.contact.id });
    for (const c of [narrowCase, wideCase, bCase]) {
      await w.ws.admin.post(`/api/cases/${c.id}/messages`, {
        body: 'SECRET-NOTE 客户信用差',
        visibility: 'internal',
      });
      await w.ws.admin.post(`/api/cases/${c.id}/messages`, { body: '我们正在处理', visibility: 'public' });
    }
  });

  const expectClean = (raw: unknown) => {
    const text = JSON.stringify(raw);
    expect(text).not.toContain('SECRET-NOTE');
    expect(text).not.toContain('客户信用差');
    for (const key of [
      'notes',
      'tags',
      'tier',
      'version',
      'actions',
      'externalRef',
      'ownerId',
      'assigneeId',
      'assigneeName',
      'pauseReason',
      'visibility',
      'internal',
      'searchText',
      'customerId',
    ])
      expect(text.includes(`"${key}"`), `exposes ${key}`).toBe(false);
  };

  it('shows a contact their own cases, a company-wide contact all of the company’s, never another customer’s', async () => {
    const list = async (client: Client) => {
      const res = await client.get<PageReply<PortalCase>>('/api/portal/cases');
      expect(res.status).toBe(200);
      expectClean(res.body);
      return res.body.items.map((c) => c.id).sort();
    };
    expect(await list(w.aNarrow.client)).toEqual([narrowCase.id]);
    expect(await list(w.aOther.client)).toEqual([]);
    expect(await list(w.aWide.client)).toEqual([narrowCase.id, wideCase.id].sort());
    expect(await list(w.bWide.client)).toEqual([bCase.id]);

    const get = (client: Client, id: string) =>
      client.get<PortalCaseDetail & ErrorReply>(`/api/portal/cases/${id}`);
    const own = await get(w.aNarrow.client, narrowCase.id);
    expect(own.status).toBe(200);
    expect(own.body.messages.map((m) => m.bodyText)).toEqual(['无法开机', '我们正在处理']);
    expectClean(own.body);
    expect((await get(w.aWide.client, narrowCase.id)).status).toBe(200);
    for (const [client, id] of [
      [w.aNarrow.client, wideCase.id],
      [w.aOther.client, narrowCase.id],
      [w.aWide.client, bCase.id],
      [w.bWide.client, narrowCase.id],
    ] as const) {
      const res = await get(client, id);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      const reply = await client.post<ErrorReply>(`/api/portal/cases/${id}/messages`, { body: 'hi' });
      expect(reply.status).toBe(404);
    }
    // Searching never reaches internal notes.
    const search = await w.aWide.client.get<PageReply<PortalCase>>(
      `/api/portal/cases?q=${encodeURIComponent('SECRET-NOTE')}`,
    );
    expect(search.body.total).toBe(0);
    const byNumber = await w.aWide.client.get<PageReply<PortalCase>>(
      `/api/portal/cases?q=${wideCase.number}`,
    );
    expect(byNumber.body.items.map((c) => c.id)).toEqual([wideCase.id]);
    expect(
      (await w.aWide.client.get<PageReply<PortalCase>>(`/api/portal/cases?q=${bCase.number}`)).body.total,
    ).toBe(0);
  });

  it('opens a case from the portal as the signed-in contact of their customer', async () => {
    const res = await w.aNarrow.client.post<PortalCaseDetail>('/api/portal/cases', {
      subject: '门户提交',
      severity: 'S3',
      body: '<p>扫描仪<script>x()</script>坏了</p>',
    });
    expect(res.status).toBe(201);
    expectClean(res.body);
    expect(res.body).toMatchObject({
      subject: '门户提交',
      status: 'new',
      type: 'question',
      severity: 'S3',
      contactName: w.aNarrow.contact.name,
    });
    expect(res.body.messages).toHaveLength(1);
    expect(res.body.messages[0]).toMatchObject({ authorType: 'contact', bodyHtml: '<p>扫描仪坏了</p>' });
    const staffView = (await w.ws.admin.get<CaseDetail>(`/api/cases/${res.body.id}`)).body;
    expect(staffView).toMatchObject({
      channel: 'portal',
      customerId: w.a.id,
      contactId: w.aNarrow.contact.id,
      status: 'new',
      lastCustomerReplyAt: staffView.createdAt,
    });
    const forged = await w.aNarrow.client.post<ErrorReply>('/api/portal/cases', {
      subject: 's',
      body: 'b',
      customerId: w.b.id,
    });
    expect(forged.status).toBe(400);
  });

  it('reopens on a customer reply: pending at once, solved within 7 days, never after or when closed', async () => {
    const c = await openCase(w.ws.admin, { customerId: w.a.id, contactId: w.aNarrow.contact.id });
    const staff = async () => (await w.ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    const customerReply = (body = '还是不行') =>
      w.aNarrow.client.post<PortalCaseDetail & ErrorReply>(`/api/portal/cases/${c.id}/messages`, { body });

    await patchCase(w.ws.admin, await staff(), { status: 'pending', pauseReason: '等客户回复' });
    let res = await customerReply();
    expect(res.status).toBe(201);
    expectClean(res.body);
    expect(res.body.status).toBe('open');
    let s = await staff();
    expect(s).toMatchObject({
      status: 'open',
      pauseReason: null,
      lastCustomerReplyAt: t.clock.now().toISOString(),
    });

    await patchCase(w.ws.admin, s, {
      status: 'solved',
      closingSummary: { cause: '原因', fix: '处理', customerNotes: '注意事项' },
    });
    t.clock.advance(6 * DAY);
    res = await customerReply();
    expect(res.status).toBe(201);
    s = await staff();
    expect(s).toMatchObject({ status: 'open', solvedAt: null });

    await patchCase(w.ws.admin, s, { status: 'solved' });
    t.clock.advance(7 * DAY + 60_000);
    res = await customerReply();
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('reopen_window_passed');
    s = await staff();
    expect(s.status).toBe('solved');
    expect(s.messages).toHaveLength(3);

    await patchCase(w.ws.admin, s, { status: 'closed' });
    res = await customerReply();
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('case_closed');
  });

  it('keeps staff off portal case routes and contacts off staff case routes', async () => {
    expect((await w.ws.admin.get('/api/portal/cases')).status).toBe(403);
    expect((await w.aWide.client.get('/api/cases')).status).toBe(403);
    expect((await w.aWide.client.get(`/api/cases/${narrowCase.id}`)).status).toBe(403);
  });
});

describe('cases: module', () => {
  it('answers 404 on every case route when the helpdesk module is off', async () => {
    const w = await world();
    const c = await openCase(w.ws.admin, { customerId: w.a.id, contactId: w.aWide.contact.id });
    const settings = await w.ws.admin.get<{ version: number }>('/api/workspace');
    const off = await w.ws.admin.patch('/api/workspace', {
      modules: { helpdesk: false },
      version: settings.body.version,
    });
    expect(off.status).toBe(200);
    const routes = t.app.routeTable.filter((r) => r.module === 'helpdesk' && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThanOrEqual(11);
    for (const route of routes) {
      const client = route.access.kind === 'contact' ? w.aWide.client : w.ws.admin;
      const schema = (route.schema as { body?: unknown } | undefined)?.body;
      const res = await client.request(
        route.method as 'GET' | 'POST' | 'PATCH' | 'PUT',
        fillPath(route.url, {
          caseId: c.id,
          calendarId: c.id,
          policyId: c.id,
          stepId: c.id,
          viewId: c.id,
          teamId: c.id,
          ruleId: c.id,
          attachmentId: c.id,
          entryId: c.id,
          macroId: c.id,
          slug: w.ws.slug,
          linkId: c.id,
          checkpointId: c.id,
          contractId: c.id,
          channelId: c.id,
        }),
        route.method === 'GET' ? undefined : exampleOf(schema),
      );
      expect(res.status, `${route.method} ${route.url}`).toBe(404);
    }
  });
});
