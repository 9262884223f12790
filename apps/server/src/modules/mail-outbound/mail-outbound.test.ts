import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, Contact, Customer, MailSettings, MailTestResult } from '@aftercare/contracts';
import type { ParsedMail } from 'mailparser';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf } from '../../../test/client.js';
import { createStaff, createWorkspace, unique, type Workspace } from '../../../test/factories.js';
import { PNG_1PX, uploadFile } from '../../../test/multipart.js';
import { SmtpSink } from '../../../test/smtp-sink.js';
import { replyToken, tokenOfAddress, verifyReplyToken } from '../../platform/mail/reply-token.js';
import { ManualClock } from '../../platform/clock.js';
import { NOT_CONFIGURED, runMailOutbound } from './mail-outbound.sender.js';
import { AUTO_REPLY_LIMIT } from '../mail-channels/index.js';

/* Monday 2026-11-23 17:30 in Shanghai: after hours, so the first answer is due on Tuesday morning. */
const START = new Date('2026-11-23T17:30:00+08:00');

let t: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(START) });
  sink = await new SmtpSink().start();
});
afterAll(async () => {
  await t.close();
  await sink.stop();
});

const BRAND = {
  companyName: '极光设备 <售后>',
  color: '#0a7d5a',
  footer: {
    'zh-CN': '极光设备售后服务中心\n服务热线 400-000-0000',
    en: 'Aurora Devices after-sales service',
  },
};

function settingsBody(extra: Record<string, unknown> = {}) {
  return {
    enabled: true,
    host: '127.0.0.1',
    port: sink.port,
    security: 'none',
    username: '',
    fromName: '极光售后',
    fromAddress: 'support@aurora.example',
    replyToAddress: '',
    brand: BRAND,
    version: 0,
    ...extra,
  };
}

interface World {
  ws: Workspace;
  wsId: string;
  customer: Customer;
}

async function world(): Promise<World> {
  const ws = await createWorkspace(t.app);
  const saved = await ws.admin.put<MailSettings>('/api/mail-settings', settingsBody());
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const customer = (
    await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: unique('客户') })
  ).body;
  return { ws, wsId: ws.me.workspace.id, customer };
}

async function contact(w: World, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Contact> {
  const res = await w.ws.admin.post<Contact>('/api/contacts', {
    customerId: w.customer.id,
    name: locale === 'en' ? 'Alex Wang' : '王经理',
    email: `${unique('c')}@customer.example`,
    locale,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function openCase(w: World, c: Contact, subject = '打印机 <无法> 开机'): Promise<CaseDetail> {
  const res = await w.ws.admin.post<CaseDetail>('/api/cases', {
    customerId: w.customer.id,
    contactId: c.id,
    subject,
    body: '客户来电：打印机按下电源键没有反应。',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Dispatches the workspace's events, then runs the sender once. */
async function deliver(w: World) {
  await t.dispatch(w.wsId);
  return runMailOutbound(t.app.deps, t.clock.now(), { workspaceIds: [w.wsId] });
}

const header = (m: ParsedMail, name: string) => {
  const v = m.headers.get(name);
  return typeof v === 'string' ? v : JSON.stringify(v);
};
const address = (m: ParsedMail, field: 'from' | 'to' | 'replyTo') => {
  const v = m[field];
  const one = Array.isArray(v) ? v[0] : v;
  return one?.value[0];
};

async function caseDetail(w: World, id: string) {
  const res = await w.ws.admin.get<CaseDetail>(`/api/cases/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('mail-outbound: acknowledgement', () => {
  it('acknowledges a new case with its commitment and the service hours, in zh-CN', async () => {
    const w = await world();
    const c = await contact(w, 'zh-CN');
    const kase = await openCase(w, c);
    const r = await deliver(w);
    expect(r).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [mail, ...more] = await sink.to(c.email as string);
    expect(more).toHaveLength(0);
    const m = mail as ParsedMail;
    expect(address(m, 'from')).toEqual({ name: '极光售后', address: 'support@aurora.example' });
    expect(address(m, 'to')?.address).toBe(c.email);
    const replyTo = address(m, 'replyTo')?.address as string;
    expect(replyTo).toMatch(/^support\+c[0-9a-f]{52}@aurora\.example$/);
    expect(verifyReplyToken(t.config.secret, w.wsId, tokenOfAddress(replyTo) as string)).toBe(kase.id);
    expect(replyTo).toBe(`support+${replyToken(t.config.secret, w.wsId, kase.id)}@aurora.example`);
    expect(m.subject).toBe(`[${kase.number}] 打印机 <无法> 开机`);
    expect(m.messageId).toMatch(/^<[0-9a-f-]{36}@aurora\.example>$/);
    expect(header(m, 'auto-submitted')).toBe('auto-replied');
    expect(header(m, 'x-aftercare-workspace')).toBe(w.ws.slug);
    // Commitment: the first response is due on Tuesday 24 November at 14:00 (service hours, Shanghai).
    const due = kase.sla?.targets.find((x) => x.kind === 'first_response')?.dueAt;
    expect(due).toBe(new Date('2026-11-24T14:00:00+08:00').toISOString());
    expect(m.text).toContain('我们将在 11月24日 周二 14:00 前答复');
    expect(m.text).toContain('周一至周五 09:00–12:00、13:30–18:00');
    expect(m.text).toContain('极光设备售后服务中心');
    expect(m.html).toContain('我们将在 11月24日 周二 14:00 前答复');
    expect(m.html).toContain('周一至周五 09:00–12:00、13:30–18:00');
    // Everything taken from data is escaped in the HTML part.
    expect(m.html).toContain('打印机 &lt;无法&gt; 开机');
    expect(m.html).toContain('极光设备 &lt;售后&gt;');
    expect(m.html).not.toContain('<无法>');
    expect(m.html).toContain('background:#0a7d5a');
    // Delivery state: the acknowledgement carries no case message, so no message shows it.
    expect((await caseDetail(w, kase.id)).messages.every((x) => x.delivery === null)).toBe(true);
  });

  it('acknowledges in English for an English-speaking contact', async () => {
    const w = await world();
    const c = await contact(w, 'en');
    await openCase(w, c, 'Printer does not start');
    await deliver(w);
    const [m] = await sink.to(c.email as string);
    expect(m?.text).toContain('Hello Alex Wang,');
    expect(m?.text).toContain('We will answer by Tue 24 Nov 14:00.');
    expect(m?.text).toContain('Mon–Fri 09:00–12:00, 13:30–18:00');
    expect(m?.text).toContain('Aurora Devices after-sales service');
    expect(m?.html).toContain('We will answer by Tue 24 Nov 14:00.');
    expect(m?.html).toContain('Service hours:');
  });

  it('sends at most AUTO_REPLY_LIMIT acknowledgements to one sender within the hour', async () => {
    const w = await world();
    const c = await contact(w);
    for (let i = 0; i <= AUTO_REPLY_LIMIT.max; i += 1) await openCase(w, c, `问题 ${i}`);
    await deliver(w);
    expect(await sink.to(c.email as string)).toHaveLength(AUTO_REPLY_LIMIT.max);
    // An hour later the sender is answered again.
    t.clock.advance(61 * 60_000);
    await openCase(w, c, '一小时后的问题');
    await deliver(w);
    expect(await sink.to(c.email as string)).toHaveLength(AUTO_REPLY_LIMIT.max + 1);
  });
});

describe('mail-outbound: replies', () => {
  it('mails a public reply with threading headers and its attachment; a note never leaves', async () => {
    const w = await world();
    const c = await contact(w);
    const kase = await openCase(w, c);
    await deliver(w);
    const first = kase.messages[0]?.id as string;
    // The first message came in by mail from the customer (as the inbound side records it).
    await t.database.db
      .updateTable('case_messages')
      .set({ author_type: 'contact', mail_message_id: 'first-mail@customer.example' })
      .where('workspace_id', '=', w.wsId)
      .where('id', '=', first)
      .execute();
    const before = sink.messages.length;

    const note = await w.ws.admin.post(`/api/cases/${kase.id}/messages`, {
      body: '内部备注：客户合同快到期，不要告诉客户 SECRET-NOTE',
      visibility: 'internal',
    });
    expect(note.status).toBe(201);
    expect(await deliver(w)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(sink.messages.length).toBe(before);
    const queued = await t.database.db
      .selectFrom('mail_outbound')
      .select('id')
      .where('workspace_id', '=', w.wsId)
      .where('kind', '=', 'reply')
      .execute();
    expect(queued).toHaveLength(0);

    const up = await uploadFile<{ id: string }>(w.ws.admin, '/api/attachments', PNG_1PX, {
      filename: '电源.png',
    });
    expect(up.status).toBe(201);
    const reply = await w.ws.admin.post<{ id: string }>(`/api/cases/${kase.id}/messages`, {
      body: '<p>您好，请<b>长按</b>电源键 10 秒。</p>',
      visibility: 'public',
      attachmentIds: [up.body.id],
    });
    expect(reply.status).toBe(201);
    expect(await deliver(w)).toEqual({ sent: 1, retried: 0, failed: 0 });
    const mails = await sink.to(c.email as string);
    const m = mails[mails.length - 1] as ParsedMail;
    expect(m.subject).toBe(`Re: [${kase.number}] 打印机 <无法> 开机`);
    expect(m.messageId).toBe(`<${reply.body.id}@aurora.example>`);
    const stored = await t.database.db
      .selectFrom('case_messages')
      .select('mail_message_id')
      .where('workspace_id', '=', w.wsId)
      .where('id', '=', reply.body.id)
      .executeTakeFirst();
    expect(stored?.mail_message_id).toBe(`${reply.body.id}@aurora.example`);
    expect(m.inReplyTo).toBe('<first-mail@customer.example>');
    expect(m.references).toEqual('<first-mail@customer.example>');
    expect(m.headers.has('auto-submitted')).toBe(false);
    expect(header(m, 'x-aftercare-workspace')).toBe(w.ws.slug);
    expect(
      verifyReplyToken(t.config.secret, w.wsId, tokenOfAddress(address(m, 'replyTo')?.address ?? '') ?? ''),
    ).toBe(kase.id);
    expect(m.text).toContain('您好，请长按电源键 10 秒。');
    expect(m.html).toContain('<b>长按</b>');
    expect(m.text).not.toContain('SECRET-NOTE');
    expect(m.html).not.toContain('SECRET-NOTE');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]?.filename).toBe('电源.png');
    expect(Buffer.compare(m.attachments[0]?.content as Buffer, PNG_1PX)).toBe(0);
    // No mail anywhere carries the note.
    expect(sink.messages.some((x) => x.raw.toString('utf8').includes('SECRET-NOTE'))).toBe(false);

    // A second reply threads to the customer's mail and to our first reply.
    await w.ws.admin.post(`/api/cases/${kase.id}/messages`, {
      body: '已为您寄出备件。',
      visibility: 'public',
    });
    await deliver(w);
    const last = (await sink.to(c.email as string)).pop() as ParsedMail;
    expect(last.inReplyTo).toBe('<first-mail@customer.example>');
    expect(last.references).toEqual([`<${reply.body.id}@aurora.example>`, '<first-mail@customer.example>']);

    const detail = await caseDetail(w, kase.id);
    const shown = detail.messages.find((x) => x.id === reply.body.id);
    expect(shown?.delivery).toMatchObject({ status: 'sent', attempts: 1, to: c.email });
    expect(detail.messages.find((x) => x.visibility === 'internal')?.delivery).toBeNull();
  });

  it('retries a temporary failure (451) with backoff, then sends', async () => {
    const w = await world();
    const c = await contact(w);
    const kase = await openCase(w, c);
    await deliver(w);
    sink.failNext(451, 'Greylisted, try again later');
    await w.ws.admin.post(`/api/cases/${kase.id}/messages`, { body: '请稍候。', visibility: 'public' });
    expect(await deliver(w)).toEqual({ sent: 0, retried: 1, failed: 0 });
    let d = (await caseDetail(w, kase.id)).messages.at(-1)?.delivery;
    expect(d).toMatchObject({ status: 'queued', attempts: 1 });
    expect(d?.lastError).toContain('451');
    // Not due yet: nothing is tried.
    expect(await runMailOutbound(t.app.deps, t.clock.now(), { workspaceIds: [w.wsId] })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    t.clock.advance(30_000);
    expect((await runMailOutbound(t.app.deps, t.clock.now(), { workspaceIds: [w.wsId] })).sent).toBe(0);
    t.clock.advance(2 * 60_000);
    expect(await runMailOutbound(t.app.deps, t.clock.now(), { workspaceIds: [w.wsId] })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    d = (await caseDetail(w, kase.id)).messages.at(-1)?.delivery;
    expect(d).toMatchObject({ status: 'sent', attempts: 2, sentAt: t.clock.now().toISOString() });
    expect(d?.lastError).toBeUndefined();
    expect((await sink.to(c.email as string)).pop()?.text).toContain('请稍候。');
  });

  it('marks a permanent failure (550) failed with the error on the message; retry now sends it', async () => {
    const w = await world();
    const c = await contact(w);
    const kase = await openCase(w, c);
    await deliver(w);
    sink.failNext(550, 'No such user here');
    await w.ws.admin.post(`/api/cases/${kase.id}/messages`, { body: '收到请回复。', visibility: 'public' });
    expect(await deliver(w)).toEqual({ sent: 0, retried: 0, failed: 1 });
    const d = (await caseDetail(w, kase.id)).messages.at(-1)?.delivery;
    expect(d).toMatchObject({ status: 'failed', attempts: 1 });
    expect(d?.lastError).toContain('550 No such user here');
    t.clock.advance(24 * 3_600_000);
    expect((await runMailOutbound(t.app.deps, t.clock.now(), { workspaceIds: [w.wsId] })).sent).toBe(0);

    const agent = await createStaff(t.app, w.ws, 'agent');
    const retried = await agent.client.post(`/api/cases/${kase.id}/mail/retry`, { mailId: d?.mailId });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued' });
    // Only a failed mail can be retried; another case's address answers 404.
    expect((await agent.client.post(`/api/cases/${kase.id}/mail/retry`, { mailId: d?.mailId })).status).toBe(
      409,
    );
    const other = await openCase(w, c, '另一个问题');
    expect((await agent.client.post(`/api/cases/${other.id}/mail/retry`, { mailId: d?.mailId })).status).toBe(
      404,
    );
    expect((await runMailOutbound(t.app.deps, t.clock.now(), { workspaceIds: [w.wsId] })).sent).toBe(1);
    expect((await caseDetail(w, kase.id)).messages.at(-1)?.delivery).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });
});

describe('mail-outbound: settings', () => {
  it('keeps the password write-only and sealed, checks fields, and only admins and managers manage it', async () => {
    const ws = await createWorkspace(t.app);
    const initial = await ws.admin.get<MailSettings>('/api/mail-settings');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({
      enabled: false,
      version: 0,
      hasPassword: false,
      deliverable: false,
    });
    expect(initial.body.brand.companyName).toBe(ws.me.workspace.name);

    const bad = await ws.admin.put('/api/mail-settings', settingsBody({ host: '', fromAddress: '' }));
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['fromAddress:required', 'host:required']);

    const saved = await ws.admin.put<MailSettings>(
      '/api/mail-settings',
      settingsBody({ username: 'mailer', password: 'hunter2-smtp' }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ hasPassword: true, deliverable: true, version: 1 });
    expect(JSON.stringify(saved.body)).not.toContain('hunter2');
    const row = await t.database.db
      .selectFrom('mail_settings')
      .selectAll()
      .where('workspace_id', '=', ws.me.workspace.id)
      .executeTakeFirstOrThrow();
    expect(row.password_sealed).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain('hunter2');
    // Saving without a password keeps it; an empty one removes it.
    const kept = await ws.admin.put<MailSettings>('/api/mail-settings', settingsBody({ version: 1 }));
    expect(kept.body.hasPassword).toBe(true);
    const removed = await ws.admin.put<MailSettings>(
      '/api/mail-settings',
      settingsBody({ version: 2, password: '' }),
    );
    expect(removed.body.hasPassword).toBe(false);
    expect((await ws.admin.put('/api/mail-settings', settingsBody({ version: 1 }))).status).toBe(409);
    expect((await ws.admin.get('/api/audit?entityType=mail_settings')).status).toBeLessThan(500);

    const agent = await createStaff(t.app, ws, 'agent');
    expect((await agent.client.get('/api/mail-settings')).status).toBe(403);
    const manager = await createStaff(t.app, ws, 'manager');
    expect((await manager.client.get('/api/mail-settings')).status).toBe(200);
  });

  it('sends a test mail to the signed-in user and reports the SMTP answer', async () => {
    const ws = await createWorkspace(t.app, { locale: 'en' });
    await ws.admin.put('/api/mail-settings', settingsBody());
    const ok = await ws.admin.post<MailTestResult>('/api/mail-settings/test');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, to: ws.email });
    const [m] = await sink.to(ws.email);
    expect(m?.subject).toBe('Aftercare test mail');
    expect(header(m as ParsedMail, 'x-aftercare-workspace')).toBe(ws.slug);
    sink.failNext(554, 'Relay access denied');
    const refused = await ws.admin.post<MailTestResult>('/api/mail-settings/test');
    expect(refused.body).toMatchObject({ ok: false });
    expect(refused.body.response).toContain('554 Relay access denied');
  });

  it('previews the acknowledgement with the brand being edited, in both languages', async () => {
    const ws = await createWorkspace(t.app);
    const res = await ws.admin.post<Record<'zh-CN' | 'en', { subject: string; html: string; text: string }>>(
      '/api/mail-settings/preview',
      { brand: { ...BRAND, companyName: '<script>x</script>' }, fromName: '' },
    );
    expect(res.status).toBe(200);
    expect(res.body['zh-CN'].html).toContain('我们将在 11月24日 周二 10:30 前答复');
    expect(res.body.en.text).toContain('We will answer by Tue 24 Nov 10:30.');
    expect(res.body.en.html).toContain('&lt;script&gt;x&lt;&#x2F;script&gt;');
    expect(res.body.en.html).not.toContain('<script>');
  });
});

describe('mail-outbound: not configured yet', () => {
  it('keeps mail queued while no SMTP server exists, and sends it once an admin sets one up', async () => {
    const ws = await createWorkspace(t.app);
    const wsId = ws.me.workspace.id;
    const customer = (
      await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: unique('客户') })
    ).body;
    const w: World = { ws, wsId, customer };
    const c = await contact(w);
    const kase = await openCase(w, c);
    await ws.admin.post(`/api/cases/${kase.id}/messages`, { body: '我们正在处理。', visibility: 'public' });
    expect(await deliver(w)).toEqual({ sent: 0, retried: 2, failed: 0 });
    const d = (await caseDetail(w, kase.id)).messages.at(-1)?.delivery;
    expect(d).toMatchObject({ status: 'queued', attempts: 1, lastError: NOT_CONFIGURED });
    expect((await ws.admin.put('/api/mail-settings', settingsBody())).status).toBe(200);
    t.clock.advance(3 * 60_000);
    expect(await runMailOutbound(t.app.deps, t.clock.now(), { workspaceIds: [wsId] })).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
    });
    expect(await sink.to(c.email as string)).toHaveLength(2);
  });
});

describe('mail-outbound: server-wide fallback', () => {
  it('sends through SMTP_URL and MAIL_FROM while the workspace has no settings of its own', async () => {
    const t2 = await createTestApp({
      clock: new ManualClock(START),
      config: {
        mail: {
          smtpUrl: `smtp://127.0.0.1:${sink.port}`,
          from: 'Aftercare Service <service@fallback.example>',
        },
      },
    });
    try {
      const ws = await createWorkspace(t2.app, { companyName: '备用公司' });
      const settings = await ws.admin.get<MailSettings>('/api/mail-settings');
      expect(settings.body).toMatchObject({ enabled: false, deliverable: true });
      const customer = await ws.admin.post<Customer>('/api/customers', {
        code: unique('C'),
        name: unique('客户'),
      });
      const email = `${unique('c')}@customer.example`;
      const c = await ws.admin.post<Contact>('/api/contacts', {
        customerId: customer.body.id,
        name: '李工',
        email,
      });
      await ws.admin.post('/api/cases', {
        customerId: customer.body.id,
        contactId: c.body.id,
        subject: '无法联网',
        body: '请帮忙',
      });
      await t2.dispatch(ws.me.workspace.id);
      expect(
        await runMailOutbound(t2.app.deps, t2.clock.now(), { workspaceIds: [ws.me.workspace.id] }),
      ).toMatchObject({
        sent: 1,
      });
      const [m] = await sink.to(email);
      expect(address(m as ParsedMail, 'from')).toEqual({
        name: 'Aftercare Service',
        address: 'service@fallback.example',
      });
      expect(address(m as ParsedMail, 'replyTo')?.address).toMatch(
        /^service\+c[0-9a-f]{52}@fallback\.example$/,
      );
      expect(m?.messageId).toMatch(/@fallback\.example>$/);
      expect(m?.html).toContain('备用公司');
    } finally {
      await t2.close();
    }
  });
});
