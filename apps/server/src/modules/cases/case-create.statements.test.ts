import type { CaseDetail } from '@aftercare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createWorkspace } from '../../../test/factories.js';
import { StatementLog } from '../../../test/statements.js';

const log = new StatementLog();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ wrap: log.wrap });
});
afterAll(async () => t.close());

describe('the statement budget of case creation', () => {
  it('creates a case in one transaction of at most 15 statements', async () => {
    const ws = await createWorkspace(t.app);
    const customer = await ws.admin.post<{ id: string }>('/api/customers', { code: 'HD', name: '华东机械' });
    const contact = await ws.admin.post<{ id: string }>('/api/contacts', {
      customerId: customer.body.id,
      name: '王工',
      email: 'wang@huadong.example.cn',
    });
    // Warm: the first case of a workspace may create its number sequence.
    await ws.admin.post('/api/cases', {
      customerId: customer.body.id,
      contactId: contact.body.id,
      subject: '预热',
      body: '预热',
    });
    log.reset();
    log.on = true;
    const res = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId: customer.body.id,
      contactId: contact.body.id,
      subject: '数控机床主轴异响',
      body: '<p>主轴在 3000 转以上出现异响，已停机。</p>',
      severity: 'S2',
      type: 'incident',
    });
    log.on = false;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const inTx = log.statements.filter((s) => s.inTransaction);
    const listing = inTx.map((s) => `${s.kind} ${s.table} ${s.where}`).join('\n');
    expect(log.transactions).toBe(1);
    expect(inTx.length, listing).toBeLessThanOrEqual(15);
    // Nothing is left out to meet the budget: every write of a new case happens in that transaction.
    const written = new Set(inTx.filter((s) => s.kind !== 'SelectQueryNode').map((s) => s.table));
    for (const table of [
      'counters',
      'cases',
      'case_sla',
      'case_messages',
      'case_search',
      'audit_log',
      'outbox',
    ])
      expect(written, listing).toContain(table);
    // The reply is the stored case (read after the commit), with its SLA and deadline.
    expect(res.body.number).toMatch(/^T-\d+$/);
    expect(res.body.messages).toHaveLength(1);
    expect(res.body.sla?.targets.length).toBeGreaterThan(0);
    expect(res.body.nextDeadlineAt).toBeTruthy();
    const found = await ws.admin.get<{ items: Array<{ id: string }> }>('/api/cases?q=主轴');
    expect(found.body.items.map((c) => c.id)).toEqual([res.body.id]);
  });
});
