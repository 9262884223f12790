import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Asset,
  Contact,
  Customer,
  Order,
  PortalAsset,
  PortalCompany,
  PortalOrder,
  Product,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type ErrorReply, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const INTERNAL = [
  'notes',
  'tags',
  'tier',
  'ownerId',
  'version',
  'actions',
  'externalRef',
  'code',
  'customerId',
  'passwordHash',
  'sku',
];

/** Creates a contact of the customer, invites them and accepts the invitation: a signed-in portal client. */
async function portalContact(ws: Workspace, customerId: string, companyWide: boolean): Promise<Client> {
  const contact = (
    await ws.admin.post<Contact>('/api/contacts', {
      customerId,
      name: unique('contact'),
      email: `${unique('c')}@customer.example.com`,
      companyWide,
    })
  ).body;
  const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
  const token = new URL(invite.body.inviteUrl).searchParams.get('token');
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token,
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return new Client(t.app, sessionFrom(accepted));
}

interface World {
  ws: Workspace;
  a: Customer;
  b: Customer;
  aOrder: Order;
  bOrder: Order;
  aAsset: Asset;
  bAsset: Asset;
  aWide: Client;
  aNarrow: Client;
  bWide: Client;
}

async function world(): Promise<World> {
  const ws = await createWorkspace(t.app);
  const owner = await createStaff(t.app, ws, 'agent');
  const a = (
    await ws.admin.post<Customer>('/api/customers', {
      code: 'A',
      name: '甲公司',
      tier: 'gold',
      tags: ['vip'],
      ownerId: owner.id,
      phone: '021-1234',
      city: '上海',
      province: '上海',
      address: '浦东新区 1 号',
      notes: 'internal: tough negotiator',
    })
  ).body;
  const b = (await ws.admin.post<Customer>('/api/customers', { code: 'B', name: '乙公司' })).body;
  const product = (
    await ws.admin.post<Product>('/api/products', {
      sku: 'RT-100',
      name: '工业路由器',
      warrantyMonths: 24,
      editions: [{ code: 'STD', name: '标准版' }],
    })
  ).body;
  const order = async (customerId: string, externalRef: string, serial: string) =>
    (
      await ws.admin.post<Order>('/api/orders', {
        customerId,
        externalRef,
        orderedAt: '2026-01-10',
        lines: [
          {
            productId: product.id,
            editionId: product.editions[0]?.id,
            quantity: 1,
            unitPriceCents: 880_000,
            serialNumbers: [serial],
          },
        ],
      })
    ).body;
  const aOrder = await order(a.id, 'ERP-A', 'SN-A');
  const bOrder = await order(b.id, 'ERP-B', 'SN-B');
  const assets = (await ws.admin.get<PageReply<Asset>>('/api/assets')).body.items;
  const aAsset = assets.find((x) => x.customerId === a.id) as Asset;
  const bAsset = assets.find((x) => x.customerId === b.id) as Asset;
  await ws.admin.patch(`/api/assets/${aAsset.id}`, {
    notes: 'internal: replaced fan',
    version: aAsset.version,
  });
  return {
    ws,
    a,
    b,
    aOrder,
    bOrder,
    aAsset,
    bAsset,
    aWide: await portalContact(ws, a.id, true),
    aNarrow: await portalContact(ws, a.id, false),
    bWide: await portalContact(ws, b.id, true),
  };
}

function expectNoInternalFields(body: unknown): void {
  const text = JSON.stringify(body);
  for (const key of INTERNAL) expect(text.includes(`"${key}"`), `exposes ${key}: ${text}`).toBe(false);
  expect(text).not.toContain('internal:');
}

describe('portal', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('shows the contact their company, without internal fields', async () => {
    const res = await w.aNarrow.get<PortalCompany>('/api/portal/company');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: w.a.id,
      name: '甲公司',
      phone: '021-1234',
      address: '浦东新区 1 号',
      city: '上海',
      province: '上海',
      accountManager: expect.stringMatching(/^agent /),
    });
    expectNoInternalFields(res.body);
    expect((await w.bWide.get<PortalCompany>('/api/portal/company')).body.id).toBe(w.b.id);
  });

  it('shows the company’s installed base to every contact, and nothing of other companies', async () => {
    for (const client of [w.aWide, w.aNarrow]) {
      const list = await client.get<PageReply<PortalAsset>>('/api/portal/assets');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(1);
      expect(list.body.items).toEqual([
        {
          id: w.aAsset.id,
          productName: '工业路由器',
          editionName: '标准版',
          serialNumber: 'SN-A',
          purchaseDate: '2026-01-10',
          warrantyEnd: '2028-01-10',
          inWarranty: true,
          status: 'active',
        },
      ]);
      expectNoInternalFields(list.body);
      const one = await client.get<PortalAsset>(`/api/portal/assets/${w.aAsset.id}`);
      expect(one.status).toBe(200);
      expectNoInternalFields(one.body);
      const foreign = await client.get<ErrorReply>(`/api/portal/assets/${w.bAsset.id}`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('not_found');
      // Searching for another company's serial number finds nothing.
      expect((await client.get<PageReply<PortalAsset>>('/api/portal/assets?q=SN-B')).body.total).toBe(0);
      expect((await client.get<PageReply<PortalAsset>>('/api/portal/assets?q=sn-a')).body.total).toBe(1);
    }
  });

  it('shows orders, with prices, to company-wide contacts only', async () => {
    const list = await w.aWide.get<PageReply<PortalOrder>>('/api/portal/orders');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        id: w.aOrder.id,
        number: w.aOrder.number,
        orderedAt: '2026-01-10',
        status: 'open',
        currency: 'CNY',
        totalCents: 880_000,
      },
    ]);
    expectNoInternalFields(list.body);
    const detail = await w.aWide.get<PortalOrder>(`/api/portal/orders/${w.aOrder.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.lines).toEqual([
      {
        id: w.aOrder.lines?.[0]?.id,
        productName: '工业路由器',
        editionName: '标准版',
        quantity: 1,
        unitPriceCents: 880_000,
        serialNumbers: ['SN-A'],
      },
    ]);
    expectNoInternalFields(detail.body);
    expect((await w.aWide.get(`/api/portal/orders/${w.bOrder.id}`)).status).toBe(404);
    // Another company's order cannot be found by its number or its external reference either.
    expect((await w.aWide.get<PageReply<PortalOrder>>('/api/portal/orders?q=ERP-B')).body.total).toBe(0);
    expect(
      (await w.bWide.get<PageReply<PortalOrder>>('/api/portal/orders')).body.items.map((o) => o.id),
    ).toEqual([w.bOrder.id]);

    const narrowList = await w.aNarrow.get<ErrorReply>('/api/portal/orders');
    expect(narrowList.status).toBe(403);
    expect(narrowList.body.error.code).toBe('forbidden');
    const narrowDetail = await w.aNarrow.get<ErrorReply>(`/api/portal/orders/${w.aOrder.id}`);
    expect(narrowDetail.status).toBe(404);
  });

  it('keeps staff and contacts on their own side', async () => {
    expect((await w.ws.admin.get<ErrorReply>('/api/portal/company')).status).toBe(403);
    expect((await w.ws.admin.get<ErrorReply>('/api/portal/assets')).status).toBe(403);
    for (const url of [
      '/api/assets',
      `/api/orders/${w.aOrder.id}`,
      '/api/contacts',
      `/api/customers/${w.a.id}`,
    ]) {
      const res = await w.aWide.get<ErrorReply>(url);
      expect(res.status, url).toBe(403);
    }
    expect((await new Client(t.app).get('/api/portal/company')).status).toBe(401);
  });

  it('follows changes to the contact: company-wide off hides orders, portal access off signs out', async () => {
    const client = await portalContact(w.ws, w.a.id, true);
    const me = client.session?.me;
    expect((await client.get('/api/portal/orders')).status).toBe(200);
    const contact = (await w.ws.admin.get<Contact>(`/api/contacts/${me?.id}`)).body;
    const narrowed = await w.ws.admin.patch<Contact>(`/api/contacts/${contact.id}`, {
      companyWide: false,
      version: contact.version,
    });
    expect((await client.get('/api/portal/orders')).status).toBe(403);
    await w.ws.admin.patch(`/api/contacts/${contact.id}`, {
      portalAccess: false,
      version: narrowed.body.version,
    });
    expect((await client.get('/api/portal/assets')).status).toBe(401);
  });
});
