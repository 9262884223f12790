import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import type {
  BotTarget,
  CaseDetail,
  Customer,
  Delivery,
  IntegrationSettings,
  PageOf,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf } from '../../../test/client.js';
import { createStaff, createWorkspace, unique, type Workspace } from '../../../test/factories.js';
import { Receiver, type Answer } from '../../../test/receiver.js';
import { newId } from '../../platform/ids.js';
import { runWebhookDeliveries } from '../webhooks/index.js';

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

const OK_WECOM: Answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
const OK_FEISHU: Answer = { status: 200, body: '{"code":0,"msg":"success","data":{}}' };

async function allowPrivate(ws: Workspace): Promise<void> {
  const res = await ws.admin.put<IntegrationSettings>('/api/integration-settings', {
    allowPrivateTargets: true,
    version: 0,
  });
  expect(res.status).toBe(200);
}

async function bot(ws: Workspace, body: Record<string, unknown>): Promise<BotTarget> {
  const res = await ws.admin.post<BotTarget>('/api/bots', {
    name: '售后群',
    events: ['case.created'],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function openCase(ws: Workspace, extra: Record<string, unknown> = {}): Promise<CaseDetail> {
  const customer = await ws.admin.post<Customer>('/api/customers', {
    code: unique('C'),
    name: '华东制造有限公司',
  });
  const res = await ws.admin.post<CaseDetail>('/api/cases', {
    customerId: customer.body.id,
    subject: '设备无法开机 <b>[紧急]</b>',
    body: '客户反馈设备无法开机',
    severity: 'S1',
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const deliver = (ws: Workspace) =>
  runWebhookDeliveries(t.app.deps, t.clock.now(), { workspaceIds: [ws.me.workspace.id] });

async function log(ws: Workspace, botId: string) {
  const res = await ws.admin.get<PageOf<Delivery>>(`/api/bots/${botId}/deliveries`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('group bots', () => {
  it('WeCom: a markdown message with the case, no signature, errcode checked', async () => {
    const ws = await createWorkspace(t.app);
    await allowPrivate(ws);
    const r = await receiver(OK_WECOM);
    const b = await bot(ws, {
      kind: 'wecom',
      url: r.url('/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'),
    });
    expect(b.urlHint).toBe(`http://127.0.0.1:${r.port}/…5aaa`);
    expect(JSON.stringify(b)).not.toContain('693a91f6');
    const c = await openCase(ws);
    await t.dispatch(ws.me.workspace.id);
    expect(await deliver(ws)).toEqual({ sent: 1, succeeded: 1, failed: 0 });
    const req = r.requests[0]!;
    expect(req.url).toBe('/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa');
    const body = JSON.parse(req.body) as { msgtype: string; markdown: { content: string } };
    expect(Object.keys(body)).toEqual(['msgtype', 'markdown']);
    expect(body.msgtype).toBe('markdown');
    const content = body.markdown.content;
    expect(content).toContain(`**新工单** [${c.number}](http://aftercare.test/app/cases/${c.id})`);
    expect(content).toContain('主题: 设备无法开机 ＜b＞［紧急］＜/b＞');
    expect(content).toContain('客户: 华东制造有限公司');
    expect(content).toContain('严重级别: S1');
    const d = (await log(ws, b.id)).items[0]!;
    expect(d).toMatchObject({ status: 'succeeded', eventType: 'case.created', responseStatus: 200 });

    // An error code in a 200 reply is a failed attempt, tried again.
    r.answer({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    await ws.admin.post(`/api/bots/${b.id}/test`);
    await deliver(ws);
    const failed = (await log(ws, b.id)).items[0]!;
    expect(failed).toMatchObject({ status: 'retrying', eventType: 'bot.test' });
    expect(failed.lastError).toBe('errcode 93000: invalid webhook url');
  });

  it('DingTalk: markdown with the 加签 timestamp and sign as DingTalk verifies them', async () => {
    const ws = await createWorkspace(t.app, { locale: 'en' });
    await allowPrivate(ws);
    const r = await receiver(OK_WECOM);
    const secret = 'SEC7a1f0e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6';
    const b = await bot(ws, { kind: 'dingtalk', url: r.url('/robot/send?access_token=tok123'), secret });
    expect(b.hasSecret).toBe(true);
    const c = await openCase(ws);
    await t.dispatch(ws.me.workspace.id);
    await deliver(ws);
    const req = r.requests[0]!;
    const q = new URL(req.url, 'http://x').searchParams;
    expect(q.get('access_token')).toBe('tok123');
    const timestamp = q.get('timestamp')!;
    expect(timestamp).toBe(String(t.clock.now().getTime()));
    // DingTalk: base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)), url-encoded in the query.
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(q.get('sign')).toBe(expected);
    expect(req.url).toContain(`sign=${encodeURIComponent(expected)}`);
    const body = JSON.parse(req.body) as { msgtype: string; markdown: { title: string; text: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe(`New case ${c.number}`);
    expect(body.markdown.text).toContain('Customer: 华东制造有限公司');
    expect(body.markdown.text).toContain('Severity: S1');
    expect(body.markdown.text).toContain(`[Open the case](http://aftercare.test/app/cases/${c.id})`);
    expect((await log(ws, b.id)).items[0]!.status).toBe('succeeded');
    // The secret is sealed at rest and never returned.
    const row = await t.database.db
      .selectFrom('bot_targets')
      .select(['secret', 'url'])
      .where('workspace_id', '=', ws.me.workspace.id)
      .executeTakeFirstOrThrow();
    expect(row.secret).not.toContain('SEC7a1f');
    expect(row.url).not.toContain('tok123');
  });

  it('Feishu: an interactive card with timestamp and sign as Feishu verifies them; code checked', async () => {
    const ws = await createWorkspace(t.app);
    await allowPrivate(ws);
    const r = await receiver(
      {
        status: 200,
        body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
      },
      OK_FEISHU,
    );
    const secret = 'qY3bR8sT2uV5wX9z';
    const b = await bot(ws, {
      kind: 'feishu',
      url: r.url('/open-apis/bot/v2/hook/0d3f5a1e-aaaa-bbbb-cccc-123456789abc'),
      secret,
      events: ['sla.breached'],
    });
    const c = await openCase(ws);
    // An SLA breach, as the sweep records it.
    await t.database.db
      .insertInto('outbox')
      .values({
        workspace_id: ws.me.workspace.id,
        id: newId(),
        type: 'sla.breached',
        payload: JSON.stringify({
          caseId: c.id,
          kind: 'first_response',
          event: 'breached',
          dueAt: '2026-03-16T02:00:00.000Z',
        }),
        created_at: t.clock.now().toISOString(),
        processed_at: null,
      })
      .execute();
    await t.dispatch(ws.me.workspace.id);
    await deliver(ws);
    expect((await log(ws, b.id)).items[0]).toMatchObject({
      status: 'retrying',
      lastError: 'code 19021: sign match fail or timestamp is not within one hour from current time',
    });
    t.clock.advance(3 * 3_600_000);
    await deliver(ws);
    expect(r.requests).toHaveLength(2);
    const req = r.requests[1]!;
    const body = JSON.parse(req.body) as {
      timestamp: string;
      sign: string;
      msg_type: string;
      card: { header: { title: { content: string } }; elements: Array<{ text?: { content: string } }> };
    };
    // A retry is signed again with a fresh timestamp (Feishu refuses one older than an hour).
    expect(body.timestamp).toBe(String(Math.floor(t.clock.now().getTime() / 1000)));
    // Feishu: base64(HmacSHA256(key = timestamp + "\n" + secret, data = "")).
    const expected = createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64');
    expect(body.sign).toBe(expected);
    expect(body.msg_type).toBe('interactive');
    expect(body.card.header.title.content).toBe(`SLA 已超时 ${c.number}`);
    const text = body.card.elements[0]!.text!.content;
    expect(text).toContain('首次响应 · 期限: 2026-03-16 10:00');
    expect(text).toContain('严重级别: S1');
    expect((await log(ws, b.id)).items[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    // case.created is not among this bot's events.
    expect((await log(ws, b.id)).total).toBe(1);

    // Replay: a new delivery of the same message, signed anew.
    const first = (await log(ws, b.id)).items[0]!;
    const replay = await ws.admin.post<Delivery>(`/api/bots/${b.id}/deliveries/${first.id}/replay`);
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({ replayOf: first.id, payload: first.payload, status: 'pending' });
    t.clock.advance(1000);
    await deliver(ws);
    const again = JSON.parse(r.requests[2]!.body) as { timestamp: string; sign: string };
    expect(again.sign).toBe(
      createHmac('sha256', `${again.timestamp}\n${secret}`).update('').digest('base64'),
    );
  });

  it('announce customer replies, not agents’ replies or internal notes', async () => {
    const ws = await createWorkspace(t.app);
    await allowPrivate(ws);
    const r = await receiver(OK_WECOM);
    const b = await bot(ws, { kind: 'wecom', url: r.url('/send?key=1'), events: ['case.customer_replied'] });
    const c = await openCase(ws);
    const event = async (authorType: string, visibility: string) =>
      t.database.db
        .insertInto('outbox')
        .values({
          workspace_id: ws.me.workspace.id,
          id: newId(),
          type: 'case.message_added',
          payload: JSON.stringify({
            caseId: c.id,
            customerId: c.customerId,
            messageId: newId(),
            visibility,
            authorType,
          }),
          created_at: t.clock.now().toISOString(),
          processed_at: null,
        })
        .execute();
    await event('user', 'public');
    await event('user', 'internal');
    await event('contact', 'public');
    await t.dispatch(ws.me.workspace.id);
    expect(await deliver(ws)).toEqual({ sent: 1, succeeded: 1, failed: 0 });
    const content = (JSON.parse(r.requests[0]!.body) as { markdown: { content: string } }).markdown.content;
    expect(content).toContain(`**客户回复** [${c.number}]`);
    expect((await log(ws, b.id)).items[0]!.eventType).toBe('case.customer_replied');
  });

  it('announce a team’s cases only to that team’s bots and workspace-wide bots', async () => {
    const ws = await createWorkspace(t.app);
    await allowPrivate(ws);
    const agent = await createStaff(t.app, ws, 'agent');
    const team = await ws.admin.post<{ id: string }>('/api/teams', { name: '华东组', memberIds: [agent.id] });
    expect(team.status).toBe(201);
    const other = await ws.admin.post<{ id: string }>('/api/teams', {
      name: '华南组',
      memberIds: [agent.id],
    });
    const r = await receiver(OK_WECOM);
    const all = await bot(ws, { kind: 'wecom', url: r.url('/all?key=1') });
    const east = await bot(ws, { kind: 'wecom', url: r.url('/east?key=2'), teamId: team.body.id });
    const south = await bot(ws, { kind: 'wecom', url: r.url('/south?key=3'), teamId: other.body.id });
    await openCase(ws, { teamId: team.body.id });
    await t.dispatch(ws.me.workspace.id);
    await deliver(ws);
    expect(r.requests.map((x) => x.url.split('?')[0]).sort()).toEqual(['/all', '/east']);
    expect((await log(ws, south.id)).total).toBe(0);
    expect((await log(ws, all.id)).total).toBe(1);
    expect((await log(ws, east.id)).total).toBe(1);
    expect((await ws.admin.get<BotTarget>(`/api/bots/${east.id}`)).body.teamName).toBe('华东组');
    const badTeam = await ws.admin.post('/api/bots', {
      name: 'x',
      kind: 'wecom',
      url: r.url('/x?key=1'),
      teamId: newId(),
      events: ['case.created'],
    });
    expect(fieldsOf(badTeam)).toEqual(['teamId:unknown_reference']);
  });

  it('refuse private targets without the admin switch; 404 across workspaces; admin only', async () => {
    const a = await createWorkspace(t.app);
    const b = await createWorkspace(t.app);
    for (const url of [
      'http://169.254.169.254/latest',
      'http://127.1/x',
      'http://[::1]/y',
      'http://localhost/z',
    ]) {
      const res = await a.admin.post('/api/bots', {
        name: 'x',
        kind: 'dingtalk',
        url,
        events: ['case.created'],
      });
      expect(fieldsOf(res), url).toEqual(['url:target_private_address']);
    }
    const ba = await bot(a, {
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd1234',
    });
    expect(ba.urlHint).toBe('https://qyapi.weixin.qq.com/…1234');
    const d = (await a.admin.post<Delivery>(`/api/bots/${ba.id}/test`)).body;
    for (const [method, path] of [
      ['GET', `/api/bots/${ba.id}`],
      ['PATCH', `/api/bots/${ba.id}`],
      ['DELETE', `/api/bots/${ba.id}`],
      ['POST', `/api/bots/${ba.id}/test`],
      ['GET', `/api/bots/${ba.id}/deliveries`],
      ['POST', `/api/bots/${ba.id}/deliveries/${d.id}/replay`],
    ] as const) {
      const res = await b.admin.request(
        method,
        path,
        method === 'PATCH' ? { version: 1 } : method === 'POST' ? {} : undefined,
      );
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const agent = await createStaff(t.app, a, 'agent');
    expect((await agent.client.get('/api/bots')).status).toBe(403);
    // Update keeps the stored address and secret unless new ones are given.
    const upd = await a.admin.patch<BotTarget>(`/api/bots/${ba.id}`, { name: '新名字', version: ba.version });
    expect(upd.status).toBe(200);
    expect(upd.body.urlHint).toBe(ba.urlHint);
    expect((await a.admin.delete(`/api/bots/${ba.id}`)).status).toBe(200);
    expect((await a.admin.get(`/api/bots/${ba.id}`)).status).toBe(404);
  });
});
