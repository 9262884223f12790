import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset, Customer, Order, Product } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createStaff, createWorkspace, type Workspace } from '../../../test/factories.js';
import { type ErrorReply, type PageReply, fieldsOf } from '../../../test/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Setup {
  ws: Workspace;
  acme: Customer;
  nova: Customer;
  router: Product;
  camera: Product;
}

async function setup(): Promise<Setup> {
  const ws = await createWorkspace(t.app);
  const acme = (await ws.admin.post<Customer>('/api/customers', { code: 'ACME', name: '上海艾克米' })).body;
  const nova = (await ws.admin.post<Customer>('/api/customers', { code: 'NOVA', name: 'Nova Tech' })).body;
  const router = (
    await ws.admin.post<Product>('/api/products', {
      sku: 'RT-100',
      name: '工业路由器',
      warrantyMonths: 12,
      editions: [{ code: 'STD', name: '标准版' }],
    })
  ).body;
  const camera = (
    await ws.admin.post<Product>('/api/products', {
      sku: 'CAM-9',
      name: '摄像头',
      warrantyMonths: 24,
      editions: [{ code: 'HD', name: '高清版' }],
    })
  ).body;
  return { ws, acme, nova, router, camera };
}

async function counts(ws: Workspace): Promise<{ orders: number; assets: number }> {
  return {
    orders: (await ws.admin.get<PageReply<Order>>('/api/orders')).body.total,
    assets: (await ws.admin.get<PageReply<Asset>>('/api/assets')).body.total,
  };
}

describe('orders', () => {
  it('creates numbered orders with totals, and one installed-base asset per serial number', async () => {
    const { ws, acme, router, camera } = await setup();
    const res = await ws.admin.post<Order>('/api/orders', {
      customerId: acme.id,
      externalRef: 'PO-1',
      orderedAt: '2024-02-29',
      lines: [
        {
          productId: router.id,
          editionId: router.editions[0]?.id,
          quantity: 2,
          unitPriceCents: 125_050,
          serialNumbers: ['RT-SN-1', ' RT-SN-2 '],
        },
        { productId: camera.id, quantity: 3, unitPriceCents: 9_900 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      number: 'O-00001',
      externalRef: 'PO-1',
      customerId: acme.id,
      customerName: '上海艾克米',
      orderedAt: '2024-02-29',
      status: 'open',
      currency: 'CNY',
      totalCents: 2 * 125_050 + 3 * 9_900,
      lineCount: 2,
      version: 1,
      actions: ['update'],
    });
    expect(res.body.lines).toEqual([
      {
        id: expect.any(String),
        productId: router.id,
        productName: '工业路由器',
        sku: 'RT-100',
        editionId: router.editions[0]?.id,
        editionName: '标准版',
        quantity: 2,
        unitPriceCents: 125_050,
        serialNumbers: ['RT-SN-1', 'RT-SN-2'],
      },
      {
        id: expect.any(String),
        productId: camera.id,
        productName: '摄像头',
        sku: 'CAM-9',
        editionId: null,
        editionName: null,
        quantity: 3,
        unitPriceCents: 9_900,
        serialNumbers: [],
      },
    ]);
    const second = await ws.admin.post<Order>('/api/orders', {
      customerId: acme.id,
      orderedAt: '2024-03-01',
      currency: 'USD',
      lines: [{ productId: camera.id, quantity: 1, unitPriceCents: 1 }],
    });
    expect(second.body.number).toBe('O-00002');
    expect(second.body.currency).toBe('USD');

    const assets = await ws.admin.get<PageReply<Asset>>(
      `/api/assets?customerId=${acme.id}&sort=serialNumber`,
    );
    expect(
      assets.body.items.map((a) => [a.serialNumber, a.purchaseDate, a.warrantyEnd, a.orderNumber]),
    ).toEqual([
      // A 12-month warranty bought on a leap day ends on the last day of February.
      ['RT-SN-1', '2024-02-29', '2025-02-28', 'O-00001'],
      ['RT-SN-2', '2024-02-29', '2025-02-28', 'O-00001'],
    ]);
    expect(assets.body.items[0]).toMatchObject({
      editionName: '标准版',
      orderId: res.body.id,
      status: 'active',
    });

    const detail = await ws.admin.get<Order>(`/api/orders/${res.body.id}`);
    expect(detail.body.lines).toHaveLength(2);
    const list = await ws.admin.get<PageReply<Order>>('/api/orders');
    expect(list.body.items.map((o) => o.number)).toEqual(['O-00002', 'O-00001']);
    expect(list.body.items[0]).not.toHaveProperty('lines');
  });

  it('searches by number, external reference and customer, and filters by customer, status and dates', async () => {
    const { ws, acme, nova, camera } = await setup();
    const mk = (customerId: string, orderedAt: string, externalRef?: string) =>
      ws.admin.post<Order>('/api/orders', {
        customerId,
        orderedAt,
        ...(externalRef ? { externalRef } : {}),
        lines: [{ productId: camera.id, quantity: 1, unitPriceCents: 100 }],
      });
    await mk(acme.id, '2026-01-05', 'ERP-777');
    await mk(nova.id, '2026-02-10');
    const third = (await mk(nova.id, '2026-03-15')).body;
    await ws.admin.patch(`/api/orders/${third.id}`, { status: 'fulfilled', version: third.version });
    const numbers = async (qs: string) =>
      (await ws.admin.get<PageReply<Order>>(`/api/orders?${qs}`)).body.items.map((o) => o.number);
    expect(await numbers('q=erp-7')).toEqual(['O-00001']);
    expect(await numbers('q=00002')).toEqual(['O-00002']);
    expect(await numbers('q=nova')).toEqual(['O-00003', 'O-00002']);
    expect(await numbers(`q=${encodeURIComponent('艾克米')}`)).toEqual(['O-00001']);
    expect(await numbers(`customerId=${nova.id}`)).toEqual(['O-00003', 'O-00002']);
    expect(await numbers('status=fulfilled')).toEqual(['O-00003']);
    expect(await numbers('from=2026-02-01&to=2026-02-28')).toEqual(['O-00002']);
    expect(await numbers('from=2026-02-10')).toEqual(['O-00003', 'O-00002']);
    expect(await numbers('sort=orderedAt')).toEqual(['O-00001', 'O-00002', 'O-00003']);
    expect(await numbers('sort=-number&pageSize=1&page=2')).toEqual(['O-00002']);
  });

  it('lists every invalid line and reference at once, and writes nothing', async () => {
    const { ws, acme, router, camera } = await setup();
    await ws.admin.post('/api/orders', {
      customerId: acme.id,
      externalRef: 'TAKEN',
      orderedAt: '2026-01-01',
      lines: [{ productId: router.id, quantity: 1, unitPriceCents: 1, serialNumbers: ['EXISTING'] }],
    });
    const before = await counts(ws);
    const schemaErrors = await ws.admin.post('/api/orders', {
      orderedAt: '2026-02-30',
      currency: 'yuan',
      lines: [{ productId: router.id, quantity: 0, unitPriceCents: -1 }],
    });
    expect(schemaErrors.status).toBe(400);
    expect(fieldsOf(schemaErrors)).toEqual([
      'currency:pattern',
      'customerId:required',
      'lines/0/quantity:minimum',
      'lines/0/unitPriceCents:minimum',
      'orderedAt:format',
    ]);
    const res = await ws.admin.post<ErrorReply>('/api/orders', {
      customerId: '0190f5e4-1111-7000-8000-000000000000',
      externalRef: 'TAKEN',
      orderedAt: '2026-02-01',
      lines: [
        { productId: '0190f5e4-2222-7000-8000-000000000000', quantity: 1, unitPriceCents: 1 },
        { productId: router.id, editionId: camera.editions[0]?.id, quantity: 1, unitPriceCents: 1 },
        {
          productId: router.id,
          editionId: '0190f5e4-3333-7000-8000-000000000000',
          quantity: 1,
          unitPriceCents: 1,
        },
        { productId: router.id, quantity: 1, unitPriceCents: 1, serialNumbers: ['A', 'B'] },
        { productId: router.id, quantity: 2, unitPriceCents: 1, serialNumbers: ['DUP', 'DUP'] },
        { productId: router.id, quantity: 1, unitPriceCents: 1, serialNumbers: ['EXISTING'] },
      ],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual([
      'customerId:unknown_reference',
      'externalRef:duplicate',
      'lines/0/productId:unknown_reference',
      'lines/1/editionId:edition_mismatch',
      'lines/2/editionId:unknown_reference',
      'lines/3/serialNumbers:too_many_serials',
      'lines/4/serialNumbers:duplicate',
      'lines/5/serialNumbers:duplicate',
    ]);
    expect(res.body.error.details?.find((d) => d.field === 'lines/1/editionId')?.message).toBe(
      '版本不属于该产品',
    );
    expect(await counts(ws)).toEqual(before);
    // The same serial number on another product is a different device.
    const otherProduct = await ws.admin.post('/api/orders', {
      customerId: acme.id,
      orderedAt: '2026-02-01',
      lines: [{ productId: camera.id, quantity: 1, unitPriceCents: 1, serialNumbers: ['EXISTING'] }],
    });
    expect(otherProduct.status).toBe(201);
  });

  it('updates status and external reference with optimistic concurrency and keeps the history', async () => {
    const { ws, acme, camera } = await setup();
    const mk = (externalRef: string) =>
      ws.admin.post<Order>('/api/orders', {
        customerId: acme.id,
        externalRef,
        orderedAt: '2026-01-01',
        lines: [{ productId: camera.id, quantity: 1, unitPriceCents: 1 }],
      });
    const order = (await mk('A-1')).body;
    await mk('A-2');
    const updated = await ws.admin.patch<Order>(`/api/orders/${order.id}`, {
      status: 'fulfilled',
      externalRef: 'A-1b',
      version: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ status: 'fulfilled', externalRef: 'A-1b', version: 2 });
    expect(updated.body.lines).toHaveLength(1);
    const stale = await ws.admin.patch<ErrorReply>(`/api/orders/${order.id}`, {
      status: 'cancelled',
      version: 1,
    });
    expect(stale.status).toBe(409);
    const dup = await ws.admin.patch(`/api/orders/${order.id}`, { externalRef: 'A-2', version: 2 });
    expect(fieldsOf(dup)).toEqual(['externalRef:duplicate']);
    const cleared = await ws.admin.patch<Order>(`/api/orders/${order.id}`, { externalRef: null, version: 2 });
    expect(cleared.body.externalRef).toBeNull();
    const history = await ws.admin.get<{
      items: Array<{ action: string; changes: Record<string, { from: unknown; to: unknown }> }>;
    }>(`/api/orders/${order.id}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual(['updated', 'updated', 'created']);
    expect(history.body.items[1]?.changes.status).toEqual({ from: 'open', to: 'fulfilled' });
    expect(history.body.items[2]?.changes.number).toEqual({ from: null, to: 'O-00001' });
  });

  it('numbers orders per workspace', async () => {
    const a = await setup();
    const b = await setup();
    for (const s of [a, a, b]) {
      await s.ws.admin.post('/api/orders', {
        customerId: s.acme.id,
        orderedAt: '2026-01-01',
        lines: [{ productId: s.camera.id, quantity: 1, unitPriceCents: 1 }],
      });
    }
    const numbers = async (s: Setup) =>
      (await s.ws.admin.get<PageReply<Order>>('/api/orders?sort=number')).body.items.map((o) => o.number);
    expect(await numbers(a)).toEqual(['O-00001', 'O-00002']);
    expect(await numbers(b)).toEqual(['O-00001']);
  });

  it('lets a viewer read but not write or import', async () => {
    const { ws, acme, camera } = await setup();
    const order = (
      await ws.admin.post<Order>('/api/orders', {
        customerId: acme.id,
        orderedAt: '2026-01-01',
        lines: [{ productId: camera.id, quantity: 1, unitPriceCents: 1 }],
      })
    ).body;
    const viewer = await createStaff(t.app, ws, 'viewer');
    const list = await viewer.client.get<PageReply<Order>>('/api/orders');
    expect(list.status).toBe(200);
    expect(list.body.items[0]?.actions).toEqual([]);
    expect((await viewer.client.get(`/api/orders/${order.id}`)).status).toBe(200);
    for (const res of [
      await viewer.client.post<ErrorReply>('/api/orders', {
        customerId: acme.id,
        orderedAt: '2026-01-01',
        lines: [{ productId: camera.id, quantity: 1, unitPriceCents: 1 }],
      }),
      await viewer.client.patch<ErrorReply>(`/api/orders/${order.id}`, { status: 'cancelled', version: 1 }),
      await viewer.client.post<ErrorReply>('/api/orders/import', {}),
      await viewer.client.get<ErrorReply>('/api/orders/import/template'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
