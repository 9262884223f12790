import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import type {
  CaseDetail,
  Customer,
  Delivery,
  IntegrationSettings,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, unique, type Workspace } from '../../../test/factories.js';
import { Receiver, type Answer } from '../../../test/receiver.js';
import { runWebhookDeliveries, WEBHOOK_MAX_ATTEMPTS } from './index.js';

let t: TestApp;
const receivers: Receiver[] = [];
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await t.close();
});

async function receiver(...answers: Answer[]): Promise<Receiver> {
  const r = await Receiver.start(...answers);
  receivers.push(r);
  return r;
}

async function allowPrivate(ws: Workspace, allow = true): Promise<void> {
  const current = (await ws.admin.get<IntegrationSettings>('/api/integration-settings')).body;
  const res = await ws.admin.put<IntegrationSettings>('/api/integration-settings', {
    allowPrivateTargets: allow,
    version: current.version,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.allowPrivateTargets).toBe(allow);
}

async function endpoint(ws: Workspace, url: string, eventTypes = ['case.*']) {
  const res = await ws.admin.post<WebhookEndpointWithSecret>('/api/webhooks', { url, eventTypes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function openCase(ws: Workspace): Promise<CaseDetail> {
  const customer = await ws.admin.post<Customer>('/api/customers', {
    code: unique('C'),
    name: '华东制造有限公司',
  });
  const res = await ws.admin.post<CaseDetail>('/api/cases', {
    customerId: customer.body.id,
    subject: '设备无法开机',
    body: '客户反馈设备无法开机',
    severity: 'S2',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const deliver = (ws: Workspace) =>
  runWebhookDeliveries(t.app.deps, t.clock.now(), { workspaceIds: [ws.me.workspace.id] });

async function log(ws: Workspace, webhookId: string, query = '') {
  const res = await ws.admin.get<PageReply<Delivery>>(`/api/webhooks/${webhookId}/deliveries${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** What an integrator does: recompute the signature over "<timestamp>.<raw body>" and compare. */
function verify(secret: string, headers: Record<string, unknown>, body: string): boolean {
  const timestamp = String(headers['x-aftercare-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return headers['x-aftercare-signature'] === expected;
}

describe('webhooks', () => {
  it('deliver subscribed events as signed JSON, once, with a log; the secret is shown once and sealed', async () => {
    const ws = await createWorkspace(t.app);
    await allowPrivate(ws);
    const r = await receiver({ status: 200, body: 'thanks' });
    const created = await endpoint(ws, r.url('/hooks/aftercare?src=test'));
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.endpoint.hasSecret).toBe(true);
    const got = await ws.admin.get<WebhookEndpoint & { secret?: string }>(
      `/api/webhooks/${created.endpoint.id}`,
    );
    expect(got.body.secret).toBeUndefined();
    expect(JSON.stringify((await ws.admin.get('/api/webhooks')).body)).not.toContain(created.secret);
    const stored = await t.database.db
      .selectFrom('webhook_endpoints')
      .select('secret')
      .where('workspace_id', '=', ws.me.workspace.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(created.secret);

    const c = await openCase(ws);
    await ws.admin.post('/api/customers', { code: unique('C'), name: '不订阅的事件' });
    await t.dispatch(ws.me.workspace.id);
    expect(await deliver(ws)).toEqual({ sent: 1, succeeded: 1, failed: 0 });
    expect(r.requests).toHaveLength(1);
    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/hooks/aftercare?src=test');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['x-aftercare-event']).toBe('case.created');
    expect(req.headers['x-aftercare-timestamp']).toBe(String(Math.floor(t.clock.now().getTime() / 1000)));
    expect(verify(created.secret, req.headers, req.body)).toBe(true);
    expect(verify('whsec_wrong', req.headers, req.body)).toBe(false);
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['id', 'type', 'workspace', 'createdAt', 'data']);
    expect(body.type).toBe('case.created');
    expect(body.workspace).toEqual({ id: ws.me.workspace.id, slug: ws.slug });
    expect(body.data).toMatchObject({ caseId: c.id });

    const page = await log(ws, created.endpoint.id);
    expect(page.total).toBe(1);
    const d = page.items[0]!;
    expect(req.headers['x-aftercare-delivery']).toBe(d.id);
    expect(d).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      responseBody: 'thanks',
      eventType: 'case.created',
      eventId: body.id,
      lastError: null,
    });
    expect(d.durationMs).toBeGreaterThanOrEqual(0);
    // Nothing is sent twice.
    expect((await deliver(ws)).sent).toBe(0);
    await t.dispatch(ws.me.workspace.id);
    expect((await deliver(ws)).sent).toBe(0);
    expect(r.requests).toHaveLength(1);
  });

  it('retry 5xx, 429 and network errors with backoff; fail 4xx at once; give up after the last attempt', async () => {
    const ws = await createWorkspace(t.app);
    await allowPrivate(ws);
    const r = await receiver({ status: 500, body: 'oops' }, { status: 200 });
    const e = await endpoint(ws, r.url('/h'));
    await ws.admin.post(`/api/webhooks/${e.endpoint.id}/test`);
    expect(await deliver(ws)).toEqual({ sent: 1, succeeded: 0, failed: 0 });
    let d = (await log(ws, e.endpoint.id)).items[0]!;
    expect(d).toMatchObject({ status: 'retrying', attempts: 1, responseStatus: 500, lastError: 'HTTP 500' });
    expect(d.responseBody).toBe('oops');
    // Not due yet: backoff (30 s ± 20 %).
    const waitMs = Date.parse(d.nextAttemptAt!) - t.clock.now().getTime();
    expect(waitMs).toBeGreaterThanOrEqual(24_000);
    expect(waitMs).toBeLessThanOrEqual(36_000);
    expect((await deliver(ws)).sent).toBe(0);
    t.clock.advance(40_000);
    expect(await deliver(ws)).toEqual({ sent: 1, succeeded: 1, failed: 0 });
    d = (await log(ws, e.endpoint.id)).items[0]!;
    expect(d).toMatchObject({ status: 'succeeded', attempts: 2, responseStatus: 200, lastError: null });
    expect(r.requests).toHaveLength(2);
    expect(r.requests[0]!.headers['x-aftercare-delivery']).toBe(
      r.requests[1]!.headers['x-aftercare-delivery'],
    );
    expect(verify(e.secret, r.requests[1]!.headers, r.requests[1]!.body)).toBe(true);

    // 429 and 408 are retried, 400 is not.
    r.answer({ status: 429 });
    await ws.admin.post(`/api/webhooks/${e.endpoint.id}/test`);
    await deliver(ws);
    expect((await log(ws, e.endpoint.id)).items[0]).toMatchObject({
      status: 'retrying',
      responseStatus: 429,
    });
    r.answer({ status: 400, body: 'bad' });
    for (let i = 1; i < WEBHOOK_MAX_ATTEMPTS; i++) {
      t.clock.advance(7 * 3_600_000);
      await deliver(ws);
    }
    const gaveUp = (await log(ws, e.endpoint.id)).items[0]!;
    // The 429 turned into a 400 on its second attempt, which is final.
    expect(gaveUp).toMatchObject({
      status: 'failed',
      attempts: 2,
      responseStatus: 400,
      lastError: 'HTTP 400',
    });

    r.answer({ status: 503 });
    await ws.admin.post(`/api/webhooks/${e.endpoint.id}/test`);
    for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS + 2; i++) {
      await deliver(ws);
      t.clock.advance(7 * 3_600_000);
    }
    expect((await log(ws, e.endpoint.id)).items[0]).toMatchObject({
      status: 'failed',
      attempts: WEBHOOK_MAX_ATTEMPTS,
      nextAttemptAt: null,
    });
    expect((await log(ws, e.endpoint.id, '?status=failed')).total).toBe(2);

    // A closed port is a network error: retried.
    const gone = await receiver();
    const url = gone.url('/');
    await gone.close();
    receivers.splice(receivers.indexOf(gone), 1);
    const dead = await endpoint(ws, url);
    await ws.admin.post(`/api/webhooks/${dead.endpoint.id}/test`);
    await deliver(ws);
    const refused = (await log(ws, dead.endpoint.id)).items[0]!;
    expect(refused.status).toBe('retrying');
    expect(refused.lastError).toMatch(/ECONNREFUSED/);
  });

  it('do not follow redirects: a 3xx is a failed delivery and the other address receives nothing', async () => {
    const ws = await createWorkspace(t.app);
    await allowPrivate(ws);
    const elsewhere = await receiver();
    const r = await receiver({ status: 302, headers: { location: elsewhere.url('/stolen') } });
    const e = await endpoint(ws, r.url('/h'));
    await ws.admin.post(`/api/webhooks/${e.endpoint.id}/test`);
    expect(await deliver(ws)).toEqual({ sent: 1, succeeded: 0, failed: 1 });
    const d = (await log(ws, e.endpoint.id)).items[0]!;
    expect(d).toMatchObject({ status: 'failed', responseStatus: 302, attempts: 1 });
    expect(d.lastError).toMatch(/redirect/);
    expect(r.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('replay a delivery as a new one with the same payload; rotate the secret; send a test event', async () => {
    const ws = await createWorkspace(t.app);
    await allowPrivate(ws);
    const r = await receiver();
    const e = await endpoint(ws, r.url('/h'), ['*']);
    await openCase(ws);
    await t.dispatch(ws.me.workspace.id);
    await deliver(ws);
    const first = (await log(ws, e.endpoint.id)).items.find((x) => x.eventType === 'case.created')!;
    const rotated = await ws.admin.post<WebhookEndpointWithSecret>(
      `/api/webhooks/${e.endpoint.id}/rotate-secret`,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(e.secret);
    const replay = await ws.admin.post<Delivery>(
      `/api/webhooks/${e.endpoint.id}/deliveries/${first.id}/replay`,
    );
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({
      status: 'pending',
      replayOf: first.id,
      payload: first.payload,
      attempts: 0,
    });
    r.requests.length = 0;
    await deliver(ws);
    expect(r.requests).toHaveLength(1);
    const again = r.requests[0]!;
    expect(again.body).toBe(first.payload);
    expect(again.headers['x-aftercare-delivery']).toBe(replay.body.id);
    expect(verify(rotated.body.secret, again.headers, again.body)).toBe(true);
    expect(verify(e.secret, again.headers, again.body)).toBe(false);

    const test = await ws.admin.post<Delivery>(`/api/webhooks/${e.endpoint.id}/test`);
    expect(test.status).toBe(201);
    await deliver(ws);
    const ping = r.requests[1]!;
    expect(ping.headers['x-aftercare-event']).toBe('webhook.test');
    expect(JSON.parse(ping.body)).toMatchObject({ type: 'webhook.test', data: { webhookId: e.endpoint.id } });
    // Events about the integrations themselves are not delivered, even to `*`.
    await t.dispatch(ws.me.workspace.id);
    expect((await deliver(ws)).sent).toBe(0);

    // Pagination of the log.
    const p1 = await log(ws, e.endpoint.id, '?page=1&pageSize=2');
    const p2 = await log(ws, e.endpoint.id, '?page=2&pageSize=2');
    expect(p1.total).toBe(p2.total);
    expect(p1.items).toHaveLength(2);
    expect(p1.items.map((x) => x.id)).not.toContain(p2.items[0]?.id);

    // A disabled endpoint gets nothing new; editing checks the version.
    const stale = await ws.admin.patch(`/api/webhooks/${e.endpoint.id}`, { enabled: false, version: 1 });
    expect(stale.status).toBe(409);
    const off = await ws.admin.patch<WebhookEndpoint>(`/api/webhooks/${e.endpoint.id}`, {
      enabled: false,
      version: rotated.body.endpoint.version,
    });
    expect(off.status).toBe(200);
    await openCase(ws);
    await t.dispatch(ws.me.workspace.id);
    expect((await deliver(ws)).sent).toBe(0);
    expect((await ws.admin.delete(`/api/webhooks/${e.endpoint.id}`)).status).toBe(200);
    expect((await ws.admin.get(`/api/webhooks/${e.endpoint.id}`)).status).toBe(404);
  });

  it('refuse loopback, private and link-local targets at save and at send unless an admin allows them', async () => {
    const ws = await createWorkspace(t.app);
    const canary = await receiver();
    const p = canary.port;
    const refused = [
      `http://127.0.0.1:${p}/`,
      `http://localhost:${p}/`,
      `http://2130706433:${p}/`,
      `http://0x7f.0.0.1:${p}/`,
      `http://127.1:${p}/`,
      `http://[::1]:${p}/`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://192.168.1.1/',
    ];
    for (const url of refused) {
      const res = await ws.admin.post('/api/webhooks', { url, eventTypes: ['*'] });
      expect(res.status, url).toBe(400);
      expect(fieldsOf(res), url).toEqual(['url:target_private_address']);
    }
    for (const url of ['ftp://example.com/', 'http://user:pw@93.184.215.14/']) {
      const res = await ws.admin.post('/api/webhooks', { url, eventTypes: ['*'] });
      expect(res.status, url).toBe(400);
      expect(fieldsOf(res)[0], url).toMatch(/^url:target_(scheme|credentials)$/);
    }
    const badType = await ws.admin.post('/api/webhooks', {
      url: 'https://93.184.215.14/',
      eventTypes: ['nope.x'],
    });
    expect(fieldsOf(badType)).toEqual(['eventTypes/0:unknown_event_type']);
    // A public address is fine.
    const pub = await ws.admin.post<WebhookEndpointWithSecret>('/api/webhooks', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['case.created'],
    });
    expect(pub.status).toBe(201);

    // Only administrators switch private targets on.
    const manager = await createStaff(t.app, ws, 'manager');
    expect(
      (await manager.client.put('/api/integration-settings', { allowPrivateTargets: true, version: 0 }))
        .status,
    ).toBe(403);
    expect((await manager.client.get('/api/webhooks')).status).toBe(403);

    // Saved while allowed, sent after the admin switched it off: refused at send time, nothing reaches the canary.
    await allowPrivate(ws, true);
    const e = await endpoint(ws, `http://2130706433:${p}/`);
    expect(e.endpoint.url).toBe(`http://127.0.0.1:${p}/`);
    await allowPrivate(ws, false);
    await ws.admin.post(`/api/webhooks/${e.endpoint.id}/test`);
    expect(await deliver(ws)).toEqual({ sent: 1, succeeded: 0, failed: 1 });
    const d = (await log(ws, e.endpoint.id)).items[0]!;
    expect(d.status).toBe('failed');
    expect(d.lastError).toMatch(/private_address/);
    expect(canary.requests).toHaveLength(0);
  });

  it('answer 404 for another workspace’s endpoints and deliveries', async () => {
    const a = await createWorkspace(t.app);
    const b = await createWorkspace(t.app);
    await allowPrivate(a);
    await allowPrivate(b);
    const r = await receiver();
    const ea = await endpoint(a, r.url('/a'));
    const eb = await endpoint(b, r.url('/b'));
    const da = (await a.admin.post<Delivery>(`/api/webhooks/${ea.endpoint.id}/test`)).body;
    expect((await b.admin.get(`/api/webhooks/${ea.endpoint.id}`)).status).toBe(404);
    expect((await b.admin.get(`/api/webhooks/${ea.endpoint.id}/deliveries`)).status).toBe(404);
    expect((await b.admin.post(`/api/webhooks/${ea.endpoint.id}/test`)).status).toBe(404);
    expect((await b.admin.post(`/api/webhooks/${ea.endpoint.id}/rotate-secret`)).status).toBe(404);
    expect((await b.admin.post(`/api/webhooks/${eb.endpoint.id}/deliveries/${da.id}/replay`)).status).toBe(
      404,
    );
    expect((await b.admin.delete(`/api/webhooks/${ea.endpoint.id}`)).status).toBe(404);
    // A's delivery under another endpoint of A is 404 too.
    const ea2 = await endpoint(a, r.url('/a2'));
    expect((await a.admin.post(`/api/webhooks/${ea2.endpoint.id}/deliveries/${da.id}/replay`)).status).toBe(
      404,
    );
  });
});
