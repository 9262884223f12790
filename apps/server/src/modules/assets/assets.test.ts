import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset, Customer, Order, Product } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createStaff, createWorkspace, type Workspace } from '../../../test/factories.js';
import { ManualClock } from '../../platform/clock.js';
import { addMonths, isIsoDate, todayIn } from './dates.js';
import { type ErrorReply, type PageReply, fieldsOf } from '../../../test/client.js';

// 17:00 UTC on 1 March is already 2 March in Shanghai, the workspaces' time zone.
const clock = new ManualClock(new Date('2026-03-01T17:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
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
      name: 'Camera',
      warrantyMonths: 6,
      editions: [{ code: 'HD', name: 'HD' }],
    })
  ).body;
  return { ws, acme, nova, router, camera };
}

describe('dates', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-15', 0)).toBe('2026-03-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-05-10', 240)).toBe('2046-05-10');
  });
  it('knows real dates and today in a time zone', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    const at = new Date('2026-03-01T17:00:00.000Z');
    expect(todayIn(at, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(todayIn(at, 'UTC')).toBe('2026-03-01');
    expect(todayIn(at, 'Not/AZone')).toBe('2026-03-01');
  });
});

describe('assets', () => {
  it('registers an asset; the warranty end defaults from the product; inWarranty follows the clock', async () => {
    const { ws, acme, router } = await setup();
    const res = await ws.admin.post<Asset>('/api/assets', {
      customerId: acme.id,
      productId: router.id,
      editionId: router.editions[0]?.id,
      serialNumber: ' RT-0001 ',
      purchaseDate: '2025-03-02',
      notes: '机房 3 号柜',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      customerName: '上海艾克米',
      productName: '工业路由器',
      editionName: '标准版',
      orderId: null,
      orderNumber: null,
      serialNumber: 'RT-0001',
      purchaseDate: '2025-03-02',
      warrantyEnd: '2026-03-02',
      inWarranty: true,
      status: 'active',
      notes: '机房 3 号柜',
      version: 1,
      actions: ['update'],
    });
    clock.advance(24 * 3600_000);
    try {
      expect((await ws.admin.get<Asset>(`/api/assets/${res.body.id}`)).body.inWarranty).toBe(false);
    } finally {
      clock.advance(-24 * 3600_000);
    }
    const noDates = await ws.admin.post<Asset>('/api/assets', {
      customerId: acme.id,
      productId: router.id,
      serialNumber: 'RT-0002',
    });
    expect(noDates.body).toMatchObject({ purchaseDate: null, warrantyEnd: null, inWarranty: false });
    const explicit = await ws.admin.post<Asset>('/api/assets', {
      customerId: acme.id,
      productId: router.id,
      serialNumber: 'RT-0003',
      purchaseDate: '2020-01-01',
      warrantyEnd: '2030-01-01',
    });
    expect(explicit.body).toMatchObject({ warrantyEnd: '2030-01-01', inWarranty: true });
  });

  it('searches over serial, product and customer and filters by customer, product and warranty', async () => {
    const { ws, acme, nova, router, camera } = await setup();
    const mk = (customerId: string, productId: string, serialNumber: string, purchaseDate: string) =>
      ws.admin.post<Asset>('/api/assets', { customerId, productId, serialNumber, purchaseDate });
    await mk(acme.id, router.id, 'A-IN', '2025-06-01'); // ends 2026-06-01: in
    await mk(acme.id, camera.id, 'A-OUT', '2025-06-01'); // ends 2025-12-01: out
    await mk(nova.id, router.id, 'N-EDGE', '2025-03-02'); // ends 2026-03-02, today in Shanghai: in
    await mk(nova.id, camera.id, 'N-OUT', '2025-09-01'); // ends 2026-03-01, yesterday in Shanghai: out
    const serials = async (qs: string) =>
      (await ws.admin.get<PageReply<Asset>>(`/api/assets?${qs}&sort=serialNumber`)).body.items.map(
        (a) => a.serialNumber,
      );
    expect(await serials('q=a-')).toEqual(['A-IN', 'A-OUT']);
    expect(await serials(`q=${encodeURIComponent('路由')}`)).toEqual(['A-IN', 'N-EDGE']);
    expect(await serials('q=nova')).toEqual(['N-EDGE', 'N-OUT']);
    expect(await serials('q=cam-9')).toEqual(['A-OUT', 'N-OUT']);
    expect(await serials(`customerId=${acme.id}`)).toEqual(['A-IN', 'A-OUT']);
    expect(await serials(`productId=${camera.id}`)).toEqual(['A-OUT', 'N-OUT']);
    expect(await serials('warranty=in')).toEqual(['A-IN', 'N-EDGE']);
    expect(await serials('warranty=out')).toEqual(['A-OUT', 'N-OUT']);
    const inList = await ws.admin.get<PageReply<Asset>>('/api/assets?warranty=in');
    expect(inList.body.items.every((a) => a.inWarranty)).toBe(true);
    const page = await ws.admin.get<PageReply<Asset>>('/api/assets?sort=-serialNumber&pageSize=1&page=2');
    expect(page.body.total).toBe(4);
    expect(page.body.items.map((a) => a.serialNumber)).toEqual(['N-EDGE']);
  });

  it('lists every invalid field at once and refuses a serial number already registered', async () => {
    const { ws, acme, nova, router, camera } = await setup();
    const schema = await ws.admin.post('/api/assets', {
      serialNumber: '',
      purchaseDate: 'yesterday',
      status: 'x',
    });
    expect(fieldsOf(schema)).toEqual([
      'customerId:required',
      'productId:required',
      'purchaseDate:format',
      'serialNumber:minLength',
      'status:additionalProperties',
    ]);
    const order = (
      await ws.admin.post<Order>('/api/orders', {
        customerId: nova.id,
        orderedAt: '2026-01-01',
        lines: [{ productId: router.id, quantity: 1, unitPriceCents: 1, serialNumbers: ['TAKEN'] }],
      })
    ).body;
    const refs = await ws.admin.post('/api/assets', {
      customerId: '0190f5e4-1111-7000-8000-000000000000',
      productId: router.id,
      editionId: camera.editions[0]?.id,
      orderId: order.id,
      serialNumber: 'TAKEN',
      purchaseDate: '2026-01-01',
      warrantyEnd: '2025-01-01',
    });
    expect(refs.status).toBe(400);
    expect(fieldsOf(refs)).toEqual([
      'customerId:unknown_reference',
      'editionId:edition_mismatch',
      'orderId:order_customer_mismatch',
      'serialNumber:duplicate',
      'warrantyEnd:before_purchase',
    ]);
    const unknownProduct = await ws.admin.post('/api/assets', {
      customerId: acme.id,
      productId: '0190f5e4-2222-7000-8000-000000000000',
      orderId: '0190f5e4-3333-7000-8000-000000000000',
      serialNumber: 'X',
    });
    expect(fieldsOf(unknownProduct)).toEqual(['orderId:unknown_reference', 'productId:unknown_reference']);
    const blank = await ws.admin.post('/api/assets', {
      customerId: acme.id,
      productId: router.id,
      serialNumber: '  ',
    });
    expect(fieldsOf(blank)).toEqual(['serialNumber:required']);
    expect((await ws.admin.get<PageReply<Asset>>('/api/assets')).body.total).toBe(1);
  });

  it('updates with optimistic concurrency and keeps the history', async () => {
    const { ws, acme, router } = await setup();
    const asset = (
      await ws.admin.post<Asset>('/api/assets', {
        customerId: acme.id,
        productId: router.id,
        serialNumber: 'H-1',
        purchaseDate: '2026-01-01',
      })
    ).body;
    expect(asset.inWarranty).toBe(true);
    const retired = await ws.admin.patch<Asset>(`/api/assets/${asset.id}`, {
      status: 'retired',
      notes: '已报废',
      version: 1,
    });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ status: 'retired', inWarranty: false, version: 2, notes: '已报废' });
    const stale = await ws.admin.patch<ErrorReply>(`/api/assets/${asset.id}`, {
      status: 'active',
      version: 1,
    });
    expect(stale.status).toBe(409);
    const bad = await ws.admin.patch(`/api/assets/${asset.id}`, { warrantyEnd: '2025-12-31', version: 2 });
    expect(fieldsOf(bad)).toEqual(['warrantyEnd:before_purchase']);
    const history = await ws.admin.get<{
      items: Array<{ action: string; changes: Record<string, { from: unknown; to: unknown }> }>;
    }>(`/api/assets/${asset.id}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual(['updated', 'created']);
    expect(history.body.items[0]?.changes).toEqual({
      status: { from: 'active', to: 'retired' },
      notes: { from: null, to: '已报废' },
    });
  });

  it('records assets created by an order in their history', async () => {
    const { ws, acme, router } = await setup();
    await ws.admin.post('/api/orders', {
      customerId: acme.id,
      orderedAt: '2026-01-01',
      lines: [{ productId: router.id, quantity: 1, unitPriceCents: 1, serialNumbers: ['FROM-ORDER'] }],
    });
    const asset = (await ws.admin.get<PageReply<Asset>>('/api/assets')).body.items[0] as Asset;
    const history = await ws.admin.get<{
      items: Array<{ action: string; changes: Record<string, { from: unknown; to: unknown }> }>;
    }>(`/api/assets/${asset.id}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual(['created']);
    expect(history.body.items[0]?.changes.serialNumber).toEqual({ from: null, to: 'FROM-ORDER' });
  });

  it('lets a viewer read but not write', async () => {
    const { ws, acme, router } = await setup();
    const asset = (
      await ws.admin.post<Asset>('/api/assets', {
        customerId: acme.id,
        productId: router.id,
        serialNumber: 'V-1',
      })
    ).body;
    const viewer = await createStaff(t.app, ws, 'viewer');
    const list = await viewer.client.get<PageReply<Asset>>('/api/assets');
    expect(list.status).toBe(200);
    expect(list.body.items[0]?.actions).toEqual([]);
    for (const res of [
      await viewer.client.post<ErrorReply>('/api/assets', {
        customerId: acme.id,
        productId: router.id,
        serialNumber: 'V-2',
      }),
      await viewer.client.patch<ErrorReply>(`/api/assets/${asset.id}`, { status: 'retired', version: 1 }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
