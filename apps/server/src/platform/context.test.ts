import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createWorkspace } from '../../test/factories.js';
import { inTransaction, isRetryableAbort } from './context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('inTransaction', () => {
  it('knows PostgreSQL deadlocks and serialization failures, nothing else', () => {
    expect(isRetryableAbort({ code: '40P01' })).toBe(true);
    expect(isRetryableAbort({ code: '40001' })).toBe(true);
    expect(isRetryableAbort({ code: '23505' })).toBe(false);
    expect(isRetryableAbort(new Error('x'))).toBe(false);
    expect(isRetryableAbort(null)).toBe(false);
  });

  it('runs a deadlock victim again, so both of two crossing transactions commit', async (ctx) => {
    if (t.database.dialect !== 'postgres') ctx.skip(); // SQLite has one writer: no deadlocks
    const ws = await createWorkspace(t.app);
    const wid = ws.me.workspace.id;
    const a = await ws.admin.post<{ id: string }>('/api/customers', { code: 'DA', name: 'A' });
    const b = await ws.admin.post<{ id: string }>('/api/customers', { code: 'DB', name: 'B' });
    const deps = t.app.deps;
    let runs = 0;
    // Each transaction locks one row, waits until the other has locked its own, then wants the other's.
    let locked = 0;
    const bothLocked = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (locked >= 2) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    const rename = (first: string, second: string, name: string) =>
      inTransaction(deps, async (tx) => {
        runs += 1;
        const set = (id: string) =>
          tx
            .updateTable('customers')
            .set({ name })
            .where('workspace_id', '=', wid)
            .where('id', '=', id)
            .execute();
        await set(first);
        if (runs <= 2) {
          locked += 1;
          await bothLocked;
        }
        await sql`select 1`.execute(tx);
        await set(second);
      });
    await Promise.all([rename(a.body.id, b.body.id, 'one'), rename(b.body.id, a.body.id, 'two')]);
    expect(runs).toBe(3); // one of the two was chosen as the deadlock victim and ran again
    const names = await t.database.db
      .selectFrom('customers')
      .select('name')
      .where('workspace_id', '=', wid)
      .where('id', 'in', [a.body.id, b.body.id])
      .execute();
    expect(new Set(names.map((n) => n.name)).size).toBe(1);
  });
});
