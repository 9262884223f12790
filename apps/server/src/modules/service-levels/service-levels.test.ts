import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type {
  CaseCharge,
  CaseDetail,
  CaseSla,
  Contact,
  Customer,
  PaidEscalationQuote,
  PortalCaseDetail,
  PortalServiceLevels,
  ServiceCalendar,
  ServiceSettings,
  SlaPolicy,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, fieldsOf, sessionFrom, type ErrorReply, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { runSlaSweep, SlaRepository } from '../sla/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/*
 * The standard calendar: Mon–Fri 09:00–12:00 and 13:30–18:00 Asia/Shanghai; March 2026 is an ordinary
 * month. Catch-all targets (service minutes): S3 first 240 / next 480 / resolution 2880; S2 120/240/1920.
 */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();
const CLOSING = { cause: '原因', fix: '处理', customerNotes: '须知' };

async function setup(tier: 'standard' | 'silver' | 'gold' | 'platinum' = 'standard') {
  const ws = await createWorkspace(t.app);
  const customer = (
    await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: unique('客户'), tier })
  ).body;
  return { ws, customer };
}

async function openCase(ws: Workspace, body: Record<string, unknown>): Promise<CaseDetail> {
  const res = await ws.admin.post<CaseDetail>('/api/cases', {
    subject: '设备故障',
    body: '无法开机',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function getCase(ws: Workspace, id: string): Promise<CaseDetail> {
  return (await ws.admin.get<CaseDetail>(`/api/cases/${id}`)).body;
}

async function patch(ws: Workspace, id: string, body: Record<string, unknown>) {
  const current = await getCase(ws, id);
  return ws.admin.patch<CaseDetail>(`/api/cases/${id}`, { version: current.version, ...body });
}

const due = (sla: CaseSla | null | undefined, kind: string) =>
  sla?.targets.find((x) => x.kind === kind)?.dueAt;

async function portalContact(ws: Workspace, customerId: string): Promise<Client> {
  const contact = (
    await ws.admin.post<Contact>('/api/contacts', {
      customerId,
      name: unique('联系人'),
      email: `${unique('c')}@customer.example.com`,
      companyWide: true,
    })
  ).body;
  const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.body.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return new Client(t.app, sessionFrom(accepted));
}

async function history(ws: Workspace, caseId: string): Promise<string[]> {
  const h = await ws.admin.get<{ items: Array<{ action: string }> }>(`/api/cases/${caseId}/history`);
  return h.body.items.map((i) => i.action);
}

async function caseRow(ws: Workspace, caseId: string) {
  return t.database.db
    .selectFrom('cases')
    .select(['next_sla_event_at', 'sla_applied_at', 'priority', 'next_deadline_at'])
    .where('workspace_id', '=', ws.me.workspace.id)
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
}

function settingsBody(s: ServiceSettings, changes: Partial<ServiceSettings> = {}) {
  const { currency: _c, actions: _a, ...rest } = { ...s, ...changes };
  return rest;
}

describe('service settings', () => {
  it('starts on the defaults, validates, needs sla.manage and the current version', async () => {
    const { ws, customer } = await setup('gold');
    const got = await ws.admin.get<ServiceSettings>('/api/service-settings');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      version: 0,
      reopenWindowDays: 7,
      currency: 'CNY',
      complaints: { acknowledgementHours: 24, repeatWindowDays: 90 },
      actions: ['update'],
    });
    expect(got.body.severities.S1.name).toEqual({ 'zh-CN': '紧急', en: 'Critical' });

    const dupKey = got.body.complaints.rootCauses[0];
    const bad = await ws.admin.put<ErrorReply>(
      '/api/service-settings',
      settingsBody(got.body, {
        complaints: { ...got.body.complaints, rootCauses: [...got.body.complaints.rootCauses, dupKey!] },
        paidEscalation: { ...got.body.paidEscalation, prices: { S1: 100, S2: 500, S3: 50 } },
      }),
    );
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual([
      `complaints/rootCauses/${got.body.complaints.rootCauses.length}/key:duplicate`,
      'paidEscalation/prices:invalid_value',
    ]);
    const zero = await ws.admin.put<ErrorReply>(
      '/api/service-settings',
      settingsBody(got.body, { reopenWindowDays: 0 }),
    );
    expect(zero.status).toBe(400);

    const agent = await createStaff(t.app, ws, 'agent');
    expect((await agent.client.put('/api/service-settings', settingsBody(got.body))).status).toBe(403);
    expect((await agent.client.get<ServiceSettings>('/api/service-settings')).body.actions).toEqual([]);

    const saved = await ws.admin.put<ServiceSettings>(
      '/api/service-settings',
      settingsBody(got.body, { reopenWindowDays: 3 }),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, reopenWindowDays: 3 });
    expect((await ws.admin.put('/api/service-settings', settingsBody(got.body))).status).toBe(409);

    const portal = await portalContact(ws, customer.id);
    const levels = await portal.get<PortalServiceLevels>('/api/portal/service-levels');
    expect(levels.status).toBe(200);
    expect(levels.body).toMatchObject({ entitlement: 'S2', currency: 'CNY', prices: { S1: 200_000 } });
    expect(levels.body.severities.S4.description.en).toContain('question');
  });

  it('reopens a solved case only within the workspace’s reopen window', async () => {
    const { ws, customer } = await setup();
    const s = (await ws.admin.get<ServiceSettings>('/api/service-settings')).body;
    await ws.admin.put('/api/service-settings', settingsBody(s, { reopenWindowDays: 2 }));
    const portal = await portalContact(ws, customer.id);
    t.clock.set(cst('2026-03-16T10:00:00'));
    const a = (await portal.post<PortalCaseDetail>('/api/portal/cases', { subject: 'A', body: 'a' })).body;
    const b = (await portal.post<PortalCaseDetail>('/api/portal/cases', { subject: 'B', body: 'b' })).body;
    for (const id of [a.id, b.id])
      expect((await patch(ws, id, { status: 'solved', closingSummary: CLOSING })).status).toBe(200);
    t.clock.set(cst('2026-03-18T09:00:00')); // 47 hours later
    const within = await portal.post<PortalCaseDetail>(`/api/portal/cases/${a.id}/messages`, {
      body: '还是不行',
    });
    expect(within.status).toBe(201);
    expect(within.body.status).toBe('open');
    t.clock.set(cst('2026-03-18T11:00:00')); // 49 hours: past the 2 days (the default 7 would allow it)
    const late = await portal.post<ErrorReply>(`/api/portal/cases/${b.id}/messages`, { body: '还是不行' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('reopen_window_passed');
  });
});

describe('recompute on change', () => {
  it('moves the due instants of open cases when their policy or calendar changes, with an audit entry', async () => {
    const { ws, customer } = await setup();
    t.clock.set(cst('2026-03-16T10:00:00'));
    const c = await openCase(ws, { customerId: customer.id, severity: 'S3' });
    const solved = await openCase(ws, { customerId: customer.id, severity: 'S3' });
    expect((await patch(ws, solved.id, { status: 'solved', closingSummary: CLOSING })).status).toBe(200);
    // 10:00 + 240: 10:00–12:00 and 13:30–15:30.
    expect(due(c.sla, 'first_response')).toBe(cst('2026-03-16T15:30:00'));

    const policies = (await ws.admin.get<SlaPolicy[]>('/api/sla-policies')).body;
    const standard = policies.find((p) => p.name === '标准服务') as SlaPolicy;
    const changed = await ws.admin.patch<SlaPolicy>(`/api/sla-policies/${standard.id}`, {
      version: standard.version,
      targets: { ...standard.targets, S3: { ...standard.targets.S3, firstResponse: 120 } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const afterPolicy = await getCase(ws, c.id);
    expect(due(afterPolicy.sla, 'first_response')).toBe(cst('2026-03-16T12:00:00'));
    expect(afterPolicy.nextDeadlineAt).toBe(cst('2026-03-16T12:00:00'));
    expect(await history(ws, c.id)).toContain('sla_recomputed');
    expect(await history(ws, solved.id)).not.toContain('sla_recomputed');

    // The calendar: Monday becomes one long shift 09:00–18:00, so 10:00 + 120 is 12:00 still, but the
    // resolution (2880 min) moves earlier.
    const resolutionBefore = due(afterPolicy.sla, 'resolution') as string;
    const cals = (await ws.admin.get<ServiceCalendar[]>('/api/calendars')).body;
    const cal = cals.find((x) => x.isDefault) as ServiceCalendar;
    const long = [{ start: '09:00', end: '18:00' }];
    const weekly = [[], long, long, long, long, long, []];
    const upd = await ws.admin.patch<ServiceCalendar>(`/api/calendars/${cal.id}`, {
      version: cal.version,
      spec: { ...cal.spec, weekly },
    });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    const afterCal = await getCase(ws, c.id);
    // 9 h a day: 10:00 Mon + 2880 min = 48 h of service = 5 days and 3 h → Monday 23rd 13:00.
    expect(due(afterCal.sla, 'resolution')).toBe(cst('2026-03-23T13:00:00'));
    expect(Date.parse(due(afterCal.sla, 'resolution') as string)).toBeLessThan(Date.parse(resolutionBefore));
    expect((await history(ws, c.id)).filter((a) => a === 'sla_recomputed').length).toBe(2);
  });

  it('backfills cases that never had clocks (opened before 0004) through the engine', async () => {
    const { ws, customer } = await setup();
    t.clock.set(cst('2026-03-16T09:00:00'));
    const c = await openCase(ws, { customerId: customer.id, severity: 'S3' });
    // Make it look like a case from before migration 0004.
    const wid = ws.me.workspace.id;
    await t.database.db
      .deleteFrom('case_sla')
      .where('workspace_id', '=', wid)
      .where('case_id', '=', c.id)
      .execute();
    await t.database.db
      .updateTable('cases')
      .set({ sla_applied_at: null, next_deadline_at: null, next_sla_event_at: null })
      .where('workspace_id', '=', wid)
      .where('id', '=', c.id)
      .execute();
    expect((await getCase(ws, c.id)).sla).toBeNull();
    await runSlaSweep(t.app.deps, new Date(cst('2026-03-16T10:00:00')), { workspaceIds: [wid] });
    const back = await getCase(ws, c.id);
    // Counted from the case's creation, not from the backfill.
    expect(due(back.sla, 'first_response')).toBe(cst('2026-03-16T14:30:00'));
    expect(back.nextDeadlineAt).toBe(cst('2026-03-16T14:30:00'));
    expect((await caseRow(ws, c.id)).sla_applied_at).not.toBeNull();
    expect(await history(ws, c.id)).toContain('sla_backfilled');
    // Once applied it is not backfilled again.
    await runSlaSweep(t.app.deps, new Date(cst('2026-03-16T10:05:00')), { workspaceIds: [wid] });
    expect((await history(ws, c.id)).filter((a) => a === 'sla_backfilled').length).toBe(1);
  });
});

describe('the sweep reads only due cases', () => {
  it('stores the next SLA event, picks only cases whose event is due, and its query uses the index', async () => {
    const { ws, customer } = await setup();
    const wid = ws.me.workspace.id;
    t.clock.set(cst('2026-03-16T09:00:00'));
    const c = await openCase(ws, { customerId: customer.id, severity: 'S3' });
    // 75 % of 240 → 12:00; 90 % → 14:06; breach 14:30.
    expect((await caseRow(ws, c.id)).next_sla_event_at).toBe(cst('2026-03-16T12:00:00'));
    const sweep = async (local: string) =>
      (await runSlaSweep(t.app.deps, new Date(cst(local)), { workspaceIds: [wid] })).recorded.map(
        (r) => `${r.kind}:${r.event}`,
      );
    expect(await sweep('2026-03-16T12:00:00')).toEqual(['first_response:warning_75']);
    expect((await caseRow(ws, c.id)).next_sla_event_at).toBe(cst('2026-03-16T14:06:00'));

    // A case whose stored next event lies in the future is not read, even if its clock says otherwise.
    await t.database.db
      .updateTable('cases')
      .set({ next_sla_event_at: cst('2026-04-30T00:00:00') })
      .where('workspace_id', '=', wid)
      .where('id', '=', c.id)
      .execute();
    expect(await sweep('2026-03-16T15:00:00')).toEqual([]);
    await t.database.db
      .updateTable('cases')
      .set({ next_sla_event_at: cst('2026-03-16T14:06:00') })
      .where('workspace_id', '=', wid)
      .where('id', '=', c.id)
      .execute();
    expect(await sweep('2026-03-16T15:00:00')).toEqual([
      'first_response:warning_90',
      'first_response:breached',
    ]);

    // Paused cases have no next event.
    expect((await patch(ws, c.id, { status: 'pending' })).status).toBe(200);
    expect((await caseRow(ws, c.id)).next_sla_event_at).toBeNull();

    const q = new SlaRepository(t.database.db, wid)
      .dueCaseSlasQuery(new Date().toISOString(), 100, null)
      .compile();
    const plan = await t.database.db.transaction().execute(async (tx) => {
      if (t.database.dialect === 'postgres') {
        // The plan must not depend on whether autovacuum has analysed these tiny tables yet: analyse them now,
        // then rule out a scan and a full sort, so only a plan that reads due cases in index order is cheap.
        await sql`analyze cases, case_sla`.execute(tx);
        await sql`set local enable_seqscan = off`.execute(tx);
        await sql`set local enable_sort = off`.execute(tx);
        const rows = await sql
          .raw<{ 'QUERY PLAN': string }>(`explain ${inline(q.sql, q.parameters, 'pg')}`)
          .execute(tx);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      }
      const rows = await sql
        .raw<{ detail: string }>(`explain query plan ${inline(q.sql, q.parameters, 'sqlite')}`)
        .execute(tx);
      return rows.rows.map((r) => r.detail).join('\n');
    });
    expect(plan, plan).toContain('ix_cases_next_sla_event');
  });
});

/** The compiled query with its parameters written in (strings and numbers only), for EXPLAIN. */
function inline(text: string, params: readonly unknown[], dialect: 'pg' | 'sqlite'): string {
  const lit = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  if (dialect === 'pg') return text.replace(/\$(\d+)/g, (_m, n: string) => lit(params[Number(n) - 1]));
  let i = 0;
  return text.replace(/\?/g, () => lit(params[i++]));
}

describe('priority', () => {
  it('defaults from severity, is settable, and a breach raises it one level once per target', async () => {
    const { ws, customer } = await setup();
    const wid = ws.me.workspace.id;
    t.clock.set(cst('2026-03-16T09:00:00'));
    expect((await openCase(ws, { customerId: customer.id, severity: 'S1' })).priority).toBe('urgent');
    expect((await openCase(ws, { customerId: customer.id, severity: 'S3', priority: 'low' })).priority).toBe(
      'low',
    );
    const c = await openCase(ws, { customerId: customer.id, severity: 'S3' });
    expect(c.priority).toBe('normal');
    const set = await patch(ws, c.id, { priority: 'low' });
    expect(set.body.priority).toBe('low');
    expect((await patch(ws, c.id, { priority: 'normal' })).body.priority).toBe('normal');
    const bad = await patch(ws, c.id, { priority: 'asap' });
    expect(bad.status).toBe(400);

    const sweep = (local: string) => runSlaSweep(t.app.deps, new Date(cst(local)), { workspaceIds: [wid] });
    await sweep('2026-03-16T14:30:00'); // first response breached
    expect((await getCase(ws, c.id)).priority).toBe('high');
    await sweep('2026-03-16T15:00:00');
    await sweep('2026-03-17T10:00:00');
    expect((await getCase(ws, c.id)).priority).toBe('high');
    await sweep('2026-03-31T12:00:00'); // resolution breached
    const last = await getCase(ws, c.id);
    expect(last.priority).toBe('urgent');
    expect((await history(ws, c.id)).filter((a) => a === 'priority_bumped').length).toBe(2);
    const bumps = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('workspace_id', '=', wid)
      .where('type', '=', 'case.priority_bumped')
      .orderBy('created_at')
      .execute();
    expect(
      bumps
        .map((b) => JSON.parse(b.payload) as Record<string, string>)
        .filter((p) => p.caseId === c.id)
        .map((p) => `${p.kind}:${p.from}>${p.to}`),
    ).toEqual(['first_response:normal>high', 'resolution:high>urgent']);
    const queue = (await ws.admin.get<PageReply<CaseDetail>>('/api/cases')).body;
    expect(queue.items.find((x) => x.id === c.id)?.priority).toBe('urgent');
  });
});

describe('paid escalation', () => {
  it('refuses without accepting the charge, records the charge and recomputes the targets', async () => {
    const { ws, customer } = await setup(); // standard tier: entitled to S3
    const portal = await portalContact(ws, customer.id);
    t.clock.set(cst('2026-03-16T10:00:00'));
    const pc = (
      await portal.post<PortalCaseDetail>('/api/portal/cases', {
        subject: '停机',
        body: '停机',
        severity: 'S3',
      })
    ).body;
    const quote = await portal.get<PaidEscalationQuote>(`/api/portal/cases/${pc.id}/paid-escalation`);
    expect(quote.body).toEqual({
      entitlement: 'S3',
      current: 'S3',
      currency: 'CNY',
      options: [
        { severity: 'S1', amountCents: 200_000 },
        { severity: 'S2', amountCents: 80_000 },
      ],
    });

    const refused = await portal.post<ErrorReply>(`/api/portal/cases/${pc.id}/paid-escalations`, {
      severity: 'S2',
      acceptCharge: false,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('charge_not_accepted');
    expect((await getCase(ws, pc.id)).severity).toBe('S3');
    expect((await portal.get<CaseCharge[]>(`/api/portal/cases/${pc.id}/charges`)).body).toEqual([]);

    const ok = await portal.post<CaseCharge>(`/api/portal/cases/${pc.id}/paid-escalations`, {
      severity: 'S2',
      acceptCharge: true,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({
      kind: 'paid_escalation',
      fromSeverity: 'S3',
      toSeverity: 'S2',
      amountCents: 80_000,
      currency: 'CNY',
      requestedByType: 'contact',
    });
    const after = await getCase(ws, pc.id);
    expect(after.severity).toBe('S2');
    // S2 first response 120 from 10:00 → 12:00 (it was 15:30 under S3).
    expect(due(after.sla, 'first_response')).toBe(cst('2026-03-16T12:00:00'));
    expect(await history(ws, pc.id)).toContain('paid_escalation');

    // An agent on the customer's behalf; within or not above the current severity is refused.
    const same = await ws.admin.post<ErrorReply>(`/api/cases/${pc.id}/paid-escalations`, {
      severity: 'S3',
      acceptCharge: true,
    });
    expect(fieldsOf(same)).toEqual(['severity:not_higher']);
    const s1 = await ws.admin.post<CaseCharge>(`/api/cases/${pc.id}/paid-escalations`, {
      severity: 'S1',
      acceptCharge: true,
    });
    expect(s1.status).toBe(201);
    expect(s1.body.requestedByType).toBe('user');
    const staffList = (await ws.admin.get<CaseCharge[]>(`/api/cases/${pc.id}/charges`)).body;
    expect(staffList.map((x) => `${x.fromSeverity}>${x.toSeverity}:${x.amountCents}`)).toEqual([
      'S3>S2:80000',
      'S2>S1:200000',
    ]);
    expect((await portal.get<CaseCharge[]>(`/api/portal/cases/${pc.id}/charges`)).body).toHaveLength(2);

    const gold = await setup('gold'); // entitled to S2
    const g = await openCase(gold.ws, { customerId: gold.customer.id, severity: 'S3' });
    const within = await gold.ws.admin.post<ErrorReply>(`/api/cases/${g.id}/paid-escalations`, {
      severity: 'S2',
      acceptCharge: true,
    });
    expect(fieldsOf(within)).toEqual(['severity:not_above_entitlement']);
  });
});

describe('complaints', () => {
  it('escalates to the managers at creation and tracks a 24-hour acknowledgement target', async () => {
    const { ws, customer } = await setup();
    const wid = ws.me.workspace.id;
    const manager = await createStaff(t.app, ws, 'manager');
    t.clock.set(cst('2026-03-16T09:00:00'));
    const c = await openCase(ws, { customerId: customer.id, type: 'complaint', severity: 'S3' });
    expect(due(c.sla, 'acknowledgement')).toBe(cst('2026-03-17T09:00:00'));
    const level = await t.database.db
      .selectFrom('case_sla')
      .select('escalation_level')
      .where('workspace_id', '=', wid)
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(level.escalation_level).toBe(2);
    const escalated = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('workspace_id', '=', wid)
      .where('type', '=', 'sla.escalated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(escalated.payload)).toMatchObject({
      caseId: c.id,
      reason: 'complaint',
      escalationLevel: 2,
      escalateTo: [manager.id],
    });
    expect(await history(ws, c.id)).toContain('escalated');

    const ack = async (local: string) =>
      (await runSlaSweep(t.app.deps, new Date(cst(local)), { workspaceIds: [wid] })).recorded
        .filter((r) => r.kind === 'acknowledgement')
        .map((r) => r.event);
    // Wall-clock time: 75 % of 24 h is 18 h → 03:00 at night.
    expect(await ack('2026-03-17T02:59:00')).toEqual([]);
    expect(await ack('2026-03-17T03:00:00')).toEqual(['warning_75']);
    expect(await ack('2026-03-17T09:00:00')).toEqual(['warning_90', 'breached']);
    t.clock.set(cst('2026-03-17T09:30:00'));
    const breached = await getCase(ws, c.id);
    expect(breached.sla?.targets.find((x) => x.kind === 'acknowledgement')?.state).toBe('breached');

    // A public reply meets it on the next complaint.
    const d = await openCase(ws, { customerId: customer.id, type: 'complaint' });
    await ws.admin.post(`/api/cases/${d.id}/messages`, { body: '已收到，正在处理', visibility: 'public' });
    const met = await getCase(ws, d.id);
    expect(met.sla?.targets.find((x) => x.kind === 'acknowledgement')?.state).toBe('met');
  });

  it('requires a root cause and corrective action to solve, and flags repeats', async () => {
    t.clock.set(cst('2026-03-25T09:00:00')); // sign in between the dates below (sessions expire)
    const { ws, customer } = await setup();
    const other = (
      await ws.admin.post<Customer>('/api/customers', {
        code: unique('C'),
        name: unique('客户'),
        tier: 'standard',
      })
    ).body;
    t.clock.set(cst('2026-03-10T09:00:00'));
    const first = await openCase(ws, { customerId: customer.id, type: 'complaint' });
    expect(first.complaint).toEqual({
      rootCause: null,
      correctiveAction: null,
      repeat: { sameCustomer: [], sameRootCause: [] },
    });
    const missing = await patch(ws, first.id, { status: 'solved', closingSummary: CLOSING });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing)).toEqual([
      'complaint/correctiveAction:required',
      'complaint/rootCause:required',
    ]);
    const unknown = await patch(ws, first.id, {
      status: 'solved',
      closingSummary: CLOSING,
      complaint: { rootCause: 'aliens', correctiveAction: '培训' },
    });
    expect(fieldsOf(unknown)).toEqual(['complaint/rootCause:unknown_root_cause']);
    expect((await getCase(ws, first.id)).status).toBe('new');
    const solved = await patch(ws, first.id, {
      status: 'solved',
      closingSummary: CLOSING,
      complaint: { rootCause: 'service_delay', correctiveAction: '增加值班工程师' },
    });
    expect(solved.status, JSON.stringify(solved.body)).toBe(200);
    expect(solved.body.complaint).toMatchObject({
      rootCause: 'service_delay',
      correctiveAction: '增加值班工程师',
    });
    // Closing later needs nothing more: it is stored.
    expect((await patch(ws, first.id, { status: 'closed' })).status).toBe(200);

    t.clock.set(cst('2026-04-05T09:00:00')); // 26 days later: within the 90-day window
    const second = await openCase(ws, { customerId: customer.id, type: 'complaint' });
    expect(second.complaint?.repeat.sameCustomer).toEqual([first.number]);
    const third = await openCase(ws, { customerId: other.id, type: 'complaint' });
    expect(third.complaint?.repeat.sameCustomer).toEqual([]);
    await patch(ws, third.id, {
      status: 'solved',
      closingSummary: CLOSING,
      complaint: { rootCause: 'service_delay', correctiveAction: '调整排班' },
    });
    const thirdAfter = await getCase(ws, third.id);
    expect(thirdAfter.complaint?.repeat.sameRootCause).toEqual([first.number]);
    const queue = (await ws.admin.get<PageReply<CaseDetail>>('/api/cases?view=all')).body;
    expect(queue.items.find((x) => x.id === first.id)?.complaint?.repeat).toEqual({
      sameCustomer: [second.number],
      sameRootCause: [third.number],
    });
    // A question is not a complaint: no complaint part, no requirements.
    const q = await openCase(ws, { customerId: customer.id });
    expect(q.complaint).toBeNull();

    // The window is the workspace's: at 20 days the complaint 26 days earlier is no repeat.
    const s = (await ws.admin.get<ServiceSettings>('/api/service-settings')).body;
    const narrowed = await ws.admin.put('/api/service-settings', {
      ...settingsBody(s),
      complaints: { ...s.complaints, repeatWindowDays: 20 },
    });
    expect(narrowed.status).toBe(200);
    expect((await getCase(ws, second.id)).complaint?.repeat.sameCustomer).toEqual([]);
  });
});
