import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createStaff, createWorkspace } from '../../../test/factories.js';
import { type ErrorReply } from '../../../test/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('customers', () => {
  it('creates, reads, lists with search, filter, sort and pages', async () => {
    const ws = await createWorkspace(t.app);
    const names = ['上海华东机电', '北京远航软件', 'Shenzhen Nova Tech'];
    for (const [i, name] of names.entries()) {
      const res = await ws.admin.post<Customer>('/api/customers', {
        code: `C${i}`,
        name,
        tier: i === 0 ? 'gold' : 'standard',
        tags: ['erp'],
        city: i === 0 ? '上海' : '北京',
      });
      expect(res.status).toBe(201);
      expect(res.body.actions).toContain('update');
    }
    const all = await ws.admin.get<{ items: Customer[]; total: number }>(
      '/api/customers?sort=-name&pageSize=2',
    );
    expect(all.body.total).toBe(3);
    expect(all.body.items).toHaveLength(2);
    const search = await ws.admin.get<{ items: Customer[] }>(
      `/api/customers?q=${encodeURIComponent('上海')}`,
    );
    expect(search.body.items.map((c) => c.name)).toEqual(['上海华东机电']);
    const gold = await ws.admin.get<{ items: Customer[] }>('/api/customers?tier=gold');
    expect(gold.body.items).toHaveLength(1);
    const nova = await ws.admin.get<{ items: Customer[] }>('/api/customers?q=nova');
    expect(nova.body.items[0]?.code).toBe('C2');
  });

  it('lists every invalid field at once and writes nothing', async () => {
    const ws = await createWorkspace(t.app);
    const res = await ws.admin.post<ErrorReply>('/api/customers', {
      code: '',
      name: 42,
      tier: 'diamond',
      latitude: 120,
      bogus: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const fields = res.body.error.details?.map((d) => d.field).sort();
    expect(fields).toEqual(['bogus', 'code', 'latitude', 'name', 'tier']);
    expect((await ws.admin.get<{ total: number }>('/api/customers')).body.total).toBe(0);
  });

  it('refuses a duplicate code with a field error in the user language', async () => {
    const ws = await createWorkspace(t.app);
    await ws.admin.post('/api/customers', { code: 'DUP', name: 'A' });
    const res = await ws.admin.post<ErrorReply>('/api/customers', { code: 'DUP', name: 'B' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'code', code: 'duplicate', message: '该值已被使用' }]);
  });

  it('answers 409 to a stale write and loses nothing', async () => {
    const ws = await createWorkspace(t.app);
    const created = (await ws.admin.post<Customer>('/api/customers', { code: 'V1', name: 'Versioned' })).body;
    const first = await ws.admin.patch<Customer>(`/api/customers/${created.id}`, {
      name: 'First',
      version: created.version,
    });
    expect(first.status).toBe(200);
    const stale = await ws.admin.patch<ErrorReply>(`/api/customers/${created.id}`, {
      name: 'Second',
      version: created.version,
    });
    expect(stale.status).toBe(409);
    expect((await ws.admin.get<Customer>(`/api/customers/${created.id}`)).body.name).toBe('First');
  });

  it('keeps every change in a history no API can edit', async () => {
    const ws = await createWorkspace(t.app);
    const c = (await ws.admin.post<Customer>('/api/customers', { code: 'H1', name: 'History' })).body;
    await ws.admin.patch(`/api/customers/${c.id}`, { tier: 'platinum', version: c.version });
    const history = await ws.admin.get<{
      items: Array<{
        action: string;
        changes: Record<string, { from: unknown; to: unknown }>;
        actorName: string;
      }>;
    }>(`/api/customers/${c.id}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual(['updated', 'created']);
    expect(history.body.items[0]?.changes.tier).toEqual({ from: 'standard', to: 'platinum' });
    expect(history.body.items[0]?.actorName).toBe('管理员');
    await expect(
      t.database.db
        .updateTable('audit_log')
        .set({ action: 'x' })
        .where('workspace_id', '=', ws.me.workspace.id)
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.database.db.deleteFrom('audit_log').where('workspace_id', '=', ws.me.workspace.id).execute(),
    ).rejects.toThrow();
  });

  it('refuses to delete a customer whose contact a case names (in use, not a database error)', async () => {
    const ws = await createWorkspace(t.app);
    const customer = (await ws.admin.post<Customer>('/api/customers', { code: 'D1', name: '删除测试' })).body;
    const contact = (
      await ws.admin.post<{ id: string }>('/api/contacts', { customerId: customer.id, name: '联系人' })
    ).body;
    const opened = await ws.admin.post('/api/cases', {
      customerId: customer.id,
      contactId: contact.id,
      subject: '设备故障',
      body: '无法开机',
    });
    expect(opened.status).toBe(201);
    const res = await ws.admin.delete<ErrorReply>(`/api/customers/${customer.id}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'id', code: 'in_use' })]);
    expect((await ws.admin.get(`/api/customers/${customer.id}`)).status).toBe(200);
    expect((await ws.admin.get(`/api/contacts/${contact.id}`)).status).toBe(200);
  });

  it('lets a viewer read but not write', async () => {
    const ws = await createWorkspace(t.app);
    const viewer = await createStaff(t.app, ws, 'viewer');
    expect((await viewer.client.get('/api/customers')).status).toBe(200);
    const res = await viewer.client.post<ErrorReply>('/api/customers', { code: 'X', name: 'X' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});
