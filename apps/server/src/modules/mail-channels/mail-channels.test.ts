import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import type { CaseDetail, Contact, MailChannel, MailChannelList, MailOriginal } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf } from '../../../test/client.js';
import { createStaff, createWorkspace, unique, type Workspace } from '../../../test/factories.js';
import { replyAddress, replyToken } from '../../platform/mail/reply-token.js';
import { startSmtpReceiver, type SmtpReceiver } from './mail.smtp.js';
import { ingestMail, mayAutoReply } from './mail.ingest.js';
import { findSmtpChannel } from './mail-channels.repository.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../main.js';

let t: TestApp;
let smtp: SmtpReceiver;
beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtpReceiver(t.app.deps, { port: 0, host: '127.0.0.1', maxBytes: 200_000 });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

interface Setup {
  ws: Workspace;
  wsId: string;
  address: string;
  channel: MailChannel;
}

async function setup(overrides: Record<string, unknown> = {}): Promise<Setup> {
  const ws = await createWorkspace(t.app);
  const address = `support-${ws.slug}@acme.example`;
  const res = await ws.admin.post<MailChannel>('/api/mail-channels', {
    kind: 'smtp',
    name: '售后邮箱',
    address,
    caseType: 'incident',
    ...overrides,
  });
  expect(res.status).toBe(201);
  return { ws, wsId: ws.me.workspace.id, address, channel: res.body };
}

const transport = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

interface Mail {
  from: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string; cid?: string }>;
  envelopeTo?: string;
}

async function send(m: Mail) {
  const messageId = m.messageId ?? `<${unique('m')}@sender.example>`;
  await transport().sendMail({
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId,
    inReplyTo: m.inReplyTo,
    references: m.inReplyTo,
    headers: m.headers,
    attachments: m.attachments,
    envelope: { from: m.from, to: [m.envelopeTo ?? m.to] },
  });
  return messageId.replace(/^<|>$/g, '');
}

async function inbound(wsId: string, messageId: string) {
  return t.database.db
    .selectFrom('mail_inbound')
    .select(['kind', 'case_id', 'case_message_id', 'auto_reply_allowed', 'notes'])
    .where('workspace_id', '=', wsId)
    .where('message_id', '=', messageId)
    .execute();
}

async function caseOf(s: Setup, messageId: string): Promise<CaseDetail> {
  const rows = await inbound(s.wsId, messageId);
  expect(rows).toHaveLength(1);
  const caseId = rows[0]?.case_id;
  expect(caseId).toBeTruthy();
  const res = await s.ws.admin.get<CaseDetail>(`/api/cases/${caseId}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function caseCount(wsId: string): Promise<number> {
  const r = await t.database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', wsId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVR4nGM4w8AARwgWXg4AWIMMwUw7YK8AAAAASUVORK5CYII=',
  'base64',
);

describe('mail channels API', () => {
  it('creates, validates per field, hides the IMAP password, updates and deletes', async () => {
    const s = await setup();
    expect(s.channel).toMatchObject({ kind: 'smtp', address: s.address, imap: null, enabled: true });
    const dup = await s.ws.admin.post('/api/mail-channels', {
      kind: 'smtp',
      name: 'x',
      address: s.address.toUpperCase(),
    });
    expect(dup.status).toBe(400);
    expect(fieldsOf(dup)).toEqual(['address:duplicate']);
    const missing = await s.ws.admin.post('/api/mail-channels', {
      kind: 'imap',
      name: 'x',
      address: `in-${s.address}`,
    });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing).sort()).toEqual([
      'imapHost:required',
      'imapPassword:required',
      'imapUser:required',
    ]);
    const stray = await s.ws.admin.post('/api/mail-channels', {
      kind: 'smtp',
      name: 'x',
      address: `x-${s.address}`,
      imapHost: 'imap.example',
      teamId: '00000000-0000-4000-8000-000000000000',
    });
    expect(fieldsOf(stray).sort()).toEqual(['imapHost:invalid_value', 'teamId:unknown_reference']);

    const imap = await s.ws.admin.post<MailChannel>('/api/mail-channels', {
      kind: 'imap',
      name: '旧邮箱',
      address: `old-${s.address}`,
      imapHost: '127.0.0.1',
      imapPort: 1,
      imapTls: false,
      imapUser: 'u',
      imapPassword: 'hunter2-secret',
    });
    expect(imap.status).toBe(201);
    expect(imap.body.imap).toMatchObject({ host: '127.0.0.1', hasPassword: true, folder: 'INBOX' });
    expect(JSON.stringify(imap.body)).not.toContain('hunter2');
    const stored = await t.database.db
      .selectFrom('mail_channels')
      .select('imap_password')
      .where('workspace_id', '=', s.wsId)
      .where('id', '=', imap.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.imap_password).toMatch(/^v1:/);
    expect(stored.imap_password).not.toContain('hunter2');

    const test = await s.ws.admin.post<{ ok: boolean; error: string | null }>(
      `/api/mail-channels/${imap.body.id}/test`,
      {},
    );
    expect(test.status).toBe(200);
    expect(test.body.ok).toBe(false);
    expect(test.body.error).toBeTruthy();

    const upd = await s.ws.admin.patch<MailChannel>(`/api/mail-channels/${imap.body.id}`, {
      version: imap.body.version,
      pollSeconds: 120,
      enabled: false,
    });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ enabled: false, imap: { pollSeconds: 120, hasPassword: true } });
    const stale = await s.ws.admin.patch(`/api/mail-channels/${imap.body.id}`, {
      version: imap.body.version,
      name: 'y',
    });
    expect(stale.status).toBe(409);

    const list = await s.ws.admin.get<MailChannelList>('/api/mail-channels');
    expect(list.body.items.map((c) => c.address)).toEqual([s.address, `old-${s.address}`]);
    const history = await s.ws.admin.get<unknown[]>(`/api/mail-channels/${imap.body.id}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain('hunter2');

    const agent = await createStaff(t.app, s.ws, 'agent');
    expect((await agent.client.get('/api/mail-channels')).status).toBe(403);
    const other = await createWorkspace(t.app);
    expect((await other.admin.get(`/api/mail-channels/${imap.body.id}`)).status).toBe(404);

    expect((await s.ws.admin.delete(`/api/mail-channels/${imap.body.id}`)).status).toBe(200);
    expect((await s.ws.admin.get(`/api/mail-channels/${imap.body.id}`)).status).toBe(404);
  });
});

describe('the SMTP receiver', () => {
  it('refuses RCPT for an address that is no channel (550)', async () => {
    const s = await setup();
    await expect(
      send({ from: 'a@customer.example', to: `nobody-${s.address}`, subject: 'hi', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect(await caseCount(s.wsId)).toBe(0);
  });

  it('opens a case for a new sender, threads replies by In-Reply-To, token and case number', async () => {
    const s = await setup();
    const first = await send({
      from: '王磊 <wanglei@huadong.example>',
      to: s.address.toUpperCase(),
      subject: '设备报警 E42',
      text: '设备开机后报警 E42，请处理。\n\n-- \n王磊\n华东制造',
      attachments: [
        { filename: '现场报告.pdf', content: PDF },
        { filename: 'run.exe', content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1') },
      ],
    });
    const created = await caseOf(s, first);
    expect(created).toMatchObject({
      channel: 'email',
      subject: '设备报警 E42',
      type: 'incident',
      status: 'new',
    });
    expect(created.messages).toHaveLength(1);
    const m0 = created.messages[0];
    expect(m0).toMatchObject({ visibility: 'public', authorType: 'contact', authorName: '王磊' });
    expect(m0?.bodyText).toBe('设备开机后报警 E42，请处理。');
    expect(m0?.attachments?.map((a) => a.name)).toEqual(['现场报告.pdf']);
    const row = (await inbound(s.wsId, first))[0];
    expect(JSON.parse(row?.notes ?? '{}')).toMatchObject({ refusedAttachments: [{ name: 'run.exe' }] });
    expect(Boolean(row?.auto_reply_allowed)).toBe(true);
    const contact = await s.ws.admin.get<Contact>(`/api/contacts/${created.contactId}`);
    expect(contact.body).toMatchObject({
      email: 'wanglei@huadong.example',
      name: '王磊',
      emailBouncedAt: null,
    });

    // The full original is kept: the signature the thread hides is in it.
    const originals = await s.ws.admin.get<MailOriginal[]>(`/api/cases/${created.id}/mail-originals`);
    expect(originals.body).toHaveLength(1);
    expect(originals.body[0]?.text).toContain('华东制造');

    // A colleague at the same company: same customer, by the email domain.
    const colleague = await send({
      from: 'li@huadong.example',
      to: s.address,
      subject: '另一台设备',
      text: '也坏了',
    });
    expect((await caseOf(s, colleague)).customerId).toBe(created.customerId);

    // By In-Reply-To, from the case's contact.
    const r1 = await send({
      from: 'wanglei@huadong.example',
      to: s.address,
      subject: 'Re: 设备报警 E42',
      text: '补充：重启无效。\n\n在 2026年1月5日 9:30，售后支持 <x@acme.example> 写道：\n> 设备开机后报警 E42',
      inReplyTo: `<${first}>`,
    });
    const afterR1 = await caseOf(s, r1);
    expect(afterR1.id).toBe(created.id);
    expect(afterR1.messages.at(-1)?.bodyText).toBe('补充：重启无效。');

    // By the case number in the subject, from a contact of the same customer.
    const r2 = await send({
      from: 'li@huadong.example',
      to: s.address,
      subject: `回复: [${created.number}] 设备报警`,
      text: '现场照片稍后发送',
    });
    expect((await caseOf(s, r2)).id).toBe(created.id);

    // By the signed reply token, from someone the mail was forwarded to: a new contact of the case's customer.
    const token = replyToken(t.config.secret, s.wsId, created.id);
    const r3 = await send({
      from: 'boss@elsewhere.example',
      to: replyAddress(s.address, token),
      subject: 'Re: whatever',
      text: '请加急处理',
    });
    const afterR3 = await caseOf(s, r3);
    expect(afterR3.id).toBe(created.id);
    expect(afterR3.messages.at(-1)).toMatchObject({ authorType: 'contact', visibility: 'public' });
    const boss = await t.database.db
      .selectFrom('contacts')
      .select('customer_id')
      .where('workspace_id', '=', s.wsId)
      .where('email', '=', 'boss@elsewhere.example')
      .executeTakeFirstOrThrow();
    expect(boss.customer_id).toBe(created.customerId);
    expect((await s.ws.admin.get<CaseDetail>(`/api/cases/${created.id}`)).body.messages).toHaveLength(4);
  });

  it('does not thread a forged token, a stranger’s In-Reply-To or a stranger’s case number', async () => {
    const s = await setup();
    const first = await send({
      from: 'owner@customer-a.example',
      to: s.address,
      subject: 'Case A',
      text: 'mine',
    });
    const target = await caseOf(s, first);
    const forged = replyToken('another-secret-that-is-long-enough-000000', s.wsId, target.id);
    const f1 = await send({
      from: 'mallory@evil.example',
      to: replyAddress(s.address, forged),
      subject: 'Re: Case A',
      text: 'forged token',
      inReplyTo: `<${first}>`,
    });
    const f2 = await send({
      from: 'mallory@evil.example',
      to: s.address,
      subject: `Re: [${target.number}] Case A`,
      text: 'stranger number',
    });
    for (const id of [f1, f2]) {
      const c = await caseOf(s, id);
      expect(c.id).not.toBe(target.id);
      expect(c.customerId).not.toBe(target.customerId);
    }
    const f1row = (await inbound(s.wsId, f1))[0];
    expect(JSON.parse(f1row?.notes ?? '{}')).toMatchObject({ notThreaded: 'reference_of_another_customer' });
    expect((await s.ws.admin.get<CaseDetail>(`/api/cases/${target.id}`)).body.messages).toHaveLength(1);
  });

  it('keeps one message per Message-ID: delivered twice, and twice at once', async () => {
    const s = await setup();
    const messageId = `<${unique('dup')}@sender.example>`;
    const mail = { from: 'dup@customer-d.example', to: s.address, subject: 'Twice', text: 'once', messageId };
    await send(mail);
    await send(mail);
    const id = messageId.slice(1, -1);
    expect(await inbound(s.wsId, id)).toHaveLength(1);
    expect(await caseCount(s.wsId)).toBe(1);

    const created = await caseOf(s, id);
    const replyId = `<${unique('conc')}@sender.example>`;
    const reply = { ...mail, subject: 'Re: Twice', text: 'again', messageId: replyId, inReplyTo: messageId };
    await Promise.all([send(reply), send(reply), send(reply)]);
    expect(await inbound(s.wsId, replyId.slice(1, -1))).toHaveLength(1);
    const after = await s.ws.admin.get<CaseDetail>(`/api/cases/${created.id}`);
    expect(after.body.messages).toHaveLength(2);
    const stored = await t.database.db
      .selectFrom('case_messages')
      .select('mail_message_id')
      .where('workspace_id', '=', s.wsId)
      .where('case_id', '=', created.id)
      .orderBy('created_at')
      .execute();
    expect(stored.map((r) => r.mail_message_id).sort()).toEqual([id, replyId.slice(1, -1)].sort());

    // Without a Message-ID: a synthetic one from the content, so the same bytes are still one message.
    const raw = `From: nomid@customer-d.example\r\nTo: ${s.address}\r\nSubject: No id\r\n\r\nbody\r\n`;
    const tr = transport();
    const envelope = { from: 'nomid@customer-d.example', to: [s.address] };
    await tr.sendMail({ envelope, raw });
    await tr.sendMail({ envelope, raw });
    expect(await caseCount(s.wsId)).toBe(2);
  });

  it('ingests one Message-ID three times at once: one case, two duplicates', async () => {
    const s = await setup();
    const channel = await findSmtpChannel(t.database.unscoped, s.address);
    if (!channel) throw new Error('channel not found');
    const raw = Buffer.from(
      `From: race@customer-z.example\r\nTo: ${s.address}\r\nSubject: Race\r\nMessage-ID: <${unique('race')}@x.example>\r\n\r\nbody\r\n`,
    );
    const results = await Promise.all([1, 2, 3].map(() => ingestMail(t.app.deps, channel, raw)));
    expect(results.map((r) => r.status).sort()).toEqual(['created', 'duplicate', 'duplicate']);
    expect(await caseCount(s.wsId)).toBe(1);
  });

  it('recognises auto-replies, bounces and loops; never a case from them', async () => {
    const s = await setup();
    const first = await send({
      from: 'ooo@customer-e.example',
      to: s.address,
      subject: 'Printer',
      text: 'jam',
    });
    const c = await caseOf(s, first);
    const before = await caseCount(s.wsId);
    // An out-of-office answer to the case: an internal note, the case stays as it was.
    const ooo = await send({
      from: 'ooo@customer-e.example',
      to: s.address,
      subject: '自动回复: Printer',
      text: '我正在休假',
      inReplyTo: `<${first}>`,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect((await inbound(s.wsId, ooo))[0]).toMatchObject({ kind: 'auto_reply' });
    const after = (await s.ws.admin.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(after.messages.at(-1)).toMatchObject({ visibility: 'internal', authorType: 'system' });
    expect(after.status).toBe('new');
    // Unthreaded automatic mail (Precedence: bulk; X-Autoreply) is dropped.
    const bulk = await send({
      from: 'news@customer-e.example',
      to: s.address,
      subject: 'Newsletter',
      text: 'x',
      headers: { Precedence: 'bulk' },
    });
    const auto = await send({
      from: 'x@customer-f.example',
      to: s.address,
      subject: 'Hi',
      text: 'x',
      headers: { 'X-Autoreply': 'yes' },
    });
    for (const id of [bulk, auto])
      expect((await inbound(s.wsId, id))[0]).toMatchObject({ kind: 'auto_reply', case_id: null });
    // Our own mail coming back (X-Aftercare-Workspace of this workspace) is a loop.
    const loop = await send({
      from: 'someone@customer-g.example',
      to: s.address,
      subject: 'Re: [T-1001]',
      text: 'x',
      headers: { 'X-Aftercare-Workspace': s.ws.slug },
    });
    expect((await inbound(s.wsId, loop))[0]).toMatchObject({ kind: 'loop', case_id: null });
    // A delivery status notification marks the contact's address as bounced.
    const dsn = [
      `From: MAILER-DAEMON@mx.acme.example`,
      `To: ${s.address}`,
      `Subject: Undelivered Mail Returned to Sender`,
      `Message-ID: <${unique('dsn')}@mx.acme.example>`,
      `MIME-Version: 1.0`,
      `Content-Type: multipart/report; report-type=delivery-status; boundary="B"`,
      ``,
      `--B`,
      `Content-Type: text/plain`,
      ``,
      `Could not deliver.`,
      `--B`,
      `Content-Type: message/delivery-status`,
      ``,
      `Reporting-MTA: dns; mx.acme.example`,
      ``,
      `Final-Recipient: rfc822; ooo@customer-e.example`,
      `Action: failed`,
      `Status: 5.1.1`,
      `--B--`,
      ``,
    ].join('\r\n');
    await transport().sendMail({ envelope: { from: '', to: [s.address] }, raw: dsn });
    expect(await caseCount(s.wsId)).toBe(before);
    const contact = await s.ws.admin.get<Contact>(`/api/contacts/${c.contactId}`);
    expect(contact.body.emailBouncedAt).not.toBeNull();
    expect(await mayAutoReply(t.database.db, s.wsId, 'ooo@customer-e.example', t.clock.now())).toBe(false);
    // A new address has not bounced.
    const changed = await s.ws.admin.patch<Contact>(`/api/contacts/${c.contactId}`, {
      email: 'ooo.new@customer-e.example',
      version: contact.body.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.emailBouncedAt).toBeNull();
  });

  it('refuses unknown senders when the channel says so (550), and keeps known ones', async () => {
    const s = await setup({ unknownSender: 'refuse' });
    await expect(
      send({ from: 'stranger@customer-h.example', to: s.address, subject: 'Hi', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect(await caseCount(s.wsId)).toBe(0);
    const customer = await s.ws.admin.post<{ id: string }>('/api/customers', {
      code: unique('C'),
      name: 'H',
    });
    await s.ws.admin.post('/api/contacts', {
      customerId: customer.body.id,
      name: 'Known',
      email: 'known@customer-h.example',
    });
    const ok = await send({ from: 'known@customer-h.example', to: s.address, subject: 'Hi', text: 'x' });
    expect((await caseOf(s, ok)).customerId).toBe(customer.body.id);
  });

  it('refuses a message over the size limit (552)', async () => {
    const s = await setup();
    await expect(
      send({ from: 'big@customer-i.example', to: s.address, subject: 'Big', text: 'x'.repeat(300_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await caseCount(s.wsId)).toBe(0);
  });

  it('reopens a solved case on a customer reply and drops inline images from the text safely', async () => {
    const s = await setup();
    const first = await send({
      from: 'img@customer-j.example',
      to: s.address,
      subject: 'Nameplate',
      html: '<p>See the photo:</p><img src="cid:plate@x"><script>alert(1)</script>',
      attachments: [{ filename: 'plate.png', content: PNG, cid: 'plate@x' }],
    });
    const c = await caseOf(s, first);
    expect(c.messages[0]?.bodyHtml).not.toContain('<img');
    expect(c.messages[0]?.bodyHtml).not.toContain('script');
    expect(c.messages[0]?.attachments?.map((a) => a.name)).toEqual(['plate.png']);
    const solved = await s.ws.admin.patch<CaseDetail>(`/api/cases/${c.id}`, {
      status: 'solved',
      version: c.version,
      closingSummary: { cause: '铭牌松动', fix: '已紧固', customerNotes: '请观察' },
    });
    expect(solved.status, JSON.stringify(solved.body)).toBe(200);
    const reply = await send({
      from: 'img@customer-j.example',
      to: s.address,
      subject: `Re: [${c.number}] Nameplate`,
      text: 'Still broken',
    });
    expect((await caseOf(s, reply)).status).toBe('open');
  });
});

describe('mayAutoReply', () => {
  it('allows three automatic answers per sender per hour per workspace', async () => {
    const s = await setup();
    const now = t.clock.now();
    const at = (min: number) => new Date(now.getTime() + min * 60_000);
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await mayAutoReply(t.database.db, s.wsId, 'Rate@Customer.example', at(i)));
    expect(results).toEqual([true, true, true, false]);
    expect(await mayAutoReply(t.database.db, s.wsId, 'other@customer.example', at(4))).toBe(true);
    expect(await mayAutoReply(t.database.db, s.wsId, 'rate@customer.example', at(61))).toBe(true);
  });
});

describe('the server process', () => {
  it('starts the SMTP receiver when MAIL_SMTP_PORT is set, and closes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-smtp-'));
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const server = await startServer(
      {
        NODE_ENV: 'test',
        AFTERCARE_DATA_DIR: dir,
        DATABASE_URL: `sqlite:${join(dir, 'x.db')}`,
        PORT: '0',
        HOST: '127.0.0.1',
        MAIL_SMTP_PORT: '0',
        MAIL_SMTP_HOST: '127.0.0.1',
        SEED_DEMO: 'false',
      },
      io,
    );
    let port = 0;
    try {
      port = Number(/Mail intake +SMTP on 127\.0\.0\.1:(\d+)/.exec(lines.join('\n'))?.[1]);
      expect(port).toBeGreaterThan(0);
      const greeting = await new Promise<string>((resolve, reject) => {
        const sock = connect(port, '127.0.0.1');
        sock.once('data', (d) => {
          sock.destroy();
          resolve(d.toString());
        });
        sock.once('error', reject);
      });
      expect(greeting).toMatch(/^220 /);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const refused = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(false);
      });
      sock.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
