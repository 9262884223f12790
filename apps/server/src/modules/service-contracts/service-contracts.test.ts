import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Asset,
  CaseDetail,
  CaseSla,
  Contact,
  Customer,
  PortalCaseDetail,
  Product,
  ServiceCalendar,
  ServiceContract,
  SlaPolicy,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, fieldsOf, sessionFrom, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/* Asia/Shanghai (UTC+8). 2026-03-14 is a Saturday; the standard calendar is Mon–Fri 09:00–12:00, 13:30–18:00. */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();
const target = (sla: CaseSla | null | undefined, kind: string) => sla?.targets.find((x) => x.kind === kind);
const TARGETS = { firstResponse: 10, nextResponse: 10, resolution: 10 };

async function customer(ws: Workspace): Promise<Customer> {
  const res = await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: unique('客户') });
  expect(res.status).toBe(201);
  return res.body;
}

async function calendar(ws: Workspace, name: string): Promise<ServiceCalendar> {
  const list = (await ws.admin.get<ServiceCalendar[]>('/api/calendars')).body;
  const cal = list.find((c) => c.name === name);
  if (!cal) throw new Error(`no calendar ${name}`);
  return cal;
}

async function product(ws: Workspace): Promise<Product> {
  const res = await ws.admin.post<Product>('/api/products', {
    sku: unique('P'),
    name: unique('设备'),
    editions: [
      { code: 'STD', name: '标准版' },
      { code: 'PRO', name: '专业版' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const edition = (p: Product, code: string) => p.editions.find((e) => e.code === code)?.id ?? '';

async function asset(ws: Workspace, customerId: string, p: Product, code: string): Promise<Asset> {
  const res = await ws.admin.post<Asset>('/api/assets', {
    customerId,
    productId: p.id,
    editionId: edition(p, code),
    serialNumber: unique('SN'),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function contract(ws: Workspace, body: Record<string, unknown>): Promise<ServiceContract> {
  const res = await ws.admin.post<ServiceContract>('/api/service-contracts', {
    name: '高级服务合同',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
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

async function patch(ws: Workspace, id: string, body: Record<string, unknown>) {
  const current = (await ws.admin.get<CaseDetail>(`/api/cases/${id}`)).body;
  return ws.admin.patch<CaseDetail>(`/api/cases/${id}`, { version: current.version, ...body });
}

/** A policy placed first in the order, so its conditions decide before the catch-all. */
async function firstPolicy(ws: Workspace, name: string, conditions: Record<string, unknown>) {
  const res = await ws.admin.post<SlaPolicy>('/api/sla-policies', {
    name,
    conditions,
    targets: { S1: TARGETS, S2: TARGETS, S3: TARGETS, S4: TARGETS },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const list = (await ws.admin.get<SlaPolicy[]>('/api/sla-policies')).body;
  const order = await ws.admin.put<SlaPolicy[]>('/api/sla-policies/order', {
    ids: [res.body.id, ...list.filter((p) => p.id !== res.body.id).map((p) => p.id)],
  });
  expect(order.status).toBe(200);
  return res.body;
}

describe('service contracts', () => {
  it('are numbered, versioned, checked, listed per customer, with a state from the dates', async () => {
    t.clock.set(cst('2026-03-14T10:00:00'));
    const ws = await createWorkspace(t.app);
    const c = await customer(ws);
    const cal = await calendar(ws, '7×24');
    const a = await contract(ws, { customerId: c.id, calendarId: cal.id, notes: ' 白金 ' });
    expect(a.number).toBe('SC-00001');
    expect(a.state).toBe('active');
    expect(a.calendarName).toBe('7×24');
    expect(a.notes).toBe('白金');
    expect(a.actions).toEqual(['update']);
    const old = await contract(ws, { customerId: c.id, startsOn: '2025-01-01', endsOn: '2025-12-31' });
    expect(old.number).toBe('SC-00002');
    expect(old.state).toBe('expired');
    const next = await contract(ws, { customerId: c.id, startsOn: '2027-01-01', endsOn: '2027-12-31' });
    expect(next.state).toBe('upcoming');
    // The state follows today in the workspace's zone: 2026-03-14 16:00Z is already the 15th in Shanghai.
    const sunday = await contract(ws, { customerId: c.id, startsOn: '2026-03-15', endsOn: '2026-03-15' });
    expect(sunday.state).toBe('upcoming');
    t.clock.set('2026-03-14T15:59:00.000Z');
    expect((await ws.admin.get<ServiceContract>(`/api/service-contracts/${sunday.id}`)).body.state).toBe(
      'upcoming',
    );
    t.clock.set('2026-03-14T16:00:00.000Z');
    expect((await ws.admin.get<ServiceContract>(`/api/service-contracts/${sunday.id}`)).body.state).toBe(
      'active',
    );
    t.clock.set(cst('2026-03-14T10:00:00'));

    const other = await customer(ws);
    await contract(ws, { customerId: other.id });
    const list = await ws.admin.get<PageReply<ServiceContract>>(`/api/service-contracts?customerId=${c.id}`);
    expect(list.body.total).toBe(4);
    const active = await ws.admin.get<PageReply<ServiceContract>>(
      `/api/service-contracts?customerId=${c.id}&state=active`,
    );
    expect(active.body.items.map((x) => x.number)).toEqual(['SC-00001']);

    const bad = await ws.admin.post('/api/service-contracts', {
      customerId: c.id,
      name: 'x',
      editionId: crypto.randomUUID(),
      calendarId: crypto.randomUUID(),
      startsOn: '2026-05-01',
      endsOn: '2026-04-30',
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual([
      'calendarId:unknown_reference',
      'editionId:unknown_reference',
      'endsOn:ends_before_start',
    ]);

    const renamed = await ws.admin.patch<ServiceContract>(`/api/service-contracts/${a.id}`, {
      name: '白金服务合同',
      version: a.version,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(a.version + 1);
    const stale = await ws.admin.patch(`/api/service-contracts/${a.id}`, { name: 'y', version: a.version });
    expect(stale.status).toBe(409);
    // A calendar a contract uses cannot be deleted.
    const spare = await ws.admin.post<ServiceCalendar>('/api/calendars', {
      name: '备用日历',
      spec: { weekly: [[], [], [], [], [], [], []] },
    });
    expect(spare.status, JSON.stringify(spare.body)).toBe(201);
    await contract(ws, { customerId: other.id, calendarId: spare.body.id });
    const refused = await ws.admin.delete(`/api/calendars/${spare.body.id}`);
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused)).toEqual(['id:in_use']);
    const history = await ws.admin.get<{ items: unknown[] }>(`/api/service-contracts/${a.id}/history`);
    expect(history.body.items).toHaveLength(2);

    // Agents read contracts but do not manage them.
    const agent = await createStaff(t.app, ws, 'agent');
    expect((await agent.client.get(`/api/service-contracts/${a.id}`)).status).toBe(200);
    expect((await agent.client.post('/api/service-contracts', { customerId: c.id })).status).toBe(403);
    const manager = await createStaff(t.app, ws, 'manager');
    expect(
      (
        await manager.client.post('/api/service-contracts', {
          customerId: c.id,
          name: 'm',
          startsOn: '2026-01-01',
          endsOn: '2026-02-01',
        })
      ).status,
    ).toBe(201);
  });
});

describe('service contracts under service levels', () => {
  it('a premium contract’s 7×24 calendar gives a Saturday-night deadline; without it, Monday', async () => {
    const ws = await createWorkspace(t.app);
    const premium = await customer(ws);
    const plain = await customer(ws);
    const allDay = await calendar(ws, '7×24');
    const sc = await contract(ws, { customerId: premium.id, calendarId: allDay.id });
    t.clock.set(cst('2026-03-14T22:00:00')); // Saturday night

    // Standard policy, S1: 60 service minutes to the first response.
    const covered = await openCase(ws, { customerId: premium.id, severity: 'S1' });
    expect(covered.contractId).toBe(sc.id);
    expect(covered.sla?.policyName).toBe('标准服务');
    expect(covered.sla?.calendarName).toBe('7×24');
    expect(target(covered.sla, 'first_response')?.dueAt).toBe(cst('2026-03-14T23:00:00'));
    const uncovered = await openCase(ws, { customerId: plain.id, severity: 'S1' });
    expect(uncovered.contractId).toBeNull();
    expect(target(uncovered.sla, 'first_response')?.dueAt).toBe(cst('2026-03-16T10:00:00'));

    // The customer sees the same commitment in the portal.
    const contact = (
      await ws.admin.post<Contact>('/api/contacts', {
        customerId: premium.id,
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
    const portal = new Client(t.app, sessionFrom(accepted));
    const seen = await portal.get<PortalCaseDetail>(`/api/portal/cases/${covered.id}`);
    expect(seen.body.commitment?.answerBy).toBe(cst('2026-03-14T23:00:00'));
    expect(seen.body.commitment?.openNow).toBe(true);
    expect(JSON.stringify(seen.body)).not.toContain(sc.id);

    // Taking the contract off recomputes over the policy's calendar; putting it back restores 23:00.
    const off = await patch(ws, covered.id, { contractId: null });
    expect(off.status).toBe(200);
    expect(off.body.sla?.calendarName).toBe('标准服务时间');
    expect(target(off.body.sla, 'first_response')?.dueAt).toBe(cst('2026-03-16T10:00:00'));
    const on = await patch(ws, covered.id, { contractId: sc.id });
    expect(target(on.body.sla, 'first_response')?.dueAt).toBe(cst('2026-03-14T23:00:00'));

    // A new calendar on the contract recomputes its open cases.
    const changed = await ws.admin.patch<ServiceContract>(`/api/service-contracts/${sc.id}`, {
      calendarId: null,
      version: sc.version,
    });
    expect(changed.status).toBe(200);
    const after = (await ws.admin.get<CaseDetail>(`/api/cases/${covered.id}`)).body;
    expect(after.sla?.calendarName).toBe('标准服务时间');
    expect(target(after.sla, 'first_response')?.dueAt).toBe(cst('2026-03-16T10:00:00'));
  });

  it('picks the single active contract, ignores expired ones, and among several the asset’s edition', async () => {
    t.clock.set(cst('2026-03-16T10:00:00'));
    const ws = await createWorkspace(t.app);
    const p = await product(ws);
    const c = await customer(ws);
    await contract(ws, { customerId: c.id, startsOn: '2025-01-01', endsOn: '2025-12-31' });
    expect((await openCase(ws, { customerId: c.id })).contractId).toBeNull();
    const std = await contract(ws, { customerId: c.id, editionId: edition(p, 'STD') });
    expect((await openCase(ws, { customerId: c.id })).contractId).toBe(std.id);
    const pro = await contract(ws, { customerId: c.id, editionId: edition(p, 'PRO') });
    // Two in force: none without an asset, the matching one with an asset.
    expect((await openCase(ws, { customerId: c.id })).contractId).toBeNull();
    const proAsset = await asset(ws, c.id, p, 'PRO');
    const withAsset = await openCase(ws, { customerId: c.id, assetId: proAsset.id });
    expect(withAsset.contractId).toBe(pro.id);
    expect(withAsset.assetId).toBe(proAsset.id);
    // An explicit choice wins; null means none.
    expect(
      (await openCase(ws, { customerId: c.id, assetId: proAsset.id, contractId: std.id })).contractId,
    ).toBe(std.id);
    expect((await openCase(ws, { customerId: c.id, contractId: null })).contractId).toBeNull();
  });

  it('edition and contract conditions choose the policy', async () => {
    t.clock.set(cst('2026-03-16T10:00:00'));
    const ws = await createWorkspace(t.app);
    const p = await product(ws);
    const c = await customer(ws);
    const proContract = await contract(ws, { customerId: c.id, editionId: edition(p, 'PRO') });
    await firstPolicy(ws, '专业版', { editionIds: [edition(p, 'PRO')] });
    const other = await customer(ws);
    const vip = await contract(ws, { customerId: other.id });
    await firstPolicy(ws, '重点合同', { contractIds: [vip.id] });

    // The contract's edition counts when there is no asset; the asset's edition wins when there is one.
    expect((await openCase(ws, { customerId: c.id })).sla?.policyName).toBe('专业版');
    const stdAsset = await asset(ws, c.id, p, 'STD');
    const onStd = await openCase(ws, { customerId: c.id, assetId: stdAsset.id });
    expect(onStd.contractId).toBe(proContract.id);
    expect(onStd.sla?.policyName).toBe('标准服务');
    expect((await openCase(ws, { customerId: other.id })).sla?.policyName).toBe('重点合同');
    // Editing the asset on the case reselects the policy.
    const proAsset = await asset(ws, c.id, p, 'PRO');
    const moved = await patch(ws, onStd.id, { assetId: proAsset.id });
    expect(moved.status).toBe(200);
    expect(moved.body.sla?.policyName).toBe('专业版');

    await firstPolicy(ws, '无合同', { hasActiveContract: false });
    const bare = await customer(ws);
    expect((await openCase(ws, { customerId: bare.id })).sla?.policyName).toBe('无合同');
    expect((await openCase(ws, { customerId: other.id })).sla?.policyName).toBe('重点合同');

    const unknown = await ws.admin.post('/api/sla-policies', {
      name: 'x',
      conditions: { editionIds: [crypto.randomUUID()], contractIds: [crypto.randomUUID()] },
      targets: { S1: TARGETS, S2: TARGETS, S3: TARGETS, S4: TARGETS },
    });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown)).toEqual([
      'conditions/contractIds:unknown_reference',
      'conditions/editionIds:unknown_reference',
    ]);
  });

  it('refuses another customer’s (or workspace’s) contract and asset, on create, update and in the portal', async () => {
    t.clock.set(cst('2026-03-16T10:00:00'));
    const ws = await createWorkspace(t.app);
    const p = await product(ws);
    const mine = await customer(ws);
    const theirs = await customer(ws);
    const theirContract = await contract(ws, { customerId: theirs.id });
    const theirAsset = await asset(ws, theirs.id, p, 'STD');
    const bad = await ws.admin.post('/api/cases', {
      customerId: mine.id,
      subject: 's',
      body: 'b',
      contractId: theirContract.id,
      assetId: theirAsset.id,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['assetId:unknown_reference', 'contractId:unknown_reference']);
    const c = await openCase(ws, { customerId: mine.id });
    const badPatch = await patch(ws, c.id, { contractId: theirContract.id, assetId: theirAsset.id });
    expect(badPatch.status).toBe(400);
    expect(fieldsOf(badPatch)).toEqual(['assetId:unknown_reference', 'contractId:unknown_reference']);

    const elsewhere = await createWorkspace(t.app);
    const foreign = await customer(elsewhere);
    const foreignContract = await contract(elsewhere, { customerId: foreign.id });
    expect((await ws.admin.get(`/api/service-contracts/${foreignContract.id}`)).status).toBe(404);
    expect(
      (await ws.admin.patch(`/api/service-contracts/${foreignContract.id}`, { name: 'x', version: 1 }))
        .status,
    ).toBe(404);
    expect(fieldsOf(await patch(ws, c.id, { contractId: foreignContract.id }))).toEqual([
      'contractId:unknown_reference',
    ]);

    // The portal: one of the company's assets, not another's.
    const contact = (
      await ws.admin.post<Contact>('/api/contacts', {
        customerId: mine.id,
        name: unique('联系人'),
        email: `${unique('c')}@customer.example.com`,
      })
    ).body;
    const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
    const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
      token: new URL(invite.body.inviteUrl).searchParams.get('token'),
      password: PASSWORD,
    });
    const portal = new Client(t.app, sessionFrom(accepted));
    const refused = await portal.post('/api/portal/cases', {
      subject: 's',
      body: 'b',
      assetId: theirAsset.id,
    });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused)).toEqual(['assetId:unknown_reference']);
    const myAsset = await asset(ws, mine.id, p, 'PRO');
    const ok = await portal.post<PortalCaseDetail>('/api/portal/cases', {
      subject: 's',
      body: 'b',
      assetId: myAsset.id,
    });
    expect(ok.status).toBe(201);
    expect((await ws.admin.get<CaseDetail>(`/api/cases/${ok.body.id}`)).body.assetId).toBe(myAsset.id);
  });
});
