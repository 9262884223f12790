import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Edition, Product } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createStaff, createWorkspace, unique, type Workspace } from '../../../test/factories.js';
import { type ErrorReply, type PageReply, fieldsOf } from '../../../test/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function product(ws: Workspace, body: Record<string, unknown> = {}): Promise<Product> {
  const res = await ws.admin.post<Product>('/api/products', {
    sku: unique('SKU-'),
    name: '工业路由器',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('products', () => {
  it('creates a product with editions and lists with search, filter and sort', async () => {
    const ws = await createWorkspace(t.app);
    const created = await product(ws, {
      sku: 'RT-100',
      name: '工业路由器 RT-100',
      category: '网络设备',
      warrantyMonths: 24,
      editions: [
        { code: 'STD', name: '标准版' },
        { code: 'PRO', name: '专业版' },
      ],
    });
    expect(created).toMatchObject({
      sku: 'RT-100',
      category: '网络设备',
      warrantyMonths: 24,
      returnWindowDays: 7,
      active: true,
      version: 1,
    });
    expect(created.editions.map((e) => e.code)).toEqual(['PRO', 'STD']);
    expect(created.editions[0]?.actions).toEqual(['update', 'delete']);
    expect(created.actions).toEqual(['update', 'delete', 'addEdition']);
    await product(ws, { sku: 'SW-1', name: 'Switch', category: 'Network' });
    await product(ws, { sku: 'CAM-9', name: '摄像头', category: '安防' });

    const list = async (qs: string) =>
      (await ws.admin.get<PageReply<Product>>(`/api/products?${qs}`)).body.items.map((p) => p.sku);
    expect(await list(`q=${encodeURIComponent('路由')}`)).toEqual(['RT-100']);
    expect(await list('q=sw-')).toEqual(['SW-1']);
    expect(await list(`category=${encodeURIComponent('安防')}`)).toEqual(['CAM-9']);
    expect(await list('sort=-sku')).toEqual(['SW-1', 'RT-100', 'CAM-9']);
    const page = await ws.admin.get<PageReply<Product>>('/api/products?pageSize=1&page=2&sort=sku');
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((p) => p.sku)).toEqual(['RT-100']);
    expect(page.body.items[0]?.editions).toHaveLength(2);
    expect((await ws.admin.get<Product>(`/api/products/${created.id}`)).body.editions).toHaveLength(2);
  });

  it('lists every invalid field at once and refuses duplicate SKUs and edition codes', async () => {
    const ws = await createWorkspace(t.app);
    const bad = await ws.admin.post('/api/products', {
      sku: ' bad sku',
      warrantyMonths: -1,
      returnWindowDays: 'x',
      editions: [{ code: 'A' }],
      bogus: true,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual([
      'bogus:additionalProperties',
      'editions/0/name:required',
      'name:required',
      'returnWindowDays:type',
      'sku:pattern',
      'warrantyMonths:minimum',
    ]);
    await product(ws, { sku: 'DUP' });
    const dup = await ws.admin.post('/api/products', {
      sku: 'DUP',
      name: 'x',
      editions: [
        { code: 'A', name: 'a' },
        { code: 'A', name: 'b' },
      ],
    });
    expect(dup.status).toBe(400);
    expect(fieldsOf(dup)).toEqual(['editions/1/code:duplicate', 'sku:duplicate']);
    expect((await ws.admin.get<PageReply<Product>>('/api/products')).body.total).toBe(1);
  });

  it('updates with optimistic concurrency and keeps the history, editions included', async () => {
    const ws = await createWorkspace(t.app);
    const p = await product(ws, { editions: [{ code: 'STD', name: '标准版' }] });
    const updated = await ws.admin.patch<Product>(`/api/products/${p.id}`, {
      warrantyMonths: 36,
      active: false,
      version: p.version,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ warrantyMonths: 36, active: false, version: 2 });
    const stale = await ws.admin.patch<ErrorReply>(`/api/products/${p.id}`, {
      name: 'x',
      version: p.version,
    });
    expect(stale.status).toBe(409);

    const added = await ws.admin.post<Edition>(`/api/products/${p.id}/editions`, {
      code: 'PRO',
      name: '专业版',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ productId: p.id, code: 'PRO', version: 1 });
    const dupCode = await ws.admin.post(`/api/products/${p.id}/editions`, { code: 'STD', name: 'again' });
    expect(fieldsOf(dupCode)).toEqual(['code:duplicate']);
    const renamed = await ws.admin.patch<Edition>(`/api/products/${p.id}/editions/${added.body.id}`, {
      name: '专业版 Plus',
      version: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);
    const staleEdition = await ws.admin.patch(`/api/products/${p.id}/editions/${added.body.id}`, {
      name: 'x',
      version: 1,
    });
    expect(staleEdition.status).toBe(409);
    const clash = await ws.admin.patch(`/api/products/${p.id}/editions/${added.body.id}`, {
      code: 'STD',
      version: 2,
    });
    expect(fieldsOf(clash)).toEqual(['code:duplicate']);
    expect((await ws.admin.delete(`/api/products/${p.id}/editions/${added.body.id}`)).status).toBe(200);
    expect((await ws.admin.get<Product>(`/api/products/${p.id}`)).body.editions.map((e) => e.code)).toEqual([
      'STD',
    ]);

    const other = await product(ws, { editions: [{ code: 'X', name: 'x' }] });
    const wrongProduct = await ws.admin.patch(`/api/products/${p.id}/editions/${other.editions[0]?.id}`, {
      name: 'x',
      version: 1,
    });
    expect(wrongProduct.status).toBe(404);

    const history = await ws.admin.get<{
      items: Array<{ action: string; changes: Record<string, { from: unknown; to: unknown }> }>;
    }>(`/api/products/${p.id}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual([
      'edition_deleted',
      'edition_updated',
      'edition_added',
      'updated',
      'created',
    ]);
    expect(history.body.items[3]?.changes.warrantyMonths).toEqual({ from: 12, to: 36 });
    expect(history.body.items[2]?.changes.editions?.to).toEqual([
      { code: 'STD', name: '标准版' },
      { code: 'PRO', name: '专业版' },
    ]);
  });

  it('refuses to delete a product or edition still used by an order, and deletes unused ones', async () => {
    const ws = await createWorkspace(t.app);
    const used = await product(ws, {
      editions: [
        { code: 'STD', name: '标准版' },
        { code: 'FREE', name: '空闲' },
      ],
    });
    const customer = (await ws.admin.post<Customer>('/api/customers', { code: 'C1', name: '客户' })).body;
    const order = await ws.admin.post('/api/orders', {
      customerId: customer.id,
      orderedAt: '2026-01-05',
      lines: [
        {
          productId: used.id,
          editionId: used.editions.find((e) => e.code === 'STD')?.id,
          quantity: 1,
          unitPriceCents: 100,
        },
      ],
    });
    expect(order.status).toBe(201);
    const refused = await ws.admin.delete<ErrorReply>(`/api/products/${used.id}`);
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused)).toEqual(['id:in_use']);
    const std = used.editions.find((e) => e.code === 'STD') as Edition;
    const free = used.editions.find((e) => e.code === 'FREE') as Edition;
    expect(fieldsOf(await ws.admin.delete(`/api/products/${used.id}/editions/${std.id}`))).toEqual([
      'id:in_use',
    ]);
    expect((await ws.admin.delete(`/api/products/${used.id}/editions/${free.id}`)).status).toBe(200);
    expect((await ws.admin.get(`/api/products/${used.id}`)).status).toBe(200);

    const unused = await product(ws, { editions: [{ code: 'STD', name: '标准版' }] });
    expect((await ws.admin.delete(`/api/products/${unused.id}`)).status).toBe(200);
    expect((await ws.admin.get(`/api/products/${unused.id}`)).status).toBe(404);
    expect((await ws.admin.get(`/api/products/${unused.id}/history`)).status).toBe(404);
  });

  it('lets a viewer read but not write', async () => {
    const ws = await createWorkspace(t.app);
    const p = await product(ws, { editions: [{ code: 'STD', name: '标准版' }] });
    const edition = p.editions[0] as Edition;
    const viewer = await createStaff(t.app, ws, 'viewer');
    const read = await viewer.client.get<PageReply<Product>>('/api/products');
    expect(read.status).toBe(200);
    expect(read.body.items[0]?.actions).toEqual([]);
    expect(read.body.items[0]?.editions[0]?.actions).toEqual([]);
    for (const res of [
      await viewer.client.post<ErrorReply>('/api/products', { sku: 'V', name: 'v' }),
      await viewer.client.patch<ErrorReply>(`/api/products/${p.id}`, { name: 'v', version: 1 }),
      await viewer.client.delete<ErrorReply>(`/api/products/${p.id}`),
      await viewer.client.post<ErrorReply>(`/api/products/${p.id}/editions`, { code: 'V', name: 'v' }),
      await viewer.client.patch<ErrorReply>(`/api/products/${p.id}/editions/${edition.id}`, {
        name: 'v',
        version: 1,
      }),
      await viewer.client.delete<ErrorReply>(`/api/products/${p.id}/editions/${edition.id}`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
