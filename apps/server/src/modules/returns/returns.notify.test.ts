import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MailSettings,
  Notification,
  PortalReturn,
  ReturnPolicy,
  ReturnReason,
  ReturnRequest,
  Verdict,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { SmtpSink } from '../../../test/smtp-sink.js';
import { runMailOutbound } from '../mail-outbound/index.js';
import { runReturnDeadlines } from './returns.deadlines.js';

/*
 * What a return tells people: the contact gets a mail at each customer-visible step (through the mail-outbound
 * queue, received by a real SMTP server), staff get in-app notifications (reviewers when a review waits, leads
 * when it is late or escalated, leads and the case owner when it is decided).
 */

let t: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  t = await createTestApp();
  sink = await new SmtpSink().start();
}, 60_000);
afterAll(async () => {
  await t.close();
  await sink.stop();
});

const KINDS = ['sales', 'technical', 'finance', 'logistics'] as const;
type Kind = (typeof KINDS)[number];

async function world(rule: 'all' | 'any_reject' = 'all', locale: 'zh-CN' | 'en' = 'zh-CN') {
  const ws: Workspace = await createWorkspace(t.app);
  const wsId = ws.me.workspace.id;
  const saved = await ws.admin.put<MailSettings>('/api/mail-settings', {
    enabled: true,
    host: '127.0.0.1',
    port: sink.port,
    security: 'none',
    username: '',
    fromName: '极光售后',
    fromAddress: 'support@aurora.example',
    replyToAddress: '',
    brand: { companyName: '极光设备', color: '#0a7d5a', footer: { 'zh-CN': '极光设备售后', en: 'Aurora' } },
    version: 0,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const deps = (await ws.admin.get<Array<{ id: string; kind: string }>>('/api/departments')).body;
  const dep = (k: string) => deps.find((d) => d.kind === k)?.id as string;
  const reviewers = {} as Record<Kind, { client: Client; id: string }>;
  for (const k of KINDS) reviewers[k] = await createStaff(t.app, ws, 'agent', [{ kind: k }]);
  const financeLead = await createStaff(t.app, ws, 'agent', [{ kind: 'finance', lead: true }]);
  const outsider = await createStaff(t.app, ws, 'agent', [{ kind: 'rd' }]);
  const customer = (await ws.admin.post<{ id: string }>('/api/customers', { code: 'A', name: '甲方机电' }))
    .body;
  const product = (
    await ws.admin.post<{ id: string }>('/api/products', {
      sku: unique('SKU'),
      name: '空气净化器',
      category: 'appliance',
      warrantyMonths: 12,
      returnWindowDays: 30,
    })
  ).body;
  const order = await ws.admin.post<{ id: string; lines: Array<{ id: string }> }>('/api/orders', {
    customerId: customer.id,
    orderedAt: t.clock.now().toISOString().slice(0, 10),
    lines: [{ productId: product.id, quantity: 10, unitPriceCents: 99_900, serialNumbers: [] }],
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const reason = await ws.admin.post<ReturnReason>('/api/return-reasons', {
    code: 'defect',
    label: { 'zh-CN': '质量问题', en: 'Defective' },
  });
  const policy = await ws.admin.post<ReturnPolicy>('/api/return-policies', {
    name: '默认',
    departmentIds: KINDS.map(dep),
    rule,
    quorum: null,
    reviewHours: 8,
    decisionHours: 16,
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
  const email = `${unique('c')}@customer.example.com`;
  const contact = (
    await ws.admin.post<{ id: string }>('/api/contacts', {
      customerId: customer.id,
      name: locale === 'en' ? 'Alex Wang' : '王经理',
      email,
      locale,
      companyWide: true,
    })
  ).body;
  const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.body.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  const portal = new Client(t.app, sessionFrom(accepted));
  const ask = async () => {
    const res = await portal.post<PortalReturn>('/api/portal/returns', {
      lines: [{ orderLineId: order.body.lines[0]?.id, quantity: 1 }],
      reasonId: reason.body.id,
      outcome: 'refund',
      description: '开机异响',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  /** Dispatches the outbox, sends the queue, and answers the subjects the contact received. */
  const deliver = async () => {
    await t.dispatch(wsId);
    await runMailOutbound(t.app.deps, t.clock.now(), { workspaceIds: [wsId] });
    return (await sink.to(email)).map((m) => m.subject ?? '');
  };
  return { ws, wsId, dep, reviewers, financeLead, outsider, portal, email, ask, deliver };
}

const verdict = (c: Client, returnId: string, departmentId: string, v: Verdict, extra: object = {}) =>
  c.post<ReturnRequest>(`/api/returns/${returnId}/reviews/${departmentId}`, { verdict: v, ...extra });

const inbox = async (c: Client) => (await c.get<PageReply<Notification>>('/api/me/notifications')).body.items;

describe('return mail to the contact', () => {
  it('mails each customer-visible step, with the reasons of the decision, and shows the delivery to staff', async () => {
    const w = await world('all');
    const r = await w.ask();
    expect(await w.deliver()).toEqual([`[${r.number}] 退货申请已收到`]);
    const [received] = await sink.to(w.email);
    expect(received?.text).toContain(r.number);
    expect(received?.text).toContain(`/portal/returns/${r.id}`);
    expect(received?.headers.get('x-aftercare-return')).toBe(r.number);
    expect(received?.from?.text).toContain('support@aurora.example');
    expect(received?.html).toContain('#0a7d5a');

    await verdict(w.reviewers.technical.client, r.id, w.dep('technical'), 'needs_info', {
      comment: '请提供 <序列号> 照片',
    });
    const subjects = await w.deliver();
    expect(subjects.at(-1)).toBe(`[${r.number}] 退货申请需要补充信息`);
    const info = (await sink.to(w.email)).at(-1);
    expect(info?.text).toContain('请提供 <序列号> 照片');
    expect(info?.html).toContain('请提供 &lt;序列号&gt; 照片');
    // The customer's own answer is not mailed back to them.
    await w.portal.post(`/api/portal/returns/${r.id}/info`, { message: '已补充' });
    expect(await w.deliver()).toHaveLength(2);

    for (const k of KINDS)
      expect(
        (
          await verdict(w.reviewers[k].client, r.id, w.dep(k), 'approved', {
            comment: `${k} 同意`,
            conditions:
              k === 'finance'
                ? { refundCents: 99_900, restockingFeeCents: 900 }
                : k === 'logistics'
                  ? { logistics: 'pickup' }
                  : {},
          })
        ).status,
      ).toBe(200);
    expect((await w.deliver()).at(-1)).toBe(`[${r.number}] 退货申请已同意`);
    const approved = (await sink.to(w.email)).at(-1);
    expect(approved?.text).toContain('finance 同意');
    expect(approved?.text).toContain('上门取件');
    expect(approved?.text).toContain('990.00');

    const a = w.ws.admin;
    expect(
      (await a.post(`/api/returns/${r.id}/pickup`, { pickupAt: '2026-12-01T02:00:00.000Z' })).status,
    ).toBe(200);
    expect((await a.post(`/api/returns/${r.id}/ship`, { trackingNumber: 'SF100200' })).status).toBe(200);
    expect((await a.post(`/api/returns/${r.id}/receive`, {})).status).toBe(200);
    expect((await a.post(`/api/returns/${r.id}/inspect`, { passed: true })).status).toBe(200);
    expect((await a.post(`/api/returns/${r.id}/complete`, { refundCents: 99_000 })).status).toBe(200);
    expect((await w.deliver()).slice(3)).toEqual(
      ['已安排上门取件', '已登记退回物流单号', '退回的货物已收到', '退回的货物已检验', '退款已办理'].map(
        (s) => `[${r.number}] ${s}`,
      ),
    );
    expect((await sink.to(w.email)).at(-1)?.text).toContain('990.00');

    const staff = (await a.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
    expect(staff.mails).toHaveLength(8);
    expect(staff.mails?.every((m) => m.status === 'sent' && m.to === w.email)).toBe(true);
    // The portal view never carries the delivery state.
    const portalView = (await w.portal.get<Record<string, unknown>>(`/api/portal/returns/${r.id}`)).body;
    expect(portalView.mails).toBeUndefined();
  }, 90_000);

  it('tells a rejection with its reasons, the appeal and the cancellation, in the contact’s language', async () => {
    const w = await world('any_reject', 'en');
    const r = await w.ask();
    await verdict(w.reviewers.finance.client, r.id, w.dep('finance'), 'rejected', {
      comment: 'Out of window',
    });
    await w.deliver();
    const rejected = (await sink.to(w.email)).at(-1);
    expect(rejected?.subject).toBe(`[${r.number}] Your return request is declined`);
    expect(rejected?.text).toContain('Out of window');
    expect(rejected?.text).toContain('appeal once');
    expect(
      (await w.portal.post(`/api/portal/returns/${r.id}/appeal`, { reason: 'Bought 10 days ago' })).status,
    ).toBe(200);
    await w.portal.post(`/api/portal/returns/${r.id}/cancel`, { reason: 'Solved' });
    expect(await w.deliver()).toEqual(
      [
        'We have received your return request',
        'Your return request is declined',
        'We have received your appeal',
        'Your return request is cancelled',
      ].map((s) => `[${r.number}] ${s}`),
    );
    expect((await sink.to(w.email)).at(-1)?.text).toContain('Reason: Solved');
  }, 90_000);
});

describe('return notifications to staff', () => {
  it('reviewers are told a review waits; leads a late review and the escalation; leads the decision', async () => {
    const w = await world('all');
    const r = await w.ask();
    await t.dispatch(w.wsId);
    for (const k of KINDS) {
      const items = await inbox(w.reviewers[k].client);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ event: 'return_review_waiting', returnId: r.id, caseId: null });
      expect(items[0]?.title).toBe(`退货 ${r.number} 等待您的部门审核`);
      expect(items[0]?.body).toBe('甲方机电');
    }
    // The finance lead is a member of finance too; someone of another department hears nothing.
    expect((await inbox(w.financeLead.client)).map((n) => n.event)).toEqual(['return_review_waiting']);
    expect(await inbox(w.outsider.client)).toHaveLength(0);

    const view = (await w.ws.admin.get<ReturnRequest>(`/api/returns/${r.id}`)).body;
    const saved = t.clock.now();
    try {
      t.clock.set(new Date(Date.parse(view.reviewDueAt) + 1000));
      await runReturnDeadlines(t.app.deps, t.clock.now(), { workspaceIds: [w.wsId] });
      await t.dispatch(w.wsId);
      const late = (await inbox(w.financeLead.client)).filter((n) => n.event === 'return_late');
      // Reminded as a member of finance, and told as its lead: one notification for one event.
      expect(late).toHaveLength(1);
      expect(late[0]?.returnId).toBe(r.id);
      expect((await inbox(w.reviewers.sales.client)).some((n) => n.event === 'return_late')).toBe(true);

      t.clock.set(new Date(Date.parse(view.decisionDueAt) + 1000));
      await runReturnDeadlines(t.app.deps, t.clock.now(), { workspaceIds: [w.wsId] });
      await t.dispatch(w.wsId);
      const escalated = (await inbox(w.financeLead.client)).find((n) => n.title.includes('升级'));
      expect(escalated).toMatchObject({ event: 'return_late', returnId: r.id });
      expect((await inbox(w.reviewers.sales.client)).some((n) => n.title.includes('升级'))).toBe(false);
    } finally {
      t.clock.set(saved);
    }

    for (const k of KINDS) await verdict(w.reviewers[k].client, r.id, w.dep(k), 'approved');
    await t.dispatch(w.wsId);
    const decided = (await inbox(w.financeLead.client)).filter((n) => n.event === 'return_decided');
    expect(decided).toHaveLength(1);
    expect(decided[0]?.title).toBe(`退货 ${r.number} 已同意`);
    expect((await inbox(w.reviewers.sales.client)).some((n) => n.event === 'return_decided')).toBe(false);

    // A person who turns the in-app channel off for decided returns is not told the next one.
    const pref = await w.financeLead.client.put('/api/me/notification-preferences', {
      items: [{ event: 'return_decided', inApp: false, email: false }],
    });
    expect(pref.status, JSON.stringify(pref.body)).toBe(200);
    const second = await w.ask();
    await t.dispatch(w.wsId);
    await verdict(w.reviewers.finance.client, second.id, w.dep('finance'), 'rejected');
    for (const k of ['sales', 'technical', 'logistics'] as const)
      await verdict(w.reviewers[k].client, second.id, w.dep(k), 'approved');
    await t.dispatch(w.wsId);
    expect((await inbox(w.financeLead.client)).filter((n) => n.event === 'return_decided')).toHaveLength(1);
    // The rejected return can be appealed: every reviewing department is told again.
    expect(
      (await w.portal.post(`/api/portal/returns/${second.id}/appeal`, { reason: '请复核' })).status,
    ).toBe(200);
    await t.dispatch(w.wsId);
    const again = (await inbox(w.reviewers.logistics.client)).filter((n) => n.returnId === second.id);
    expect(again.map((n) => n.title)).toContain(`退货 ${second.number} 被申诉，等待您的部门重新审核`);
  }, 120_000);
});

describe('return events for integrations', () => {
  it('webhooks subscribe to return.* and mail.received; a return event queues a delivery', async () => {
    const w = await world('all');
    const settings = (await w.ws.admin.get<{ version: number }>('/api/integration-settings')).body;
    await w.ws.admin.put('/api/integration-settings', {
      allowPrivateTargets: true,
      version: settings.version,
    });
    const unknown = await w.ws.admin.post('/api/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['return.nonsense'],
    });
    expect(unknown.status).toBe(400);
    const hook = await w.ws.admin.post('/api/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['return.*', 'mail.received'],
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    const r = await w.ask();
    await t.dispatch(w.wsId);
    const queued = await t.database.db
      .selectFrom('webhook_deliveries')
      .select(['event_type', 'payload'])
      .where('workspace_id', '=', w.wsId)
      .where('endpoint_id', 'is not', null)
      .execute();
    expect(queued.map((q) => q.event_type)).toEqual(['return.created']);
    expect(JSON.parse(queued[0]?.payload ?? '{}')).toMatchObject({
      type: 'return.created',
      data: { returnId: r.id, number: r.number },
    });
  }, 60_000);

  it('workspace-wide group bots announce a return awaiting review and its decision', async () => {
    const w = await world('all');
    const settings = (await w.ws.admin.get<{ version: number }>('/api/integration-settings')).body;
    await w.ws.admin.put('/api/integration-settings', {
      allowPrivateTargets: true,
      version: settings.version,
    });
    const bot = await w.ws.admin.post<{ id: string }>('/api/bots', {
      name: '退货群',
      kind: 'wecom',
      url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=1',
      events: ['return.awaiting_review', 'return.decided'],
    });
    expect(bot.status, JSON.stringify(bot.body)).toBe(201);
    const r = await w.ask();
    await t.dispatch(w.wsId);
    for (const k of KINDS) await verdict(w.reviewers[k].client, r.id, w.dep(k), 'approved');
    await t.dispatch(w.wsId);
    const queued = await t.database.db
      .selectFrom('webhook_deliveries')
      .select(['event_type', 'payload'])
      .where('workspace_id', '=', w.wsId)
      .where('bot_id', '=', bot.body.id)
      .execute();
    expect(queued.map((q) => q.event_type).sort()).toEqual(['return.awaiting_review', 'return.decided']);
    const decided = JSON.parse(queued.find((q) => q.event_type === 'return.decided')?.payload ?? '{}') as {
      markdown: string;
      url: string;
    };
    expect(decided.markdown).toContain(r.number);
    expect(decided.markdown).toContain('结论: 同意');
    expect(decided.url).toContain(`/app/returns/${r.id}`);
  }, 60_000);
});
