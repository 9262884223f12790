import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, SavedView, SavedViewList } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('saved views', () => {
  it('saves, lists with counts, renames and deletes a private view; others never see it', async () => {
    const ws = await createWorkspace(t.app);
    const agent = await createStaff(t.app, ws, 'agent');
    const other = await createStaff(t.app, ws, 'agent');
    const cust = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方' })).body;
    for (const [subject, severity] of [
      ['打印机卡纸', 'S1'],
      ['打印机缺墨', 'S3'],
      ['网络中断', 'S1'],
    ] as const)
      await ws.admin.post('/api/cases', { customerId: cust.id, subject, severity, body: '详情' });

    const created = await agent.client.post<SavedView>('/api/case-views', {
      name: '  我的打印机  ',
      query: { view: 'open', q: ' 打印机 ', severity: ['S1', 'S1'], status: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: '我的打印机',
      shared: false,
      ownerId: agent.id,
      query: { view: 'open', q: '打印机', severity: ['S1'] },
      version: 1,
      actions: ['update', 'delete'],
    });
    const dup = await agent.client.post<ErrorReply>('/api/case-views', { name: '我的打印机', query: {} });
    expect(dup.status).toBe(400);
    expect(fieldsOf(dup)).toEqual(['name:duplicate']);
    // Another user may use the same name for their own view.
    expect((await other.client.post('/api/case-views', { name: '我的打印机', query: {} })).status).toBe(201);

    const mine = (await agent.client.get<SavedViewList>('/api/case-views?counts=true')).body.items;
    expect(mine.map((v) => [v.name, v.count])).toEqual([['我的打印机', 1]]);
    expect((await agent.client.get<SavedViewList>('/api/case-views')).body.items[0]?.count).toBeUndefined();
    // Private: not listed for others, 404 to change.
    expect(
      (await other.client.get<SavedViewList>('/api/case-views')).body.items.map((v) => v.ownerId),
    ).toEqual([other.id]);
    expect(
      (await other.client.patch(`/api/case-views/${created.body.id}`, { name: 'x', version: 1 })).status,
    ).toBe(404);
    expect((await ws.admin.delete(`/api/case-views/${created.body.id}`)).status).toBe(404);

    const renamed = await agent.client.patch<SavedView>(`/api/case-views/${created.body.id}`, {
      name: '打印机 S1',
      query: { q: '打印机' },
      version: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '打印机 S1', version: 2, query: { q: '打印机' } });
    const stale = await agent.client.patch(`/api/case-views/${created.body.id}`, {
      name: 'late',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(
      (await agent.client.get<SavedViewList>('/api/case-views?counts=true')).body.items.map((v) => v.count),
    ).toEqual([2]);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', ws.me.workspace.id)
      .where('entity_type', '=', 'saved_view')
      .where('entity_id', '=', created.body.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audit.map((e) => e.action)).toEqual(['created', 'updated']);

    expect((await agent.client.delete(`/api/case-views/${created.body.id}`)).status).toBe(200);
    expect((await agent.client.get<SavedViewList>('/api/case-views')).body.items).toEqual([]);
  });

  it('shares a view with the workspace: others use it; only the owner or an admin changes it', async () => {
    const ws = await createWorkspace(t.app);
    const owner = await createStaff(t.app, ws, 'agent');
    const colleague = await createStaff(t.app, ws, 'agent');
    const viewer = await createStaff(t.app, ws, 'viewer');
    const shared = await owner.client.post<SavedView>('/api/case-views', {
      name: '紧急',
      shared: true,
      query: { severity: ['S1'], slaState: ['breached', 'warning'] },
    });
    expect(shared.status).toBe(201);
    const seen = (await colleague.client.get<SavedViewList>('/api/case-views')).body.items;
    expect(seen.map((v) => [v.name, v.shared, v.actions])).toEqual([['紧急', true, []]]);
    // A viewer (cases.read) may use views and keep their own.
    expect((await viewer.client.get<SavedViewList>('/api/case-views')).body.items.length).toBe(1);
    expect((await viewer.client.post('/api/case-views', { name: '我的', query: {} })).status).toBe(201);

    expect(
      (await colleague.client.patch(`/api/case-views/${shared.body.id}`, { name: '改', version: 1 })).status,
    ).toBe(403);
    expect((await colleague.client.delete(`/api/case-views/${shared.body.id}`)).status).toBe(403);

    const byAdmin = await ws.admin.patch<SavedView>(`/api/case-views/${shared.body.id}`, {
      name: '紧急（全员）',
      version: 1,
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.ownerId).toBe(owner.id);
    // Unshared by its owner, it is private again.
    const unshared = await owner.client.patch<SavedView>(`/api/case-views/${shared.body.id}`, {
      shared: false,
      version: 2,
    });
    expect(unshared.status).toBe(200);
    expect((await colleague.client.get<SavedViewList>('/api/case-views')).body.items).toEqual([]);
    expect((await ws.admin.delete(`/api/case-views/${shared.body.id}`)).status).toBe(404);
    // Bad input: nothing written.
    const bad = await owner.client.post<ErrorReply>('/api/case-views', {
      name: '',
      query: { status: ['nope'] },
    });
    expect(bad.status).toBe(400);
    expect((await owner.client.get<SavedViewList>('/api/case-views')).body.items.length).toBe(1);
  });
});
