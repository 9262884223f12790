import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  AgreementLinkView,
  CaseDetail,
  CaseDiscipline,
  Contact,
  Customer,
  DisciplineSettings,
  PortalCaseDetail,
} from '@aftercare/contracts';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type ErrorReply } from '../../../test/client.js';
import { createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { runDisciplineSweep } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/*
 * The standard calendar of a new workspace: Mon–Fri 09:00–12:00 and 13:30–18:00 Asia/Shanghai (UTC+8) with the
 * official China holidays; March 2026 is an ordinary month.
 */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();
const CLOSING = { cause: '适配器损坏', fix: '更换适配器', customerNotes: '请使用原装适配器' };
const SUMMARY = { problem: '设备无法开机', doneSoFar: '已远程排查', difficulties: '', nextSteps: '寄送备件' };

type D = CaseDiscipline & ErrorReply;

async function portalContact(ws: Workspace, customerId: string, companyWide = false) {
  const contact = (
    await ws.admin.post<Contact>('/api/contacts', {
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
  return { client: new Client(t.app, sessionFrom(accepted)), contact };
}

async function world(severity = 'S3') {
  const ws = await createWorkspace(t.app);
  const a = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: '甲方机电' })).body;
  const b = (await ws.admin.post<Customer>('/api/customers', { code: 'B', name: '乙方软件' })).body;
  const mine = await portalContact(ws, a.id);
  const foreign = await portalContact(ws, b.id, true);
  const open = async (customerId: string, contactId: string | null, sev = severity) => {
    const res = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId,
      contactId,
      subject: unique('设备故障'),
      body: '无法开机',
      severity: sev,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const mainCase = await open(a.id, mine.contact.id);
  const otherCase = await open(b.id, foreign.contact.id);
  return { ws, a, b, mine, foreign, open, caseId: mainCase.id, otherCaseId: otherCase.id };
}

const staffCase = async (ws: Workspace, id: string) =>
  (await ws.admin.get<CaseDetail>(`/api/cases/${id}`)).body;
const portalCase = (c: Client, id: string) => c.get<PortalCaseDetail & ErrorReply>(`/api/portal/cases/${id}`);
const outbox = async (ws: Workspace, prefix: string) =>
  (
    await t.database.db
      .selectFrom('outbox')
      .select(['type', 'payload'])
      .where('workspace_id', '=', ws.me.workspace.id)
      .where('type', 'like', `${prefix}%`)
      .orderBy('created_at')
      .execute()
  ).map((e) => ({ type: e.type, payload: JSON.parse(e.payload) as Record<string, unknown> }));

async function solve(ws: Workspace, id: string) {
  const c = await staffCase(ws, id);
  return ws.admin.patch<CaseDetail & ErrorReply>(`/api/cases/${id}`, {
    status: 'solved',
    closingSummary: CLOSING,
    version: c.version,
  });
}

describe('related problems', () => {
  it('refuses to solve with an open blocking item, and solves once it is done', async () => {
    const w = await world();
    const added = await w.ws.admin.post<D>(`/api/cases/${w.caseId}/links`, {
      kind: 'blocking',
      title: '  先升级固件 ',
    });
    expect(added.status).toBe(201);
    const link = added.body.links[0];
    expect(link).toMatchObject({ kind: 'blocking', direction: 'outgoing', title: '先升级固件', done: false });
    const before = await staffCase(w.ws, w.caseId);
    const refused = await solve(w.ws, w.caseId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('open_blocking_items');
    expect(refused.body.error.details).toEqual([{ id: link?.id, title: '先升级固件' }]);
    expect(await staffCase(w.ws, w.caseId)).toEqual(before);

    const ticked = await w.ws.admin.patch<D>(`/api/cases/${w.caseId}/links/${link?.id}`, { done: true });
    expect(ticked.status).toBe(200);
    expect(ticked.body.links[0]).toMatchObject({ done: true, doneAt: t.clock.now().toISOString() });
    const solved = await solve(w.ws, w.caseId);
    expect(solved.status).toBe(200);
    expect(solved.body.status).toBe('solved');
  });

  it('solves with open follow-ups and lists them; a follow-up can be opened as its own case later', async () => {
    const w = await world();
    await w.ws.admin.post(`/api/cases/${w.caseId}/links`, { kind: 'follow_up', title: '顺带检查风扇噪音' });
    const solved = await solve(w.ws, w.caseId);
    expect(solved.status).toBe(200);
    const open = solved.body.discipline?.links.filter((l) => l.kind === 'follow_up' && !l.done) ?? [];
    expect(open.map((l) => l.title)).toEqual(['顺带检查风扇噪音']);

    const opened = await w.ws.admin.patch<D>(`/api/cases/${w.caseId}/links/${open[0]?.id}`, {
      openCase: true,
    });
    expect(opened.status).toBe(200);
    const linked = opened.body.links[0]?.linkedCase;
    expect(linked).toMatchObject({ subject: '顺带检查风扇噪音', status: 'new' });
    const newCase = await staffCase(w.ws, linked?.id as string);
    expect(newCase).toMatchObject({ customerId: w.a.id, contactId: w.mine.contact.id });
    expect(newCase.discipline?.links).toEqual([
      expect.objectContaining({
        direction: 'incoming',
        kind: 'follow_up',
        linkedCase: expect.objectContaining({ id: w.caseId }),
      }),
    ]);
    const again = await w.ws.admin.patch<D>(`/api/cases/${w.caseId}/links/${open[0]?.id}`, {
      openCase: true,
    });
    expect(again.status).toBe(400);
  });

  it('opens a separate problem as a new case linked both ways, shown to the contact', async () => {
    const w = await world();
    const res = await w.ws.admin.post<D>(`/api/cases/${w.caseId}/links`, {
      kind: 'separate',
      title: '整套系统迁移',
      note: '规模较大，单独处理',
    });
    expect(res.status).toBe(201);
    const link = res.body.links[0];
    const newId = link?.linkedCase?.id as string;
    const created = await staffCase(w.ws, newId);
    expect(created).toMatchObject({
      subject: '整套系统迁移',
      customerId: w.a.id,
      contactId: w.mine.contact.id,
      severity: 'S3',
    });
    expect(created.discipline?.links[0]).toMatchObject({
      direction: 'incoming',
      kind: 'separate',
      linkedCase: { id: w.caseId },
    });
    // The contact sees it on both cases, with numbers (both are theirs).
    const onMain = (await portalCase(w.mine.client, w.caseId)).body.discipline?.links;
    expect(onMain?.[0]?.linkedCase).toMatchObject({ id: newId, number: created.number });
    const onNew = (await portalCase(w.mine.client, newId)).body.discipline?.links;
    expect(onNew?.[0]?.linkedCase?.id).toBe(w.caseId);
    // A separate link is done when its case is solved; it cannot be ticked.
    expect((await w.ws.admin.patch(`/api/cases/${w.caseId}/links/${link?.id}`, { done: true })).status).toBe(
      400,
    );
    await solve(w.ws, newId);
    expect((await staffCase(w.ws, w.caseId)).discipline?.links[0]?.done).toBe(true);
    // The other customer's contact sees neither case.
    expect((await portalCase(w.foreign.client, newId)).status).toBe(404);
  });

  it('never shows the contact another customer’s case through a link', async () => {
    const w = await world();
    const res = await w.ws.admin.post<D>(`/api/cases/${w.caseId}/links`, {
      kind: 'blocking',
      title: '等待乙方接口',
      linkedCaseId: w.otherCaseId,
    });
    expect(res.body.links[0]?.linkedCase?.id).toBe(w.otherCaseId);
    const mine = await portalCase(w.mine.client, w.caseId);
    expect(mine.body.discipline?.links).toEqual([
      expect.objectContaining({ title: '等待乙方接口', linkedCase: null }),
    ]);
    const text = JSON.stringify(mine.body);
    expect(text).not.toContain(w.otherCaseId);
    // On the other customer's case, staff see the incoming link; that customer's contact does not.
    expect((await staffCase(w.ws, w.otherCaseId)).discipline?.links[0]).toMatchObject({
      direction: 'incoming',
    });
    const theirs = await portalCase(w.foreign.client, w.otherCaseId);
    expect(theirs.body.discipline?.links).toEqual([]);
    expect(JSON.stringify(theirs.body)).not.toContain(w.caseId);
    // Unknown or self references are refused, nothing written.
    const self = await w.ws.admin.post<ErrorReply>(`/api/cases/${w.caseId}/links`, {
      kind: 'blocking',
      title: 'x',
      linkedCaseId: w.caseId,
    });
    expect(self.status).toBe(400);
    expect((await staffCase(w.ws, w.caseId)).discipline?.links).toHaveLength(1);
  });
});

describe('checkpoints', () => {
  it('reminds once before, flags missed once, on both sides; a new date starts over', async () => {
    const w = await world();
    const workspaceIds = [w.ws.me.workspace.id];
    t.clock.set(cst('2026-03-16T09:00:00'));
    const added = await w.ws.admin.post<D>(`/api/cases/${w.caseId}/checkpoints`, {
      title: '寄出备件',
      dueAt: cst('2026-03-18T10:00:00'),
      note: '顺丰',
    });
    expect(added.status).toBe(201);
    const cp = added.body.checkpoints[0];
    expect(cp).toMatchObject({ title: '寄出备件', missed: false, doneAt: null, version: 1 });
    const seen = (await portalCase(w.mine.client, w.caseId)).body.discipline?.checkpoints[0];
    expect(seen).toMatchObject({ title: '寄出备件', dueAt: cst('2026-03-18T10:00:00'), note: '顺丰' });
    expect(seen).not.toHaveProperty('version');

    const sweep = async (local: string) =>
      (await runDisciplineSweep(t.app.deps, new Date(cst(local)), { workspaceIds })).recorded
        .filter((r) => r.subjectId === cp?.id)
        .map((r) => r.event);
    expect(await sweep('2026-03-17T09:59:00')).toEqual([]);
    expect(await sweep('2026-03-17T10:00:00')).toEqual(['checkpoint.due_soon']);
    expect(await sweep('2026-03-17T10:00:00')).toEqual([]);
    expect(await sweep('2026-03-18T09:59:00')).toEqual([]);
    expect(await sweep('2026-03-18T10:00:00')).toEqual(['checkpoint.missed']);
    expect(await sweep('2026-03-18T11:00:00')).toEqual([]);
    expect((await outbox(w.ws, 'checkpoint.')).map((e) => e.type)).toEqual([
      'checkpoint.due_soon',
      'checkpoint.missed',
    ]);
    expect((await staffCase(w.ws, w.caseId)).discipline?.checkpoints[0]?.missed).toBe(true);
    expect((await portalCase(w.mine.client, w.caseId)).body.discipline?.checkpoints[0]?.missed).toBe(true);

    // The contact acknowledges; another customer's contact cannot.
    const foreign = await w.foreign.client.post(
      `/api/portal/cases/${w.caseId}/checkpoints/${cp?.id}/acknowledge`,
    );
    expect(foreign.status).toBe(404);
    const ack = await w.mine.client.post<D>(
      `/api/portal/cases/${w.caseId}/checkpoints/${cp?.id}/acknowledge`,
    );
    expect(ack.status).toBe(200);
    expect(ack.body.checkpoints[0]?.acknowledgedBy).toBe(w.mine.contact.name);
    // The acknowledgement does not make staff's version stale, and a staff edit keeps it.
    const noted = await w.ws.admin.patch<D>(`/api/cases/${w.caseId}/checkpoints/${cp?.id}`, {
      note: '顺丰，单号稍后补充',
      version: 1,
    });
    expect(noted.status).toBe(200);
    expect(noted.body.checkpoints[0]).toMatchObject({ acknowledgedBy: w.mine.contact.name, version: 2 });

    // A stale version is refused; a new date clears the flag and reminds again.
    const stale = await w.ws.admin.patch<ErrorReply>(`/api/cases/${w.caseId}/checkpoints/${cp?.id}`, {
      dueAt: cst('2026-03-20T10:00:00'),
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    const current = (await staffCase(w.ws, w.caseId)).discipline?.checkpoints[0];
    const moved = await w.ws.admin.patch<D>(`/api/cases/${w.caseId}/checkpoints/${cp?.id}`, {
      dueAt: cst('2026-03-20T10:00:00'),
      version: current?.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.checkpoints[0]).toMatchObject({ missed: false, acknowledgedAt: null });
    expect(await sweep('2026-03-19T10:00:00')).toEqual(['checkpoint.due_soon']);
    // Done before the date: never missed.
    const done = await w.ws.admin.patch<D>(`/api/cases/${w.caseId}/checkpoints/${cp?.id}`, {
      done: true,
      version: moved.body.checkpoints[0]?.version,
    });
    expect(done.body.checkpoints[0]?.doneAt).not.toBeNull();
    expect(await sweep('2026-03-20T11:00:00')).toEqual([]);
    expect((await staffCase(w.ws, w.caseId)).discipline?.checkpoints[0]?.missed).toBe(false);
  });

  it('uses the workspace lead time, and runs once across concurrent sweeps', async () => {
    const w = await world();
    const workspaceIds = [w.ws.me.workspace.id];
    const settings = (await w.ws.admin.get<DisciplineSettings>('/api/discipline/settings')).body;
    expect(settings).toEqual({
      checkpointLeadMinutes: 1440,
      summaryHoursS1: 4,
      summaryHoursS2: 8,
      version: 0,
    });
    const saved = await w.ws.admin.put<DisciplineSettings>('/api/discipline/settings', {
      ...settings,
      checkpointLeadMinutes: 60,
    });
    expect(saved.status).toBe(200);
    expect(
      (
        await w.ws.admin.put<ErrorReply>('/api/discipline/settings', {
          ...settings,
          checkpointLeadMinutes: 5,
        })
      ).status,
    ).toBe(409);
    t.clock.set(cst('2026-03-16T09:00:00'));
    await w.ws.admin.post(`/api/cases/${w.caseId}/checkpoints`, {
      title: '上门',
      dueAt: cst('2026-03-16T15:00:00'),
    });
    const at = (local: string) => runDisciplineSweep(t.app.deps, new Date(cst(local)), { workspaceIds });
    expect((await at('2026-03-16T13:59:00')).recorded).toEqual([]);
    const runs = await Promise.all([
      at('2026-03-16T14:00:00'),
      at('2026-03-16T14:00:00'),
      at('2026-03-16T14:00:00'),
    ]);
    expect(runs.flatMap((r) => r.recorded).map((r) => r.event)).toEqual(['checkpoint.due_soon']);
    expect(await outbox(w.ws, 'checkpoint.')).toHaveLength(1);
  });
});

describe('status summary schedule', () => {
  it('counts every N service hours with the case calendar, emits summary.due once per period, resets on a summary', async () => {
    t.clock.set(cst('2026-03-16T09:00:00'));
    const w = await world('S1');
    const workspaceIds = [w.ws.me.workspace.id];
    // S1: every 4 service hours. Monday 09:00 + 4 h = 12:00 (3 h) + 13:30 → 14:30.
    let d = (await staffCase(w.ws, w.caseId)).discipline;
    expect(d?.summarySchedule).toEqual({
      everyHours: 4,
      custom: false,
      nextDueAt: cst('2026-03-16T14:30:00'),
      overdue: false,
    });
    expect((await portalCase(w.mine.client, w.caseId)).body.discipline?.summarySchedule).toEqual({
      everyHours: 4,
      custom: false,
      nextDueAt: cst('2026-03-16T14:30:00'),
    });
    const sweep = async (local: string) =>
      (await runDisciplineSweep(t.app.deps, new Date(cst(local)), { workspaceIds })).recorded
        .filter((r) => r.caseId === w.caseId && r.event === 'summary.due')
        .map((r) => r.event);
    expect(await sweep('2026-03-16T14:29:00')).toEqual([]);
    expect(await sweep('2026-03-16T14:30:00')).toEqual(['summary.due']);
    expect(await sweep('2026-03-16T16:00:00')).toEqual([]);
    t.clock.set(cst('2026-03-16T15:00:00'));
    expect((await staffCase(w.ws, w.caseId)).discipline?.summarySchedule?.overdue).toBe(true);

    // A summary at 15:00 resets the clock: 15:00–18:00 (3 h) + Tuesday 09:00–10:00.
    d = (await w.ws.admin.post<D>(`/api/cases/${w.caseId}/summaries`, SUMMARY)).body;
    expect(d?.summarySchedule).toMatchObject({ nextDueAt: cst('2026-03-17T10:00:00'), overdue: false });
    expect(await sweep('2026-03-17T09:59:00')).toEqual([]);
    expect(await sweep('2026-03-17T10:00:00')).toEqual(['summary.due']);
    expect(await sweep('2026-03-17T10:00:00')).toEqual([]);

    // The case's own schedule: every 2 h from when it was set (10:30) → 12:00 (1.5 h) + 13:30–14:00.
    t.clock.set(cst('2026-03-17T10:30:00'));
    d = (await w.ws.admin.put<D>(`/api/cases/${w.caseId}/summary-schedule`, { everyHours: 2 })).body;
    expect(d?.summarySchedule).toEqual({
      everyHours: 2,
      custom: true,
      nextDueAt: cst('2026-03-17T14:00:00'),
      overdue: false,
    });
    // Off for this case, then back to the default.
    d = (await w.ws.admin.put<D>(`/api/cases/${w.caseId}/summary-schedule`, { everyHours: null })).body;
    expect(d?.summarySchedule).toEqual({ everyHours: null, custom: true, nextDueAt: null, overdue: false });
    expect(await sweep('2026-03-18T10:00:00')).toEqual([]);
    expect((await portalCase(w.mine.client, w.caseId)).body.discipline?.summarySchedule).toBeNull();
    d = (
      await w.ws.admin.put<D>(`/api/cases/${w.caseId}/summary-schedule`, {
        everyHours: null,
        useDefault: true,
      })
    ).body;
    expect(d?.summarySchedule).toMatchObject({ everyHours: 4, custom: false });
    const events = (await outbox(w.ws, 'summary.')).filter((e) => e.payload.caseId === w.caseId);
    expect(events.map((e) => e.payload.dueAt)).toEqual([
      cst('2026-03-16T14:30:00'),
      cst('2026-03-17T10:00:00'),
    ]);
  });

  it('has no schedule for S3 by default and none once solved', async () => {
    t.clock.set(cst('2026-03-16T09:00:00'));
    const w = await world('S2');
    const s3 = await w.open(w.a.id, null, 'S3');
    expect((await staffCase(w.ws, s3.id)).discipline?.summarySchedule).toMatchObject({
      everyHours: null,
      nextDueAt: null,
    });
    expect((await staffCase(w.ws, w.caseId)).discipline?.summarySchedule?.everyHours).toBe(8);
    // An S3 case with a schedule of its own is swept too (09:00 + 1 service hour).
    await w.ws.admin.put(`/api/cases/${s3.id}/summary-schedule`, { everyHours: 1 });
    const swept = await runDisciplineSweep(t.app.deps, new Date(cst('2026-03-16T10:00:00')), {
      workspaceIds: [w.ws.me.workspace.id],
    });
    expect(swept.recorded.filter((r) => r.caseId === s3.id).map((r) => r.event)).toEqual(['summary.due']);
    await solve(w.ws, w.caseId);
    expect((await staffCase(w.ws, w.caseId)).discipline?.summarySchedule?.nextDueAt).toBeNull();
  });
});

describe('confirmation by link', () => {
  async function sendLink(w: Awaited<ReturnType<typeof world>>) {
    const sent: MailMessage[] = [];
    const spy = vi.spyOn(t.app.deps.mailer, 'sendLater').mockImplementation((m) => void sent.push(m));
    try {
      const res = await w.ws.admin.post<{ sentTo: string; expiresAt: string } & ErrorReply>(
        `/api/cases/${w.caseId}/agreement/send`,
      );
      return {
        res,
        mail: sent[0],
        token: sent[0]
          ? (new URL(/https?:\/\/\S+/.exec(sent[0].text)?.[0] ?? '').searchParams.get('token') ?? '')
          : '',
      };
    } finally {
      spy.mockRestore();
    }
  }
  const anon = () => new Client(t.app);
  const agree = async (ws: Workspace, id: string, text: string) => {
    const version = (await staffCase(ws, id)).discipline?.agreement?.version ?? 0;
    return ws.admin.put<D>(`/api/cases/${id}/agreement`, { text, version });
  };

  it('mails a single-use link; the public page shows and confirms the agreement "via link"', async () => {
    const w = await world();
    await agree(w.ws, w.caseId, '三个工作日内更换适配器');
    const { res, mail, token } = await sendLink(w);
    expect(res.status).toBe(200);
    expect(res.body.sentTo).toBe(w.mine.contact.email);
    expect(mail?.to).toBe(w.mine.contact.email);
    expect(mail?.text).toContain('三个工作日内更换适配器');
    expect(token).toMatch(/\./);
    const stored = await t.database.db
      .selectFrom('one_time_tokens')
      .select('token_hash')
      .where('workspace_id', '=', w.ws.me.workspace.id)
      .where('purpose', '=', 'agreement-confirm')
      .execute();
    expect(
      stored.some((r) => token.includes(r.token_hash) || r.token_hash.includes(token.split('.')[1] ?? '?')),
    ).toBe(false);

    const view = await anon().post<AgreementLinkView>('/api/public/agreement-link', { token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ text: '三个工作日内更换适配器', confirmedAt: null });
    t.clock.advance(60_000);
    const confirmed = await anon().post<AgreementLinkView>('/api/public/agreement-link/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ confirmedAt: t.clock.now().toISOString(), confirmedVia: 'link' });
    const agreement = (await staffCase(w.ws, w.caseId)).discipline?.agreement;
    expect(agreement).toMatchObject({ confirmedBy: w.mine.contact.name, confirmedVia: 'link' });
    const again = await anon().post<ErrorReply>('/api/public/agreement-link/confirm', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('token_invalid');
    expect((await anon().post('/api/public/agreement-link', { token })).status).toBe(400);
    const events = await outbox(w.ws, 'case.agreement_confirmed');
    expect(events[0]?.payload).toMatchObject({ caseId: w.caseId, via: 'link' });
  });

  it('refuses an expired link, a link voided by a new agreement, and a replaced link', async () => {
    const w = await world();
    await agree(w.ws, w.caseId, '第一版');
    const expired = (await sendLink(w)).token;
    t.clock.advance(8 * 24 * 3_600_000);
    expect(
      (await anon().post<ErrorReply>('/api/public/agreement-link/confirm', { token: expired })).status,
    ).toBe(400);

    const replacedLink = (await sendLink(w)).token;
    const current = (await sendLink(w)).token;
    expect((await anon().post('/api/public/agreement-link', { token: replacedLink })).status).toBe(400);
    expect((await anon().post('/api/public/agreement-link', { token: current })).status).toBe(200);
    await agree(w.ws, w.caseId, '第二版');
    const voided = await anon().post<ErrorReply>('/api/public/agreement-link/confirm', { token: current });
    expect(voided.status).toBe(400);
    expect(voided.body.error.code).toBe('token_invalid');
    expect((await staffCase(w.ws, w.caseId)).discipline?.agreement).toMatchObject({
      text: '第二版',
      confirmedAt: null,
    });
    expect((await anon().post('/api/public/agreement-link', { token: 'garbage' })).status).toBe(400);
  });

  it('needs an unconfirmed agreement and a contact with an email', async () => {
    const w = await world();
    expect((await sendLink(w)).res.status).toBe(409);
    const noContact = await w.open(w.a.id, null);
    await agree(w.ws, noContact.id, '协议');
    const res = await w.ws.admin.post<ErrorReply>(`/api/cases/${noContact.id}/agreement/send`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('contact_unreachable');
  });
});

describe('optimistic concurrency of discipline writes', () => {
  it('answers 409 to stale agreement, plan and closing-summary writes and keeps the first', async () => {
    const w = await world();
    const id = w.caseId;
    const first = await w.ws.admin.put<D>(`/api/cases/${id}/agreement`, { text: '甲写的', version: 0 });
    expect(first.status).toBe(200);
    const stale = await w.ws.admin.put<ErrorReply>(`/api/cases/${id}/agreement`, {
      text: '乙写的',
      version: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await staffCase(w.ws, id)).discipline?.agreement).toMatchObject({ text: '甲写的', version: 1 });
    const next = await w.ws.admin.put<D>(`/api/cases/${id}/agreement`, { text: '乙重写', version: 1 });
    expect(next.body.agreement).toMatchObject({ text: '乙重写', version: 2 });

    const steps = [{ title: '重启', expectedResult: '正常' }];
    expect((await w.ws.admin.put<D>(`/api/cases/${id}/plan`, { steps, version: 0 })).body.planVersion).toBe(
      1,
    );
    const stalePlan = await w.ws.admin.put<ErrorReply>(`/api/cases/${id}/plan`, {
      steps: [{ title: '另一个计划', expectedResult: '' }],
      version: 0,
    });
    expect(stalePlan.status).toBe(409);
    expect((await staffCase(w.ws, id)).discipline?.plan.map((s) => s.title)).toEqual(['重启']);

    const c = await staffCase(w.ws, id);
    const winner = await w.ws.admin.patch<CaseDetail>(`/api/cases/${id}`, {
      status: 'solved',
      closingSummary: CLOSING,
      version: c.version,
    });
    expect(winner.status).toBe(200);
    const loser = await w.ws.admin.patch<ErrorReply>(`/api/cases/${id}`, {
      closingSummary: { ...CLOSING, cause: '别的原因' },
      version: c.version,
    });
    expect(loser.status).toBe(409);
    expect((await staffCase(w.ws, id)).discipline?.closingSummary?.cause).toBe(CLOSING.cause);
  });
});
