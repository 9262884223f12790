/**
 * Concurrency: two people writing the same record at the same moment.
 *
 * - Cases: two agents read a case, then PATCH different fields of it at once (Promise.all on app.inject; on
 *   PostgreSQL the pool runs them truly in parallel), both sending the version they read. The API's optimistic
 *   concurrency must accept exactly one and answer the other 409; the loser re-reads and retries. A lost update is
 *   a change the server acknowledged (200) that is not on the case afterwards, or two 200s for the same version.
 * - Returns: two reviewing departments give their verdicts on one return at once (a policy needing both). Both
 *   verdicts must be stored (no lost update) and the return decided exactly once (one `return.decided` event, one
 *   `decided` step on its timeline). Rounds alternate approve+approve and approve+reject.
 *
 * Quick: 20 rounds of each; full: 200 rounds of each. Targets: lost updates 0, double decisions 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalReturn, ReturnRequest, Verdict } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../apps/server/test/app.js';
import { Client, sessionFrom, type Reply } from '../apps/server/test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique } from '../apps/server/test/factories.js';
import { record, scale } from './record.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

const ROUNDS = scale(20, 200);

interface CaseView {
  id: string;
  subject: string;
  severity: string;
  priority: string;
  version: number;
}

async function ok<T>(p: Promise<Reply<T>>, what: string): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('concurrency', () => {
  it('two agents updating one case at once: one wins, the other gets 409, nothing is lost', async () => {
    const ws = await createWorkspace(t.app);
    const one = await createStaff(t.app, ws, 'agent', [{ kind: 'support' }]);
    const two = await createStaff(t.app, ws, 'agent', [{ kind: 'support' }]);
    const customer = await ok(
      ws.admin.post<{ id: string }>('/api/customers', { code: unique('C'), name: '并发客户' }),
      'customer',
    );
    const severities = ['S1', 'S2', 'S3', 'S4'];
    const priorities = ['low', 'normal', 'high', 'urgent'];
    let lost = 0;
    let doubleAccepts = 0;
    let conflicts = 0;
    let otherFailures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const created = await ok(
        ws.admin.post<CaseView>('/api/cases', {
          customerId: customer.id,
          subject: `并发 ${round}`,
          body: '两位工程师同时处理',
        }),
        'case',
      );
      const [readOne, readTwo] = await Promise.all([
        ok(one.client.get<CaseView>(`/api/cases/${created.id}`), 'read one'),
        ok(two.client.get<CaseView>(`/api/cases/${created.id}`), 'read two'),
      ]);
      const wantSeverity = severities.find((s) => s !== readOne.severity) as string;
      const wantSubject = `并发 ${round} 已更新 ${unique()}`;
      const wantPriority = priorities.find((p) => p !== readTwo.priority) as string;
      // Alternate which agent's request is issued first, so either can win.
      const patchOne = () =>
        one.client.patch<CaseView>(`/api/cases/${created.id}`, {
          severity: wantSeverity,
          version: readOne.version,
        });
      const patchTwo = () =>
        two.client.patch<CaseView>(`/api/cases/${created.id}`, {
          subject: wantSubject,
          priority: wantPriority,
          version: readTwo.version,
        });
      const [r1, r2] =
        round % 2 === 0
          ? await Promise.all([patchOne(), patchTwo()])
          : await Promise.all([patchTwo(), patchOne()]).then(([b, a]) => [a, b] as const);
      const statuses = [r1.status, r2.status];
      if (statuses.every((s) => s === 200)) doubleAccepts++;
      conflicts += statuses.filter((s) => s === 409).length;
      otherFailures += statuses.filter((s) => s !== 200 && s !== 409).length;
      // The loser re-reads and retries, as the console does after a 409.
      if (r1.status === 409) {
        const fresh = await ok(one.client.get<CaseView>(`/api/cases/${created.id}`), 'reread one');
        const retry = await one.client.patch(`/api/cases/${created.id}`, {
          severity: wantSeverity,
          version: fresh.version,
        });
        if (retry.status !== 200) otherFailures++;
      }
      if (r2.status === 409) {
        const fresh = await ok(two.client.get<CaseView>(`/api/cases/${created.id}`), 'reread two');
        const retry = await two.client.patch(`/api/cases/${created.id}`, {
          subject: wantSubject,
          priority: wantPriority,
          version: fresh.version,
        });
        if (retry.status !== 200) otherFailures++;
      }
      const after = await ok(ws.admin.get<CaseView>(`/api/cases/${created.id}`), 'final read');
      if (after.severity !== wantSeverity) lost++;
      if (after.subject !== wantSubject || after.priority !== wantPriority) lost++;
      if (after.version !== readOne.version + 2) lost++;
    }
    record({
      suite: 'concurrency',
      name: `lost case updates (${ROUNDS} rounds of two concurrent PATCHes)`,
      value: lost + doubleAccepts,
      unit: 'updates',
      target: '0',
      pass: lost + doubleAccepts === 0,
      note: `${conflicts} answered 409 and were retried; ${doubleAccepts} rounds accepted both writes of one version`,
    });
    record({
      suite: 'concurrency',
      name: 'concurrent case PATCHes answered other than 200 or 409',
      value: otherFailures,
      unit: 'requests',
      target: '0',
      pass: otherFailures === 0,
    });
    expect(lost + doubleAccepts).toBe(0);
    expect(otherFailures).toBe(0);
    expect(conflicts).toBe(ROUNDS);
  });

  it('two departments giving verdicts on one return at once: both stored, one decision', async () => {
    const ws = await createWorkspace(t.app);
    const deps = await ok(ws.admin.get<Array<{ id: string; kind: string }>>('/api/departments'), 'deps');
    const dep = (k: string) => deps.find((d) => d.kind === k)?.id as string;
    const sales = await createStaff(t.app, ws, 'agent', [{ kind: 'sales' }]);
    const finance = await createStaff(t.app, ws, 'agent', [{ kind: 'finance' }]);
    const customer = await ok(
      ws.admin.post<{ id: string }>('/api/customers', { code: unique('R'), name: '退货客户' }),
      'customer',
    );
    const product = await ok(
      ws.admin.post<{ id: string }>('/api/products', {
        sku: unique('SKU'),
        name: '空气净化器',
        warrantyMonths: 12,
        returnWindowDays: 30,
      }),
      'product',
    );
    const order = await ok(
      ws.admin.post<{ lines: Array<{ id: string }> }>('/api/orders', {
        customerId: customer.id,
        orderedAt: t.clock.now().toISOString().slice(0, 10),
        lines: [{ productId: product.id, quantity: 10_000, unitPriceCents: 99_900, serialNumbers: [] }],
      }),
      'order',
    );
    const lineId = order.lines[0]?.id as string;
    const reason = await ok(
      ws.admin.post<{ id: string }>('/api/return-reasons', {
        code: 'defect',
        label: { 'zh-CN': '质量问题', en: 'Defective' },
      }),
      'reason',
    );
    await ok(
      ws.admin.post('/api/return-policies', {
        name: '两部门会签',
        departmentIds: [dep('sales'), dep('finance')],
        rule: 'all',
        reviewHours: 8,
        decisionHours: 16,
      }),
      'policy',
    );
    const contact = await ok(
      ws.admin.post<{ id: string }>('/api/contacts', {
        customerId: customer.id,
        name: '联系人',
        email: `${unique('c')}@customer.example.com`,
        companyWide: true,
      }),
      'contact',
    );
    const invite = await ok(
      ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`),
      'invite',
    );
    const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
      token: new URL(invite.inviteUrl).searchParams.get('token'),
      password: PASSWORD,
    });
    const portal = new Client(t.app, sessionFrom(accepted));
    const workspaceId = ws.me.workspace.id;
    const decidedEvents = async (returnId: string) =>
      (
        await t.database.db
          .selectFrom('outbox')
          .select(['payload'])
          .where('workspace_id', '=', workspaceId)
          .where('type', '=', 'return.decided')
          .execute()
      ).filter((r) => (JSON.parse(r.payload) as { returnId?: string }).returnId === returnId).length;

    let lost = 0;
    let doubleDecisions = 0;
    let missingDecisions = 0;
    let otherFailures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const asked = await ok(
        portal.post<PortalReturn>('/api/portal/returns', {
          lines: [{ orderLineId: lineId, quantity: 1 }],
          reasonId: reason.id,
          outcome: 'refund',
          description: `开机异响 ${round}`,
        }),
        'return',
      );
      const financeVerdict: Verdict = round % 2 === 0 ? 'approved' : 'rejected';
      const give = (c: Client, d: string, v: Verdict) =>
        c.post<ReturnRequest>(`/api/returns/${asked.id}/reviews/${d}`, {
          verdict: v,
          comment: `${v} ${round}`,
        });
      const replies = await Promise.all([
        give(sales.client, dep('sales'), 'approved'),
        give(finance.client, dep('finance'), financeVerdict),
      ]);
      otherFailures += replies.filter((r) => r.status !== 200 && r.status !== 409).length;
      const after = await ok(ws.admin.get<ReturnRequest>(`/api/returns/${asked.id}`), 'read return');
      const reviewOf = (d: string) => after.reviews.find((r) => r.departmentId === d);
      // Every acknowledged verdict is stored.
      if (replies[0]?.status === 200 && reviewOf(dep('sales'))?.status !== 'approved') lost++;
      if (replies[1]?.status === 200 && reviewOf(dep('finance'))?.status !== financeVerdict) lost++;
      const decided = after.timeline.filter((s) => s.kind === 'decided').length;
      const events = await decidedEvents(asked.id);
      if (decided > 1 || events > 1) doubleDecisions++;
      if (decided === 0 || events === 0) missingDecisions++;
      const expected = financeVerdict === 'approved' ? 'approved' : 'rejected';
      if (after.decision !== expected) missingDecisions++;
    }
    record({
      suite: 'concurrency',
      name: `lost return verdicts (${ROUNDS} rounds of two concurrent verdicts)`,
      value: lost,
      unit: 'verdicts',
      target: '0',
      pass: lost === 0,
    });
    record({
      suite: 'concurrency',
      name: 'returns decided more than once',
      value: doubleDecisions,
      unit: 'returns',
      target: '0',
      pass: doubleDecisions === 0,
      note: `${missingDecisions} rounds without the expected single decision; ${otherFailures} replies other than 200/409`,
    });
    expect(lost).toBe(0);
    expect(doubleDecisions).toBe(0);
    expect(missingDecisions).toBe(0);
    expect(otherFailures).toBe(0);
  });
});
