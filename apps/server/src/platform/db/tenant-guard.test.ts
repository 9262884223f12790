import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('tenant guard', () => {
  it('refuses a query on a tenant table that does not name workspace_id', async () => {
    await expect(t.database.db.selectFrom('customers').selectAll().execute()).rejects.toThrow(
      /not scoped by workspace_id/,
    );
    await expect(
      t.database.db
        .updateTable('users')
        .set({ name: 'x' })
        .where('id', '=', '00000000-0000-7000-8000-000000000000')
        .execute(),
    ).rejects.toThrow(/Tenant guard/);
    await expect(t.database.db.deleteFrom('orders').execute()).rejects.toThrow(/Tenant guard/);
  });

  it('lets scoped queries and global tables through', async () => {
    await expect(
      t.database.db
        .selectFrom('customers')
        .selectAll()
        .where('workspace_id', '=', '00000000-0000-7000-8000-000000000000')
        .execute(),
    ).resolves.toEqual([]);
    await expect(
      t.database.db.selectFrom('workspaces').select('id').limit(1).execute(),
    ).resolves.toBeDefined();
  });
});
