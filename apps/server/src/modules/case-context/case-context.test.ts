import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseContext, CaseDetail } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createStaff, createWorkspace } from '../../../test/factories.js';
import { populate } from '../../../test/fixtures.js';
import { ManualClock } from '../../platform/clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(new Date('2026-03-02T01:00:00.000Z')) });
});
afterAll(() => t.close());

describe('customer at a glance', () => {
  it('shows the case’s customer, contact, other open cases with SLA state, orders and installed products — of that customer only', async () => {
    const ws = await createWorkspace(t.app);
    const r = await populate(t.app, ws);
    const second = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId: r.customerId,
      subject: '第二个问题',
      body: '屏幕闪烁',
    });
    const solved = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId: r.customerId,
      subject: '已解决的问题',
      body: 'x',
    });
    await ws.admin.patch(`/api/cases/${solved.body.id}`, {
      status: 'solved',
      version: solved.body.version,
      closingSummary: { cause: 'a', fix: 'b', customerNotes: 'c' },
    });

    const res = await ws.admin.get<CaseContext>(`/api/cases/${r.caseId}/context`);
    expect(res.status).toBe(200);
    const ctx = res.body;
    expect(ctx.customer.id).toBe(r.customerId);
    expect(ctx.customer.tier).toBe('standard');
    expect(ctx.contact?.id).toBe(r.contactId);
    expect(ctx.openCases.map((c) => c.id)).toEqual([second.body.id]);
    expect(ctx.openCases[0]?.slaState).toBe('ok');
    expect(ctx.orders.map((o) => o.id)).toEqual([r.orderId]);
    expect(ctx.assets.map((a) => a.id)).toEqual([r.assetId]);
    expect(ctx.assets[0]?.underWarranty).toBe(true);
    const text = JSON.stringify(ctx);
    for (const id of [r.otherCustomerId, r.otherCaseId, r.otherOrderId, r.otherAssetId])
      expect(text.includes(id), `leaks ${id}`).toBe(false);

    // The other customer's case shows the other customer, nothing of the first.
    const other = (await ws.admin.get<CaseContext>(`/api/cases/${r.otherCaseId}/context`)).body;
    expect(other.customer.id).toBe(r.otherCustomerId);
    expect(other.contact).toBeNull();
    expect(other.orders.map((o) => o.id)).toEqual([r.otherOrderId]);
    const otherText = JSON.stringify(other);
    for (const id of [r.customerId, r.caseId, second.body.id, r.orderId, r.assetId, r.contactId])
      expect(otherText.includes(id), `leaks ${id}`).toBe(false);

    // Contacts never reach it; other workspaces get 404.
    expect((await r.portal.get(`/api/cases/${r.caseId}/context`)).status).toBe(403);
    const stranger = await createWorkspace(t.app);
    expect((await stranger.admin.get(`/api/cases/${r.caseId}/context`)).status).toBe(404);
    const viewer = await createStaff(t.app, ws, 'viewer');
    expect((await viewer.client.get(`/api/cases/${r.caseId}/context`)).status).toBe(200);
  });
});
