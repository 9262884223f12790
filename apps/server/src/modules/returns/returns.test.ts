import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PortalReturn,
  ReturnPolicy,
  ReturnReason,
  ReturnRequest,
  ReturnSummary,
  Verdict,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type ErrorReply, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { PNG_1PX, uploadFile } from '../../../test/multipart.js';
import { runReturnDeadlines } from './returns.deadlines.js';
import { initialState, transition, type MachineState } from './returns.machine.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

const KINDS = ['sales', 'technical', 'finance', 'logistics'] as const;
type Kind = (typeof KINDS)[number];

async function portalContact(ws: Workspace, customerId: string, companyWide = true) {
  const contact = (
    await ws.admin.post<{ id: string }>('/api/contacts', {
      customerId,
      name: unique('联系人'),
      email: `${unique('c')}@customer.example.com`,
      companyWide,
    })
  ).body;
  const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.body.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return { client: new Client(t.app, sessionFrom(accepted)), id: contact.id };
}

/** A workspace with four reviewing departments (one member each), a lead, a customer with an order, a reason. */
async function world(rule: 'all' | 'any_reject' | 'quorum' = 'all', quorum?: number) {
  const ws = await createWorkspace(t.app);
  const deps = (await ws.admin.get<Array<{ id: string; kind: string }>>('/api/departments')).body;
  const dep = (k: string) => deps.find((d) => d.kind === k)?.id as string;
  const reviewers = {} as Record<Kind, { client: Client; id: string }>;
  for (const k of KINDS) reviewers[k] = await createStaff(t.app, ws, 'agent', [{ kind: k }]);
  const lead = await createStaff(t.app, ws, 'agent', [{ kind: 'support', lead: true }]);
  const outsider = await createStaff(t.app, ws, 'agent', [{ kind: 'rd' }]);
  const customer = (await ws.admin.post<{ id: string }>('/api/customers', { code: 'A', name: '甲方机电' }))
    .body;
  const other = (await ws.admin.post<{ id: string }>('/api/customers', { code: 'B', name: '乙方' })).body;
  const product = (
    await ws.admin.post<{ id: string }>('/api/products', {
      sku: unique('SKU'),
      name: '空气净化器',
      category: 'appliance',
      warrantyMonths: 12,
      returnWindowDays: 30,
    })
  ).body;
  const orderedAt = t.clock.now().toISOString().slice(0, 10);
  const order = await ws.admin.post<{ id: string; lines: Array<{ id: string }> }>('/api/orders', {
    customerId: customer.id,
    orderedAt,
    lines: [{ productId: product.id, quantity: 1000, unitPriceCents: 99_900, serialNumbers: [] }],
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const lineId = order.body.lines[0]?.id as string;
  const reason = await ws.admin.post<ReturnReason>('/api/return-reasons', {
    code: 'defect',
    label: { 'zh-CN': '质量问题', en: 'Defective' },
  });
  expect(reason.status).toBe(201);
  const policy = await ws.admin.post<ReturnPolicy>('/api/return-policies', {
    name: '默认',
    departmentIds: KINDS.map(dep),
    rule,
    quorum: quorum ?? null,
    reviewHours: 8,
    decisionHours: 16,
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
  const portal = await portalContact(ws, customer.id);
  const foreign = await portalContact(ws, other.id);
  const ask = async (body: Record<string, unknown> = {}) => {
    const res = await portal.client.post<PortalReturn>('/api/portal/returns', {
      lines: [{ orderLineId: lineId, quantity: 1 }],
      reasonId: reason.body.id,
      outcome: 'refund',
      description: '开机异响',
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  return {
    ws,
    dep,
    reviewers,
    lead,
    outsider,
    customer,
    portal,
    foreign,
    lineId,
    reason: reason.body,
    policy: policy.body,
    ask,
  };
}

async function events(workspaceId: string, type: string, returnId: string) {
  const rows = await t.database.db
    .selectFrom('outbox')
    .select(['payload'])
    .where('workspace_id', '=', workspaceId)
    .where('type', '=', type)
    .execute();
  return rows
    .map((r) => JSON.parse(r.payload) as Record<string, unknown>)
    .filter((p) => p.returnId === returnId);
}

const verdict = (c: Client, returnId: string, departmentId: string, v: Verdict, extra: object = {}) =>
  c.post<ReturnRequest & ErrorReply>(`/api/returns/${returnId}/reviews/${departmentId}`, {
    verdict: v,
    ...extra,
  });

describe('returns, end to end', () => {
  it('a refund: four departments approve at once, one decision, then each step to the refund', async () => {
    const w = await world('all');
    const up = await uploadFile<{ id: string }>(w.portal.client, '/api/portal/attachments', PNG_1PX, {
      filename: 'photo.png',
    });
    expect(up.status).toBe(201);
    const created = await w.ask({ photoIds: [up.body.id] });
    expect(created.number).toMatch(/^R-10\d\d$/);
    expect(created.status).toBe('reviewing');
    expect(created.photoIds).toEqual([up.body.id]);
    expect(created.lines[0]).toMatchObject({
      warranty: 'in_warranty',
      withinReturnWindow: true,
      quantity: 1,
    });
    expect(created.can).toEqual({ appeal: false, cancel: true, ship: false, provideInfo: false });
    const photo = await w.portal.client.get(`/api/portal/returns/${created.id}/photos/${up.body.id}`);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/webp');
    const staffPhoto = await w.reviewers.finance.client.get(
      `/api/returns/${created.id}/photos/${up.body.id}`,
    );
    expect(staffPhoto.status).toBe(200);
    expect((await w.outsider.client.get(`/api/returns/${created.id}/photos/${up.body.id}`)).status).toBe(404);
    expect(
      (await w.foreign.client.get(`/api/portal/returns/${created.id}/photos/${up.body.id}`)).status,
    ).toBe(404);
    // The photo now belongs to the return: the uploader can no longer delete it or use it again.
    expect((await w.portal.client.delete(`/api/portal/attachments/${up.body.id}`)).status).toBe(404);
    const reused = await w.portal.client.post<ErrorReply>('/api/portal/returns', {
      lines: [{ orderLineId: w.lineId, quantity: 1 }],
      reasonId: w.reason.id,
      outcome: 'refund',
      photoIds: [up.body.id],
    });
    expect(reused.status).toBe(400);

    // Each department sees it in its queue at once.
    for (const k of KINDS) {
      const q = await w.reviewers[k].client.get<PageReply<ReturnSummary>>(
        `/api/returns?departmentId=${w.dep(k)}&pendingOnly=true`,
      );
      expect(q.body.items.map((i) => i.id)).toEqual([created.id]);
      expect(q.body.items[0]?.reviewStatus).toBe('pending');
    }

    const results = await Promise.all(
      KINDS.map((k) =>
        verdict(w.reviewers[k].client, created.id, w.dep(k), 'approved', {
          comment: `${k} ok`,
          conditions:
            k === 'finance'
              ? { refundCents: 99_900, restockingFeeCents: 900 }
              : k === 'logistics'
                ? { logistics: 'send_back' }
                : {},
        }),
      ),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await events(w.ws.me.workspace.id, 'return.decided', created.id)).toHaveLength(1);
    expect(await events(w.ws.me.workspace.id, 'return.reviewed', created.id)).toHaveLength(4);

    const seen = (await w.portal.client.get<PortalReturn>(`/api/portal/returns/${created.id}`)).body;
    expect(seen.status).toBe('approved');
    expect(seen.decision).toBe('approved');
    expect(seen.logistics).toBe('send_back');
    expect(seen.decisionReasons).toHaveLength(4);
    expect(seen.timeline.filter((s) => s.kind === 'decided')).toHaveLength(1);
    expect(seen.timeline.find((s) => s.kind === 'decided')?.details).toMatchObject({ refundCents: 99_000 });
    expect(seen.can.ship).toBe(true);

    const shipped = await w.portal.client.post<PortalReturn>(`/api/portal/returns/${created.id}/ship`, {
      trackingNumber: 'SF1234567890',
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('in_transit');
    // Too late to cancel now.
    const late = await w.portal.client.post<ErrorReply>(`/api/portal/returns/${created.id}/cancel`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('return_transition_refused');

    const a = w.ws.admin;
    expect((await a.post(`/api/returns/${created.id}/receive`, {})).status).toBe(200);
    expect(
      (await a.post(`/api/returns/${created.id}/inspect`, { passed: true, note: '外观完好' })).status,
    ).toBe(200);
    const missing = await a.post<ErrorReply>(`/api/returns/${created.id}/complete`, {});
    expect(missing.status).toBe(400);
    const done = await a.post<ReturnRequest>(`/api/returns/${created.id}/complete`, { refundCents: 99_000 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', refundCents: 99_000 });

    const final = (await w.portal.client.get<PortalReturn>(`/api/portal/returns/${created.id}`)).body;
    expect(final.timeline.map((s) => s.kind)).toEqual([
      'created',
      'decided',
      'shipped',
      'received',
      'inspected',
      'completed',
    ]);
    const staffView = (await a.get<ReturnRequest>(`/api/returns/${created.id}`)).body;
    expect(staffView.reviews.map((r) => r.status)).toEqual(['approved', 'approved', 'approved', 'approved']);
    expect(staffView.timeline.filter((s) => s.kind === 'reviewed')).toHaveLength(4);
    const history = await a.get<Array<{ action: string }>>(`/api/returns/${created.id}/history`);
    expect(history.status).toBe(200);
    const actions = JSON.stringify(history.body);
    for (const x of ['created', 'review', 'decided', 'ship', 'receive', 'inspect', 'complete'])
      expect(actions).toContain(`"${x}"`);
    for (const type of [
      'return.created',
      'return.shipped',
      'return.received',
      'return.inspected',
      'return.completed',
    ])
      expect(await events(w.ws.me.workspace.id, type, created.id), type).toHaveLength(1);
  }, 60_000);

  it('a department gives only its own verdict; queues are per department; leads see all', async () => {
    const w = await world('all');
    const r = await w.ask();
    const sales = w.reviewers.sales.client;
    const cross = await verdict(sales, r.id, w.dep('finance'), 'approved');
    expect(cross.status).toBe(403);
    expect(cross.body.error.code).toBe('return_not_your_department');
    // A department that does not review this return: not found.
    expect((await verdict(sales, r.id, w.dep('rd'), 'approved')).status).toBe(404);
    // Someone outside the reviewing departments does not see it at all.
    expect((await w.outsider.client.get(`/api/returns/${r.id}`)).status).toBe(404);
    expect((await verdict(w.outsider.client, r.id, w.dep('rd'), 'approved')).status).toBe(404);
    expect((await w.outsider.client.get<PageReply<ReturnSummary>>('/api/returns')).body.items).toHaveLength(
      0,
    );
    // A lead of any department sees every return.
    expect((await w.lead.client.get(`/api/returns/${r.id}`)).status).toBe(200);
    const queues = (
      await sales.get<Array<{ departmentId: string; pending: number; member: boolean }>>(
        '/api/returns/queues',
      )
    ).body;
    expect(queues).toEqual([
      { departmentId: w.dep('sales'), name: expect.any(String), kind: 'sales', pending: 1, member: true },
    ]);
    // The lead: the four reviewing departments and their own (support).
    expect((await w.lead.client.get<unknown[]>('/api/returns/queues')).body).toHaveLength(5);
    const mine = (await sales.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
    expect(mine.actions).toEqual([`review:${w.dep('sales')}`]);
    // A verdict, once given, is final for the round.
    expect((await verdict(sales, r.id, w.dep('sales'), 'approved')).status).toBe(200);
    expect((await verdict(sales, r.id, w.dep('sales'), 'rejected')).status).toBe(409);
    // Reviewers cannot move the logistics steps.
    expect((await sales.post(`/api/returns/${r.id}/receive`, {})).status).toBe(403);
    // Another customer's contact: 404.
    expect((await w.foreign.client.get(`/api/portal/returns/${r.id}`)).status).toBe(404);
    expect((await w.foreign.client.post(`/api/portal/returns/${r.id}/cancel`, {})).status).toBe(404);
    expect((await w.foreign.client.get<PageReply<unknown>>('/api/portal/returns')).body.items).toHaveLength(
      0,
    );
  }, 60_000);

  it('any rejection rejects at once; the customer appeals once; needs_info goes back to the customer', async () => {
    const w = await world('any_reject');
    const r = await w.ask();
    const info = await verdict(w.reviewers.technical.client, r.id, w.dep('technical'), 'needs_info', {
      comment: '请提供序列号照片',
    });
    expect(info.body.status).toBe('needs_info');
    let seen = (await w.portal.client.get<PortalReturn>(`/api/portal/returns/${r.id}`)).body;
    expect(seen.can.provideInfo).toBe(true);
    expect(seen.timeline.at(-1)).toMatchObject({
      kind: 'info_requested',
      details: { comment: '请提供序列号照片' },
    });
    const answered = await w.portal.client.post<PortalReturn>(`/api/portal/returns/${r.id}/info`, {
      message: '已补充照片',
    });
    expect(answered.body.status).toBe('reviewing');
    const rej = await verdict(w.reviewers.finance.client, r.id, w.dep('finance'), 'rejected', {
      comment: '超出退货期',
    });
    expect(rej.body.status).toBe('rejected');
    seen = (await w.portal.client.get<PortalReturn>(`/api/portal/returns/${r.id}`)).body;
    expect(seen.decisionReasons).toEqual([{ department: expect.any(String), comment: '超出退货期' }]);
    expect(seen.can.appeal).toBe(true);
    const appealed = await w.portal.client.post<PortalReturn>(`/api/portal/returns/${r.id}/appeal`, {
      reason: '购买不足 30 天',
    });
    expect(appealed.status).toBe(200);
    expect(appealed.body).toMatchObject({ status: 'reviewing', appealed: true, decision: null });
    const round2 = (await w.ws.admin.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
    expect(round2.round).toBe(2);
    expect(round2.reviews.every((x) => x.status === 'pending')).toBe(true);
    await verdict(w.reviewers.finance.client, r.id, w.dep('finance'), 'rejected');
    const again = await w.portal.client.post<ErrorReply>(`/api/portal/returns/${r.id}/appeal`, {
      reason: '再申诉',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('return_appeal_used');
    expect(await events(w.ws.me.workspace.id, 'return.decided', r.id)).toHaveLength(2);
    expect(await events(w.ws.me.workspace.id, 'return.appealed', r.id)).toHaveLength(1);
  }, 60_000);

  it('the customer cancels before pickup; not after the goods left', async () => {
    const w = await world('quorum', 1);
    const r = await w.ask();
    await verdict(w.reviewers.sales.client, r.id, w.dep('sales'), 'approved');
    expect(
      (await w.ws.admin.post(`/api/returns/${r.id}/pickup`, { pickupAt: '2030-01-01T02:00:00.000Z' })).status,
    ).toBe(200);
    const c = await w.portal.client.post<PortalReturn>(`/api/portal/returns/${r.id}/cancel`, {
      reason: '不退了',
    });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('cancelled');
    expect(await events(w.ws.me.workspace.id, 'return.cancelled', r.id)).toHaveLength(1);
    // The quantity is free again; asking for more than was bought is refused.
    const tooMany = await w.portal.client.post<ErrorReply>('/api/portal/returns', {
      lines: [{ orderLineId: w.lineId, quantity: 1001 }],
      reasonId: w.reason.id,
      outcome: 'refund',
    });
    expect(tooMany.status).toBe(400);
  }, 60_000);

  it('quorum: concurrent verdicts produce exactly one decision, however they interleave', async () => {
    const w = await world('quorum', 2);
    for (let i = 0; i < 3; i++) {
      const r = await w.ask();
      const replies = await Promise.all(
        KINDS.map((k) => verdict(w.reviewers[k].client, r.id, w.dep(k), 'approved')),
      );
      // Once decided, later verdicts are refused (409); none fails otherwise.
      for (const x of replies) expect([200, 409]).toContain(x.status);
      expect(replies.filter((x) => x.status === 200).length).toBeGreaterThanOrEqual(2);
      expect(await events(w.ws.me.workspace.id, 'return.decided', r.id)).toHaveLength(1);
      const after = (await w.ws.admin.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
      expect(after.status).toBe('approved');
      expect(after.timeline.filter((s) => s.kind === 'decided')).toHaveLength(1);
      await w.portal.client.post(`/api/portal/returns/${r.id}/cancel`, {});
    }
  }, 120_000);
});

describe('deadlines', () => {
  it('reminds late reviews once and escalates a late decision once (ManualClock)', async () => {
    const w = await world('all');
    const r = await w.ask();
    const wsId = w.ws.me.workspace.id;
    await verdict(w.reviewers.sales.client, r.id, w.dep('sales'), 'approved');
    const first = await runReturnDeadlines(t.app.deps, t.clock.now(), { workspaceIds: [wsId] });
    expect(first.recorded).toHaveLength(0);
    const view = (await w.ws.admin.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
    // 8 service hours for a review; 16 for the decision: past both a fortnight later.
    const reviewDue = Date.parse(view.reviewDueAt);
    const decisionDue = Date.parse(view.decisionDueAt);
    expect(decisionDue).toBeGreaterThan(reviewDue);
    const saved = t.clock.now();
    try {
      t.clock.set(new Date(reviewDue + 1000));
      const late = await runReturnDeadlines(t.app.deps, t.clock.now(), { workspaceIds: [wsId] });
      expect(late.recorded.map((x) => x.kind)).toEqual(['review_late', 'review_late', 'review_late']);
      expect(late.recorded.map((x) => x.departmentId).sort()).toEqual(
        ['technical', 'finance', 'logistics'].map((k) => w.dep(k)).sort(),
      );
      const reminded = await events(wsId, 'return.review_late', r.id);
      expect(reminded).toHaveLength(3);
      expect(reminded.find((e) => e.departmentId === w.dep('finance'))?.remindUserIds).toEqual([
        w.reviewers.finance.id,
      ]);
      expect(
        (await runReturnDeadlines(t.app.deps, t.clock.now(), { workspaceIds: [wsId] })).recorded,
      ).toHaveLength(0);
      const lateView = (await w.ws.admin.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
      expect(lateView.reviews.filter((x) => x.late)).toHaveLength(3);

      t.clock.set(new Date(decisionDue + 1000));
      const esc = await runReturnDeadlines(t.app.deps, t.clock.now(), { workspaceIds: [wsId] });
      expect(esc.recorded).toEqual([
        { workspaceId: wsId, returnId: r.id, kind: 'escalated', departmentId: null },
      ]);
      const escalated = await events(wsId, 'return.escalated', r.id);
      expect(escalated).toHaveLength(1);
      expect(escalated[0]?.waitingOn).toHaveLength(3);
      expect(
        (await runReturnDeadlines(t.app.deps, t.clock.now(), { workspaceIds: [wsId] })).recorded,
      ).toHaveLength(0);
      // Deciding after the promise counts as late in the report.
      for (const k of ['technical', 'finance', 'logistics'] as const)
        await verdict(w.reviewers[k].client, r.id, w.dep(k), 'approved');
      const decided = await events(wsId, 'return.decided', r.id);
      expect(decided[0]?.onTime).toBe(false);
      const report = await w.ws.admin.get<{ decisions: { decided: number; onTime: number } }>(
        '/api/reports/returns',
      );
      expect(report.status).toBe(200);
      expect(report.body.decisions).toMatchObject({ decided: 1, onTime: 0 });
    } finally {
      t.clock.set(saved);
    }
  }, 60_000);
});

describe('policies and reasons', () => {
  it('validates policies, picks the category policy, and answers 404 for another workspace', async () => {
    const w = await world('all');
    const bad = await w.ws.admin.post<ErrorReply>('/api/return-policies', {
      name: '坏的',
      category: 'x',
      departmentIds: [w.dep('sales')],
      rule: 'quorum',
      quorum: 3,
      reviewHours: 1,
      decisionHours: 2,
    });
    expect(bad.status).toBe(400);
    const dup = await w.ws.admin.post<ErrorReply>('/api/return-policies', {
      name: '重复',
      departmentIds: [w.dep('sales')],
      rule: 'all',
      reviewHours: 1,
      decisionHours: 2,
    });
    expect(dup.status).toBe(400);
    const appliance = await w.ws.admin.post<ReturnPolicy>('/api/return-policies', {
      name: '家电',
      category: 'appliance',
      departmentIds: [w.dep('technical')],
      rule: 'all',
      reviewHours: 2,
      decisionHours: 4,
    });
    expect(appliance.status).toBe(201);
    const r = await w.ask();
    const view = (await w.ws.admin.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
    expect(view.reviews.map((x) => x.departmentId)).toEqual([w.dep('technical')]);
    const other = await createWorkspace(t.app);
    expect((await other.admin.get(`/api/returns/${r.id}`)).status).toBe(404);
    expect(
      (await other.admin.put(`/api/return-policies/${appliance.body.id}`, { ...appliance.body, version: 0 }))
        .status,
    ).toBe(400);
    const stale = await w.ws.admin.put<ErrorReply>(`/api/return-reasons/${w.reason.id}`, {
      code: 'defect',
      label: { 'zh-CN': '质量问题', en: 'Defective' },
      version: 5,
    });
    expect(stale.status).toBe(409);
    const reasons = await w.portal.client.get<Array<{ label: string }>>('/api/portal/return-reasons');
    expect(reasons.body.map((x) => x.label)).toEqual(['质量问题']);
  }, 60_000);
});

describe('state machine against the service (fast-check, asyncModelRun)', () => {
  type Model = { state: MachineState; decisions: number };
  type Real = { id: string; w: Awaited<ReturnType<typeof world>> };

  class VerdictsAtOnce implements fc.AsyncCommand<Model, Real> {
    constructor(readonly verdicts: Array<[Kind, Verdict]>) {}
    check = (m: Readonly<Model>) => m.state.status === 'reviewing' || m.state.status === 'needs_info';
    async run(m: Model, r: Real): Promise<void> {
      const replies = await Promise.all(
        this.verdicts.map(([k, v]) => verdict(r.w.reviewers[k].client, r.id, r.w.dep(k), v)),
      );
      // The server serialised them in some order: find one in which the model accepts exactly those that succeeded.
      const ok = new Set(this.verdicts.filter((_, i) => replies[i]?.status === 200).map(([k]) => k));
      for (const x of replies) expect([200, 409]).toContain(x.status);
      const pending = this.verdicts.filter(([k]) => ok.has(k));
      const orders = (xs: Array<[Kind, Verdict]>): Array<Array<[Kind, Verdict]>> =>
        xs.length <= 1
          ? [xs]
          : xs.flatMap((x, i) => orders(xs.filter((_, j) => j !== i)).map((o) => [x, ...o]));
      const replay = (order: Array<[Kind, Verdict]>) => {
        let state: MachineState = m.state;
        let decisions = 0;
        for (const [k, v] of order) {
          const t2 = transition(state, { type: 'review', departmentId: r.w.dep(k), verdict: v });
          if (!t2.ok) return null;
          state = t2.state;
          if (t2.decided) decisions++;
        }
        return { state, decisions };
      };
      // Some order of the accepted verdicts must be one the model accepts in full.
      const replayed = orders(pending)
        .map(replay)
        .find((x) => x !== null);
      expect(replayed).toBeDefined();
      const { state, decisions } = replayed ?? { state: m.state, decisions: 0 };
      const server = (await r.w.ws.admin.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
      expect(server.status).toBe(state.status);
      m.state = state;
      m.decisions += decisions;
      expect(await events(r.w.ws.me.workspace.id, 'return.decided', r.id)).toHaveLength(m.decisions);
    }
    toString = () => `atOnce(${this.verdicts.map(([k, v]) => `${k}:${v}`).join(',')})`;
  }
  class PortalStep implements fc.AsyncCommand<Model, Real> {
    constructor(readonly what: 'appeal' | 'info' | 'cancel' | 'ship') {}
    check = () => true;
    async run(m: Model, r: Real): Promise<void> {
      const type = ({ appeal: 'appeal', info: 'provide_info', cancel: 'cancel', ship: 'ship' } as const)[
        this.what
      ];
      const expected = transition(m.state, { type });
      const body =
        this.what === 'appeal'
          ? { reason: '请复核' }
          : this.what === 'info'
            ? { message: '补充' }
            : this.what === 'ship'
              ? { trackingNumber: 'YT1' }
              : {};
      const res = await r.w.portal.client.post<PortalReturn>(
        `/api/portal/returns/${r.id}/${this.what}`,
        body,
      );
      expect(res.status).toBe(expected.ok ? 200 : 409);
      if (expected.ok) {
        m.state = expected.state;
        expect(res.body.status).toBe(m.state.status);
      }
    }
    toString = () => `portal.${this.what}`;
  }

  it('follows the model through random interleavings of verdicts and customer steps', async () => {
    const w = await world('quorum', 3);
    const kind = fc.constantFrom<Kind>(...KINDS);
    const v = fc.constantFrom<Verdict>('approved', 'approved', 'rejected', 'needs_info');
    await fc.assert(
      fc.asyncProperty(
        fc.commands(
          [
            fc
              .uniqueArray(fc.tuple(kind, v), { minLength: 1, maxLength: 4, selector: ([k]) => k })
              .map((vs) => new VerdictsAtOnce(vs)),
            fc.constantFrom('appeal', 'info', 'cancel', 'ship' as const).map((x) => new PortalStep(x)),
          ],
          { maxCommands: 8 },
        ),
        async (cmds) => {
          const created = await w.ask();
          const state = initialState('quorum', 3, KINDS.map(w.dep));
          await fc.asyncModelRun(
            () => ({ model: { state, decisions: 0 }, real: { id: created.id, w } }),
            cmds,
          );
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});
