import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseDetail, Contact, Customer, PortalCase } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { runSlaSweep } from '../sla/index.js';
import { CasesRepository } from './cases.repository.js';
import { SEARCH_COUNT_CAP } from './case-search.js';
import { backfillCaseSearch } from '../../../migrations/0006_search.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60 * 1000;

async function openCase(client: Client, body: Record<string, unknown>): Promise<CaseDetail> {
  const res = await client.post<CaseDetail>('/api/cases', { subject: '设备故障', body: '无法开机', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function portalContact(
  ws: Workspace,
  customerId: string,
): Promise<{ client: Client; contact: Contact }> {
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
  return { client: new Client(t.app, sessionFrom(accepted)), contact };
}

const ids = async (client: Client, url: string) => {
  const res = await client.get<PageReply<Case>>(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((c) => c.id);
};
const q = (s: string) => `/api/cases?q=${encodeURIComponent(s)}`;

describe('search: full-text over cases', () => {
  it('finds Chinese, English, mixed words and numbers; every word must match; never another workspace', async () => {
    const ws = await createWorkspace(t.app);
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '华东机电' })).body;
    const printer = await openCase(ws.admin, {
      customerId: cust.id,
      subject: '打印故障',
      body: '客户反映打印机经常卡纸，型号 HP LaserJet 1020，序列号 SN-88123',
    });
    t.clock.advance(1000);
    const network = await openCase(ws.admin, {
      customerId: cust.id,
      subject: 'Network outage',
      body: 'The VPN gateway drops every hour; 网关 重启 无效',
    });
    t.clock.advance(1000);
    const other = await openCase(ws.admin, {
      customerId: cust.id,
      subject: '屏幕闪烁',
      body: '显示器偶尔黑屏',
    });

    // The same words in another workspace are never found from this one.
    const ws2 = await createWorkspace(t.app);
    const cust2 = (await ws2.admin.post<Customer>('/api/customers', { code: 'A', name: '华东机电' })).body;
    const foreign = await openCase(ws2.admin, {
      customerId: cust2.id,
      subject: '打印故障',
      body: '客户反映打印机经常卡纸 VPN gateway',
    });

    const search = (s: string) => ids(ws.admin, q(s));
    expect(await search('打印机 卡纸')).toEqual([printer.id]);
    expect(await search('卡纸')).toEqual([printer.id]);
    expect(await search('打印机卡纸')).toEqual([printer.id]);
    expect(await search('laserjet')).toEqual([printer.id]);
    expect(await search('VPN Gateway')).toEqual([network.id]);
    expect(await search('gateway 重启')).toEqual([network.id]);
    expect(await search('HP 卡纸')).toEqual([printer.id]);
    // All words must match.
    expect(await search('卡纸 gateway')).toEqual([]);
    // Numbers and codes, whole or by their parts.
    expect(await search('1020')).toEqual([printer.id]);
    expect(await search('SN-88123')).toEqual([printer.id]);
    expect(await search('88123')).toEqual([printer.id]);
    // The last word also matches as a prefix (typing in progress).
    expect(await search('gate')).toEqual([network.id]);
    expect(await search('laser')).toEqual([printer.id]);
    // The customer's name and the case number.
    expect(await search('华东机电')).toEqual([other.id, network.id, printer.id]);
    expect(await search(network.number)).toEqual([network.id]);
    expect(await search(network.number.toLowerCase())).toEqual([network.id]);
    expect(await search('黑屏')).toEqual([other.id]);
    // Only punctuation: no search at all.
    expect((await search('？！')).length).toBe(3);
    // The other workspace finds its own, and nothing of this one.
    expect(await ids(ws2.admin, q('卡纸'))).toEqual([foreign.id]);
    expect(await ids(ws2.admin, q('laserjet'))).toEqual([]);
    expect(await ids(ws2.admin, q(printer.number))).toEqual([foreign.id]);
  });

  it('keeps internal notes out of the portal’s search and in the staff’s', async () => {
    const ws = await createWorkspace(t.app);
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方' })).body;
    const portal = await portalContact(ws, cust.id);
    const c = await openCase(ws.admin, {
      customerId: cust.id,
      contactId: portal.contact.id,
      subject: '主机异响',
      body: '风扇噪音很大',
    });
    await ws.admin.post(`/api/cases/${c.id}/messages`, {
      body: '内部备注：怀疑轴承磨损 bearing',
      visibility: 'internal',
    });
    await ws.admin.post(`/api/cases/${c.id}/messages`, {
      body: '请更换散热模块 module',
      visibility: 'public',
    });
    const portalSearch = async (s: string) =>
      (
        await portal.client.get<PageReply<PortalCase>>(`/api/portal/cases?q=${encodeURIComponent(s)}`)
      ).body.items.map((x) => x.id);
    for (const word of ['轴承', '磨损', 'bearing', '轴承 风扇']) {
      expect(await portalSearch(word), word).toEqual([]);
      expect(await ids(ws.admin, q(word)), word).toEqual([c.id]);
    }
    expect(await portalSearch('风扇')).toEqual([c.id]);
    expect(await portalSearch('散热 module')).toEqual([c.id]);
    expect(await portalSearch('主机异响')).toEqual([c.id]);
    expect(await portalSearch(c.number)).toEqual([c.id]);
  });

  it('follows message adds, subject changes and customer and contact renames', async () => {
    const ws = await createWorkspace(t.app);
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '旧名公司' })).body;
    const contact = (
      await ws.admin.post<Contact>('/api/contacts', {
        customerId: cust.id,
        name: '张三',
        email: 'z@example.com',
      })
    ).body;
    const c = await openCase(ws.admin, { customerId: cust.id, contactId: contact.id, subject: '初始标题' });
    expect(await ids(ws.admin, q('张三'))).toEqual([c.id]);

    await ws.admin.post(`/api/cases/${c.id}/messages`, { body: '更换了电源适配器', visibility: 'public' });
    expect(await ids(ws.admin, q('电源适配器'))).toEqual([c.id]);

    const detail = (await ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    const patched = await ws.admin.patch(`/api/cases/${c.id}`, {
      version: detail.version,
      subject: '新的标题 renamed',
    });
    expect(patched.status).toBe(200);
    expect(await ids(ws.admin, q('renamed'))).toEqual([c.id]);
    expect(await ids(ws.admin, q('初始'))).toEqual([]);

    const renamed = await ws.admin.patch(`/api/customers/${cust.id}`, {
      version: cust.version,
      name: '新名集团',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(await ids(ws.admin, q('新名集团'))).toEqual([c.id]);
    expect(await ids(ws.admin, q('旧名公司'))).toEqual([]);

    const contactRenamed = await ws.admin.patch(`/api/contacts/${contact.id}`, {
      version: contact.version,
      name: '李四',
    });
    expect(contactRenamed.status, JSON.stringify(contactRenamed.body)).toBe(200);
    expect(await ids(ws.admin, q('李四'))).toEqual([c.id]);
    expect(await ids(ws.admin, q('张三'))).toEqual([]);
  });

  it('combines search with filters and pages through hits newest first', async () => {
    const ws = await createWorkspace(t.app);
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方' })).body;
    const made: CaseDetail[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await openCase(ws.admin, {
          customerId: cust.id,
          subject: `卡纸 ${i}`,
          severity: i % 2 ? 'S1' : 'S3',
        }),
      );
      t.clock.advance(1000);
    }
    const [c0, c1, c2, c3, c4] = made.map((c) => c.id);
    expect(await ids(ws.admin, q('卡纸'))).toEqual([c4, c3, c2, c1, c0]);
    expect(await ids(ws.admin, `${q('卡纸')}&severity=S1`)).toEqual([c3, c1]);
    const page2 = await ws.admin.get<PageReply<Case>>(`${q('卡纸')}&pageSize=2&page=2`);
    expect(page2.body.items.map((c) => c.id)).toEqual([c2, c1]);
    expect(page2.body.total).toBe(5);
    expect(SEARCH_COUNT_CAP).toBeGreaterThanOrEqual(1000);
  });
});

describe('search: text the index cannot take whole', () => {
  it('stores a message with a word longer than the index takes, and finds the case by its other words', async () => {
    const ws = await createWorkspace(t.app);
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'L', name: '长文本客户' })).body;
    const blob = `${'x'.repeat(3000)} 报销凭证 ${'Ab9'.repeat(700)}`;
    const c = await openCase(ws.admin, { customerId: cust.id, subject: '附件无法打开', body: blob });
    expect(c.messages[0]?.bodyText).toContain('x'.repeat(3000));
    const reply = await ws.admin.post(`/api/cases/${c.id}/messages`, {
      body: `${'y'.repeat(5000)} 已处理`,
      visibility: 'public',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(await ids(ws.admin, q('报销凭证'))).toEqual([c.id]);
    expect(await ids(ws.admin, q('已处理'))).toEqual([c.id]);
  });

  it('keeps writing a case whose distinct words outgrow one index document (pasted logs)', async () => {
    const ws = await createWorkspace(t.app);
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'G', name: '日志客户' })).body;
    const c = await openCase(ws.admin, {
      customerId: cust.id,
      subject: '网关日志',
      body: '首条消息 gateway',
    });
    // 24 messages of 1,500 distinct 30-letter words each: 1.1 MB of words, past the 1 MB a tsvector holds.
    let n = 0;
    for (let m = 0; m < 24; m++) {
      const words: string[] = [];
      while (words.length < 1_500) words.push(`k${(n++).toString(36)}`.padEnd(30, 'z'));
      const res = await ws.admin.post(`/api/cases/${c.id}/messages`, {
        body: words.join(' '),
        visibility: 'internal',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    expect(await ids(ws.admin, q('gateway'))).toEqual([c.id]);
    expect(await ids(ws.admin, q('k0'.padEnd(30, 'z')))).toEqual([c.id]);
  }, 60_000);
});

describe('search: queue filters', () => {
  it('filters by statuses, severity, type, channel, customer, assignee and creation time', async () => {
    const ws = await createWorkspace(t.app);
    const agent = await createStaff(t.app, ws, 'agent');
    const a = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方' })).body;
    const b = (await ws.admin.post<Customer>('/api/customers', { code: 'B', name: '乙方' })).body;
    const start = t.clock.now().toISOString();
    const c1 = await openCase(ws.admin, {
      customerId: a.id,
      severity: 'S1',
      type: 'incident',
      channel: 'phone',
    });
    t.clock.advance(MINUTE);
    const mid = t.clock.now().toISOString();
    const c2 = await openCase(ws.admin, {
      customerId: b.id,
      severity: 'S2',
      type: 'question',
      channel: 'visit',
      assigneeId: agent.id,
    });
    t.clock.advance(MINUTE);
    const c3 = await openCase(ws.admin, {
      customerId: a.id,
      severity: 'S3',
      type: 'complaint',
      channel: 'email',
    });
    await ws.admin.patch(`/api/cases/${c3.id}`, { version: c3.version, status: 'pending' });
    const list = (s: string) => ids(ws.admin, `/api/cases?sort=createdAt&${s}`);
    expect(await list('status=new')).toEqual([c1.id, c2.id]);
    expect(await list('status=new&status=pending')).toEqual([c1.id, c2.id, c3.id]);
    expect(await list('status=pending')).toEqual([c3.id]);
    expect(await list('severity=S1&severity=S3')).toEqual([c1.id, c3.id]);
    expect(await list('type=question')).toEqual([c2.id]);
    expect(await list('channel=email&channel=phone')).toEqual([c1.id, c3.id]);
    expect(await list(`customerId=${a.id}`)).toEqual([c1.id, c3.id]);
    expect(await list(`assigneeId=${agent.id}`)).toEqual([c2.id]);
    expect(await list(`createdFrom=${encodeURIComponent(mid)}`)).toEqual([c2.id, c3.id]);
    expect(
      await list(`createdFrom=${encodeURIComponent(start)}&createdTo=${encodeURIComponent(mid)}`),
    ).toEqual([c1.id]);
    expect(await list(`customerId=${a.id}&severity=S1&status=new`)).toEqual([c1.id]);
    expect((await ws.admin.get('/api/cases?status=nope')).status).toBe(400);
    expect((await ws.admin.get('/api/cases?slaState=late')).status).toBe(400);
  });

  it('filters by SLA state: ok, warning, breached, paused', async () => {
    const ws = await createWorkspace(t.app);
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方' })).body;
    const calendars = (await ws.admin.get<Array<{ id: string; name: string }>>('/api/calendars')).body;
    const allDay = calendars.find((c) => c.name === '7×24');
    expect(allDay).toBeDefined();
    const target = { firstResponse: 100, nextResponse: 100, resolution: 1000 };
    const policy = await ws.admin.post<{ id: string }>('/api/sla-policies', {
      name: '投诉 7×24',
      conditions: { types: ['complaint'] },
      calendarId: allDay?.id,
      targets: { S1: target, S2: target, S3: target, S4: target },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const policies = (await ws.admin.get<Array<{ id: string }>>('/api/sla-policies')).body;
    await ws.admin.put('/api/sla-policies/order', {
      ids: [policy.body.id, ...policies.filter((p) => p.id !== policy.body.id).map((p) => p.id)],
    });
    const open = (subject: string) => openCase(ws.admin, { customerId: cust.id, type: 'complaint', subject });
    const breached = await open('breached');
    const paused = await open('paused');
    await ws.admin.patch(`/api/cases/${paused.id}`, {
      version: paused.version,
      status: 'on_hold',
      pauseReason: '等备件',
    });
    t.clock.advance(60 * MINUTE);
    const warned = await open('warned');
    t.clock.advance(80 * MINUTE); // breached: 140 of 100 min; warned: 80 of 100
    const ok = await open('ok');
    await runSlaSweep(t.app.deps, t.clock.now(), { workspaceIds: [ws.me.workspace.id] });

    const list = (s: string) => ids(ws.admin, `/api/cases?sort=createdAt&${s}`);
    expect(await list('slaState=breached')).toEqual([breached.id]);
    expect(await list('slaState=warning')).toEqual([warned.id]);
    expect(await list('slaState=paused')).toEqual([paused.id]);
    expect(await list('slaState=ok')).toEqual([ok.id]);
    expect(await list('slaState=breached&slaState=warning')).toEqual([breached.id, warned.id]);
    // The list's own SLA state agrees with the filter.
    const all = (await ws.admin.get<PageReply<Case>>('/api/cases?sort=createdAt')).body.items;
    expect(all.map((c) => c.sla?.state)).toEqual(['breached', 'paused', 'warning', 'ok']);
    // Search and SLA state together.
    expect(await ids(ws.admin, `${q('warned')}&slaState=warning`)).toEqual([warned.id]);
    expect(await ids(ws.admin, `${q('warned')}&slaState=breached`)).toEqual([]);
  });

  it('indexes existing cases in the migration (backfill), and refreshing a document twice keeps one', async () => {
    const ws = await createWorkspace(t.app);
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方' })).body;
    const c = await openCase(ws.admin, { customerId: cust.id, subject: '重建索引 rebuild' });
    const wsId = ws.me.workspace.id;
    await t.database.db.deleteFrom('case_search').where('workspace_id', '=', wsId).execute();
    expect(await ids(ws.admin, q('rebuild'))).toEqual([]);
    await backfillCaseSearch(t.database.db, [wsId]);
    expect(await ids(ws.admin, q('rebuild 重建'))).toEqual([c.id]);
    const repo = new CasesRepository(t.database.db, wsId);
    await repo.refreshSearchText(c.id);
    await repo.refreshSearchText(c.id);
    const page = await ws.admin.get<PageReply<Case>>(q('rebuild'));
    expect(page.body.items.map((x) => x.id)).toEqual([c.id]);
    expect(page.body.total).toBe(1);
  });
});
