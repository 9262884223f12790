import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import type { CaseDetail, MailChannel } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createWorkspace, unique, type Workspace } from '../../../test/factories.js';
import { hasDovecot, startDovecot, type Dovecot } from '../../../test/dovecot.js';
import { runMailPoll } from './mail.imap.js';

let t: TestApp;
let dovecot: Dovecot;
beforeAll(async () => {
  t = await createTestApp();
  if (hasDovecot) dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
  await t?.close();
});

function imap(): ImapFlow {
  return new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
}

/** Fills the test mailbox through IMAP APPEND, as another mail client would. */
async function append(raws: string[], flags: string[] = []): Promise<void> {
  const c = imap();
  await c.connect();
  try {
    for (const raw of raws) await c.append('INBOX', raw, flags);
  } finally {
    await c.logout();
  }
}

async function unseenCount(): Promise<number> {
  const c = imap();
  await c.connect();
  try {
    const status = await c.status('INBOX', { unseen: true, messages: true });
    return status ? (status.unseen ?? -1) : -1;
  } finally {
    await c.logout();
  }
}

function mail(
  from: string,
  to: string,
  subject: string,
  body: string,
  extra = '',
): { id: string; raw: string } {
  const id = `${unique('imap')}@sender.example`;
  return {
    id,
    raw: `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\n${extra}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  };
}

async function channel(ws: Workspace, overrides: Record<string, unknown> = {}): Promise<MailChannel> {
  const res = await ws.admin.post<MailChannel>('/api/mail-channels', {
    kind: 'imap',
    name: '老邮箱',
    address: `service-${ws.slug}@acme.example`,
    imapHost: dovecot.host,
    imapPort: dovecot.port,
    imapTls: false,
    imapUser: dovecot.user,
    imapPassword: dovecot.password,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe.skipIf(!hasDovecot)('IMAP polling against a real dovecot', () => {
  it('tests the connection: a good login, and a wrong password', async () => {
    const ws = await createWorkspace(t.app);
    const good = await channel(ws);
    const ok = await ws.admin.post<{ ok: boolean; error: string | null }>(
      `/api/mail-channels/${good.id}/test`,
      {},
    );
    expect(ok.body, dovecot.log()).toMatchObject({ ok: true, error: null });
    const bad = await channel(ws, { address: `bad-${ws.slug}@acme.example`, imapPassword: 'wrong-password' });
    const refused = await ws.admin.post<{ ok: boolean; error: string | null }>(
      `/api/mail-channels/${bad.id}/test`,
      {},
    );
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error).toBeTruthy();
  });

  it('polls unseen mail into cases, threads a reply, marks them seen, and takes nothing twice', async () => {
    const ws = await createWorkspace(t.app);
    const wsId = ws.me.workspace.id;
    const ch = await channel(ws);
    const to = `service-${ws.slug}@acme.example`;
    const old = mail('old@customer-k.example', to, 'Already read', 'seen before');
    await append([old.raw], ['\\Seen']);
    const a = mail('张工 <zhang@customer-k.example>', to, '空调不制冷', '机房空调不制冷，请尽快处理。');
    const b = mail('li@customer-l.example', to, 'Pump noise', 'The pump is noisy.');
    await append([a.raw, b.raw]);
    expect(await unseenCount()).toBe(2);

    const results = await runMailPoll(t.app.deps, t.clock.now(), { workspaceIds: [wsId] });
    expect(results, dovecot.log()).toEqual([{ channelId: ch.id, ingested: 2, error: null }]);
    expect(await unseenCount()).toBe(0);
    const rows = await t.database.db
      .selectFrom('mail_inbound')
      .select(['message_id', 'case_id'])
      .where('workspace_id', '=', wsId)
      .execute();
    expect(rows.map((r) => r.message_id).sort()).toEqual([a.id, b.id].sort());
    const caseA = rows.find((r) => r.message_id === a.id)?.case_id;
    const detail = await ws.admin.get<CaseDetail>(`/api/cases/${caseA}`);
    expect(detail.body).toMatchObject({ subject: '空调不制冷', channel: 'email' });
    expect(detail.body.messages[0]?.bodyText).toBe('机房空调不制冷，请尽快处理。');

    // Not due yet: the channel's interval has not passed.
    expect(await runMailPoll(t.app.deps, t.clock.now(), { workspaceIds: [wsId] })).toEqual([]);

    // A reply arrives; and the first mail is found unseen again (a crash before \Seen): no second message.
    const reply = mail(
      'zhang@customer-k.example',
      to,
      'Re: 空调不制冷',
      '还是不制冷',
      `In-Reply-To: <${a.id}>\r\n`,
    );
    await append([reply.raw, a.raw]);
    const again = await runMailPoll(t.app.deps, t.clock.now(), { workspaceIds: [wsId], force: true });
    expect(again).toEqual([{ channelId: ch.id, ingested: 2, error: null }]);
    const after = await ws.admin.get<CaseDetail>(`/api/cases/${caseA}`);
    expect(after.body.messages.map((m) => m.bodyText)).toEqual([
      '机房空调不制冷，请尽快处理。',
      '还是不制冷',
    ]);
    const count = await t.database.db
      .selectFrom('mail_inbound')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', wsId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
    expect(await unseenCount()).toBe(0);

    // Nothing new: nothing fetched.
    expect(await runMailPoll(t.app.deps, t.clock.now(), { workspaceIds: [wsId], force: true })).toEqual([
      { channelId: ch.id, ingested: 0, error: null },
    ]);
  });

  it('records the error of a mailbox it cannot log in to', async () => {
    const ws = await createWorkspace(t.app);
    const ch = await channel(ws, { imapPassword: 'not-the-password' });
    const [result] = await runMailPoll(t.app.deps, t.clock.now(), { workspaceIds: [ws.me.workspace.id] });
    expect(result?.error).toBeTruthy();
    const got = await ws.admin.get<MailChannel>(`/api/mail-channels/${ch.id}`);
    expect(got.body.lastError).toBeTruthy();
    expect(got.body.polledAt).not.toBeNull();
  });
});
