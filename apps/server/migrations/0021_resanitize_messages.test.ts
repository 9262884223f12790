import type { CaseDetail } from '@aftercare/contracts';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';
import { createWorkspace } from '../test/factories.js';
import { resanitizeMessages } from './0021_resanitize_messages.js';
import { columnTypes } from './types.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('0021: stored message HTML through the current sanitiser', () => {
  it('cleans a body the <xmp> hole let through and leaves clean bodies alone', async () => {
    const ws = await createWorkspace(t.app);
    const wid = ws.me.workspace.id;
    const customer = await ws.admin.post<{ id: string }>('/api/customers', { code: 'X', name: '客户' });
    const c = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId: customer.body.id,
      subject: 'old message',
      body: '<p>请看 <a href="https://example.com">链接</a></p>',
    });
    const messages = await t.database.db
      .selectFrom('case_messages')
      .select(['id', 'body_html'])
      .where('workspace_id', '=', wid)
      .where('case_id', '=', c.body.id)
      .execute();
    const clean = messages[0] as { id: string; body_html: string | null };
    const bad = await ws.admin.post<{ id: string }>(`/api/cases/${c.body.id}/messages`, {
      body: '<p>hello</p>',
      visibility: 'internal',
    });
    expect(bad.status).toBe(201);
    // What a body stored before the fix looked like.
    await t.database.db
      .updateTable('case_messages')
      .set({ body_html: '<p>hello</p><img src=x onerror="top.__xss(1)"><svg onload=alert(1)>' })
      .where('workspace_id', '=', wid)
      .where('id', '=', bad.body.id)
      .execute();
    const db = t.database.unscoped as unknown as Kysely<unknown>;
    await resanitizeMessages.up(db, t.database.dialect, columnTypes(t.database.dialect));
    const after = await t.database.db
      .selectFrom('case_messages')
      .select(['id', 'body_html'])
      .where('workspace_id', '=', wid)
      .where('case_id', '=', c.body.id)
      .execute();
    const byId = new Map(after.map((m) => [m.id, m.body_html]));
    expect(byId.get(bad.body.id)).toBe('<p>hello</p>');
    expect(byId.get(clean.id)).toBe(clean.body_html);
  });
});
