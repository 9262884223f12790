import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseCharge,
  CaseDetail,
  Contact,
  Customer,
  PortalCaseDetail,
  PortalServiceLevels,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type ErrorReply } from '../../../test/client.js';
import { createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/*
 * Opening a portal case above the customer's entitlement is a paid escalation. The standard calendar:
 * Mon–Fri 09:00–12:00 and 13:30–18:00 Asia/Shanghai; catch-all first-response targets (service minutes):
 * S1 60, S2 120, S3 240.
 */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

async function setup(tier: 'standard' | 'gold' = 'standard') {
  const ws = await createWorkspace(t.app);
  const customer = (
    await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: unique('客户'), tier })
  ).body;
  const contact = (
    await ws.admin.post<Contact>('/api/contacts', {
      customerId: customer.id,
      name: unique('联系人'),
      email: `${unique('c')}@customer.example.com`,
    })
  ).body;
  const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
  const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.body.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return { ws, customer, contact, portal: new Client(t.app, sessionFrom(accepted)) };
}

async function counts(ws: Workspace) {
  const wid = ws.me.workspace.id;
  const n = async (table: 'cases' | 'case_charges' | 'outbox') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspace_id', '=', wid)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { cases: await n('cases'), charges: await n('case_charges'), events: await n('outbox') };
}

async function events(ws: Workspace, type: string) {
  const rows = await t.database.db
    .selectFrom('outbox')
    .select('payload')
    .where('workspace_id', '=', ws.me.workspace.id)
    .where('type', '=', type)
    .execute();
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

const due = (c: CaseDetail, kind: string) => c.sla?.targets.find((x) => x.kind === kind)?.dueAt;

describe('paid escalation at case creation (portal)', () => {
  it('refuses a severity above the entitlement without accepting the charge, and writes nothing', async () => {
    const { ws, portal } = await setup(); // standard: entitled to S3
    const before = await counts(ws);
    for (const acceptCharge of [undefined, false]) {
      const res = await portal.post<ErrorReply>('/api/portal/cases', {
        subject: '停机',
        body: '整线停机',
        severity: 'S1',
        ...(acceptCharge === undefined ? {} : { acceptCharge }),
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('charge_not_accepted');
      expect(res.body.error.details).toEqual({ amountCents: 200_000, currency: 'CNY', entitlement: 'S3' });
    }
    const s2 = await portal.post<ErrorReply>('/api/portal/cases', {
      subject: 's',
      body: 'b',
      severity: 'S2',
    });
    expect(s2.status).toBe(422);
    expect(s2.body.error.message).toBe('升级严重级别需付费，请先确认接受费用。');
    expect(s2.body.error.details).toMatchObject({ amountCents: 80_000 });
    expect(await counts(ws)).toEqual(before);
  });

  it('with acceptance opens the case at that severity with one charge, an audit entry and an event', async () => {
    const { ws, customer, contact, portal } = await setup();
    t.clock.set(cst('2026-03-16T10:00:00'));
    const res = await portal.post<PortalCaseDetail>('/api/portal/cases', {
      subject: '停机',
      body: '整线停机',
      severity: 'S2',
      acceptCharge: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.severity).toBe('S2');

    const staff = (await ws.admin.get<CaseDetail>(`/api/cases/${res.body.id}`)).body;
    expect(staff.severity).toBe('S2');
    expect(staff.priority).toBe('high');
    // S2 first response: 120 service minutes from Monday 10:00 → 12:00 (S3 would be 15:30).
    expect(due(staff, 'first_response')).toBe(cst('2026-03-16T12:00:00'));

    const charges = (await portal.get<CaseCharge[]>(`/api/portal/cases/${res.body.id}/charges`)).body;
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({
      kind: 'paid_escalation',
      fromSeverity: 'S3',
      toSeverity: 'S2',
      amountCents: 80_000,
      currency: 'CNY',
      requestedByType: 'contact',
      requestedByName: contact.name,
    });
    expect((await ws.admin.get<CaseCharge[]>(`/api/cases/${res.body.id}/charges`)).body).toEqual(charges);

    const history = await ws.admin.get<{ items: Array<{ action: string; changes: unknown }> }>(
      `/api/cases/${res.body.id}/history`,
    );
    const actions = history.body.items.map((i) => i.action);
    expect(actions).toContain('created');
    expect(actions).toContain('paid_escalation');
    expect(await events(ws, 'case.paid_escalation')).toEqual([
      {
        caseId: res.body.id,
        customerId: customer.id,
        chargeId: charges[0]?.id,
        fromSeverity: 'S3',
        toSeverity: 'S2',
        amountCents: 80_000,
        currency: 'CNY',
      },
    ]);

    // The settings' price is used: an admin changes it, the next case costs the new price.
    const settings = await ws.admin.get<{ version: number } & Record<string, unknown>>(
      '/api/service-settings',
    );
    const { version, currency: _c, actions: _a, ...data } = settings.body;
    const paid = data.paidEscalation as { prices: Record<string, number> };
    const saved = await ws.admin.put('/api/service-settings', {
      ...data,
      paidEscalation: { ...paid, prices: { ...paid.prices, S1: 250_000 } },
      version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const s1 = await portal.post<PortalCaseDetail>('/api/portal/cases', {
      subject: '全部停机',
      body: '全部停机',
      severity: 'S1',
      acceptCharge: true,
    });
    expect(s1.status).toBe(201);
    const s1Charges = (await portal.get<CaseCharge[]>(`/api/portal/cases/${s1.body.id}/charges`)).body;
    expect(s1Charges.map((c) => `${c.fromSeverity}>${c.toSeverity}:${c.amountCents}`)).toEqual([
      'S3>S1:250000',
    ]);
  });

  it('keeps severities within the entitlement free, with or without acceptCharge', async () => {
    const { ws, portal } = await setup('gold'); // entitled to S2
    const levels = (await portal.get<PortalServiceLevels>('/api/portal/service-levels')).body;
    expect(levels.entitlement).toBe('S2');
    for (const [severity, acceptCharge] of [
      ['S2', undefined],
      ['S3', true],
      ['S4', false],
    ] as const) {
      const res = await portal.post<PortalCaseDetail>('/api/portal/cases', {
        subject: `问题 ${severity}`,
        body: '描述',
        severity,
        ...(acceptCharge === undefined ? {} : { acceptCharge }),
      });
      expect(res.status).toBe(201);
      expect(res.body.severity).toBe(severity);
      expect((await portal.get<CaseCharge[]>(`/api/portal/cases/${res.body.id}/charges`)).body).toEqual([]);
    }
    const noSeverity = await portal.post<PortalCaseDetail>('/api/portal/cases', { subject: 's', body: 'b' });
    expect(noSeverity.body.severity).toBe('S3');
    expect((await counts(ws)).charges).toBe(0);
    expect(await events(ws, 'case.paid_escalation')).toEqual([]);

    // Above the entitlement for gold: S1.
    const s1 = await portal.post<ErrorReply>('/api/portal/cases', {
      subject: 's',
      body: 'b',
      severity: 'S1',
    });
    expect(s1.status).toBe(422);
    expect(s1.body.error.details).toEqual({ amountCents: 200_000, currency: 'CNY', entitlement: 'S2' });
  });

  it('leaves staff-created cases alone: agents choose any severity without a charge', async () => {
    const { ws, customer, contact } = await setup();
    const res = await ws.admin.post<CaseDetail>('/api/cases', {
      customerId: customer.id,
      contactId: contact.id,
      subject: '电话报修',
      body: '停机',
      severity: 'S1',
    });
    expect(res.status).toBe(201);
    expect(res.body.severity).toBe('S1');
    expect((await counts(ws)).charges).toBe(0);
  });
});
