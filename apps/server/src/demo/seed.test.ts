import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  Asset,
  Contact,
  Customer,
  Department,
  Me,
  Order,
  PageOf,
  Product,
  User,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../test/app.js';
import { Client, sessionFrom } from '../../test/client.js';
import { ManualClock } from '../platform/clock.js';
import {
  DEMO_CASES,
  DEMO_CUSTOMERS,
  DEMO_PORTAL_EMAIL,
  DEMO_PRODUCTS,
  DEMO_STAFF,
  demoEmail,
  demoLogins,
} from './data.js';
import { demoExists, seedDemo, SeedError, type SeedSummary } from './seed.js';

const PASSWORD = 'demo-password-for-tests';
const TODAY = '2026-03-02';
let t: TestApp;
let summary: SeedSummary;
let routes: { contacts: boolean; products: boolean; orders: boolean; assets: boolean; portal: boolean };

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(new Date(`${TODAY}T01:00:00.000Z`)) });
  routes = {
    contacts: t.app.hasRoute({ method: 'POST', url: '/api/contacts' }),
    products: t.app.hasRoute({ method: 'POST', url: '/api/products' }),
    orders: t.app.hasRoute({ method: 'POST', url: '/api/orders' }),
    assets: t.app.hasRoute({ method: 'GET', url: '/api/assets' }),
    portal: t.app.hasRoute({ method: 'POST', url: '/api/portal/auth/login' }),
  };
  summary = await seedDemo(t.app, { password: PASSWORD });
  console.info(`demo seed took ${summary.ms} ms`, summary);
}, 120_000);
afterAll(() => t.close());

async function login(email: string, portal = false): Promise<{ client: Client; me: Me }> {
  const res = await new Client(t.app).post<Me>(portal ? '/api/portal/auth/login' : '/api/auth/login', {
    email,
    password: PASSWORD,
    workspace: 'demo',
  });
  expect(res.status, `${email}: ${JSON.stringify(res.body)}`).toBe(200);
  return { client: new Client(t.app, sessionFrom(res)), me: res.body };
}

async function all<T>(client: Client, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await client.get<PageOf<T>>(`${path}${sep}page=${page}&pageSize=200`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...res.body.items);
    if (out.length >= res.body.total || res.body.items.length === 0) return out;
  }
}

describe('demo seed', () => {
  it('creates the workspace, staff in every role and department, and every demo login works', async () => {
    expect(summary.skipped).toEqual([]);
    expect(summary.staff).toBe(DEMO_STAFF.length + 1);
    expect(await demoExists(t.database)).toBe(true);

    const admin = await login(demoEmail('admin'));
    expect(admin.me.workspace.slug).toBe('demo');
    expect(admin.me.workspace.name).toBe('华信售后服务有限公司');
    expect(admin.me.permissions).toContain('users.manage');

    const users = await admin.client.get<PageOf<User>>('/api/users?pageSize=100');
    expect(users.body.total).toBe(DEMO_STAFF.length + 1);
    expect(users.body.items.every((u) => u.status === 'active')).toBe(true);
    const departments = await admin.client.get<Department[]>('/api/departments');
    for (const kind of ['support', 'technical', 'sales', 'finance', 'logistics', 'rd', 'field']) {
      const d = departments.body.find((x) => x.kind === kind);
      expect(d?.memberCount, kind).toBeGreaterThan(0);
      const lead = users.body.items.find((u) => u.departments.some((m) => m.kind === kind && m.lead));
      expect(lead, `a lead of ${kind}`).toBeDefined();
    }

    for (const l of demoLogins().filter((x) => x.app === 'app')) await login(l.email);
    const viewer = await login(demoEmail('viewer'));
    expect(viewer.me.permissions).not.toContain('customers.write');
    const agent = await login(demoEmail('support'));
    expect(agent.me.permissions).toContain('customers.write');
    expect(agent.me.permissions).not.toContain('users.manage');
  });

  it('creates 20 customers in real Chinese cities, written by the sales team and audited', async () => {
    const { client } = await login(demoEmail('manager'));
    const customers = await all<Customer>(client, '/api/customers?sort=code');
    expect(customers.map((c) => c.name)).toEqual(DEMO_CUSTOMERS.map((c) => c.name));
    for (const c of customers) {
      expect(c.latitude).toBeGreaterThan(18);
      expect(c.latitude).toBeLessThan(54);
      expect(c.longitude).toBeGreaterThan(73);
      expect(c.longitude).toBeLessThan(135);
      expect(c.city).toMatch(/市$/);
      expect(c.ownerName).not.toBeNull();
    }
    expect(new Set(customers.map((c) => c.tier))).toEqual(
      new Set(['platinum', 'gold', 'silver', 'standard']),
    );
    const history = await client.get<{ items: Array<{ action: string; actorName: string | null }> }>(
      `/api/customers/${customers[0]?.id}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ action: 'created', actorName: '赵磊' }),
    );
  });

  it('gives every customer 2–4 contacts and one contact a company-wide portal login', async (ctx) => {
    if (!routes.contacts) ctx.skip();
    const { client } = await login(demoEmail('support'));
    const contacts = await all<Contact>(client, '/api/contacts');
    expect(contacts).toHaveLength(summary.contacts);
    const perCustomer = new Map<string, number>();
    for (const c of contacts) perCustomer.set(c.customerId, (perCustomer.get(c.customerId) ?? 0) + 1);
    expect(perCustomer.size).toBe(20);
    for (const n of perCustomer.values()) expect(n).toBeGreaterThanOrEqual(2);
    for (const n of perCustomer.values()) expect(n).toBeLessThanOrEqual(4);
    for (const c of contacts) {
      expect(c.birthday).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.phone).toMatch(/^1\d{10}$/);
      expect(c.wechatId).toMatch(/^[a-z]+_\d{4}$/);
    }
    const portal = contacts.filter((c) => c.portalAccess);
    expect(portal).toHaveLength(1);
    expect(portal[0]).toMatchObject({ email: 'portal@demo.aftercare.local', companyWide: true });
    expect(portal[0]?.customerName).toBe(DEMO_CUSTOMERS[0]?.name);

    if (!routes.portal) return;
    const { me } = await login('portal@demo.aftercare.local', true);
    expect(me.kind).toBe('contact');
    expect(me.customer).toMatchObject({ name: DEMO_CUSTOMERS[0]?.name, companyWide: true });
  });

  it('creates software in editions and serial-numbered equipment', async (ctx) => {
    if (!routes.products) ctx.skip();
    const { client } = await login(demoEmail('manager'));
    const products = await all<Product>(client, '/api/products');
    expect(products).toHaveLength(DEMO_PRODUCTS.length);
    const erp = products.find((p) => p.sku === 'ZY-ERP');
    expect(erp?.editions.map((e) => e.name).sort()).toEqual(['专业版', '旗舰版', '标准版'].sort());
    expect(products.find((p) => p.sku === 'HX-SRV-R2')?.warrantyMonths).toBe(36);
  });

  it('creates 300 orders over the last 18 months whose serial numbers form the installed base', async (ctx) => {
    if (!routes.orders) ctx.skip();
    const { client } = await login(demoEmail('sales'));
    const orders = await all<Order>(client, '/api/orders');
    expect(orders).toHaveLength(300);
    expect(summary.orders).toBe(300);
    const dates = orders.map((o) => o.orderedAt).sort();
    const oldest = new Date(`${TODAY}T00:00:00Z`);
    oldest.setUTCMonth(oldest.getUTCMonth() - 18);
    expect(dates[0]! >= oldest.toISOString().slice(0, 10)).toBe(true);
    expect(dates[dates.length - 1]! <= TODAY).toBe(true);
    // Spread out: orders in at least 15 different months.
    expect(new Set(dates.map((d) => d.slice(0, 7))).size).toBeGreaterThanOrEqual(15);
    expect(orders.every((o) => o.currency === 'CNY' && o.totalCents > 0)).toBe(true);
    expect(orders.filter((o) => o.status === 'fulfilled').length).toBeGreaterThan(250);
    const one = await client.get<Order>(`/api/orders/${orders[0]?.id}`);
    expect(one.body.lines?.length).toBeGreaterThan(0);

    if (!routes.assets) return;
    const assets = await all<Asset>(client, '/api/assets');
    expect(assets).toHaveLength(summary.serialNumbers);
    expect(summary.serialNumbers).toBeGreaterThan(300);
    expect(assets.some((a) => a.inWarranty)).toBe(true);
    expect(assets.some((a) => !a.inWarranty)).toBe(true);
    expect(assets.every((a) => a.orderId !== null && a.purchaseDate !== null)).toBe(true);
  });

  it('sets up returns: a reason catalogue, a policy with four departments, one return waiting for two', async () => {
    expect(summary.returns).toBe(1);
    const finance = await login(demoEmail('finance'));
    const queues =
      await finance.client.get<Array<{ departmentId: string | null; pending: number }>>(
        '/api/returns/queues',
      );
    expect(queues.status).toBe(200);
    const admin = await login(demoEmail('admin'));
    const policies = await admin.client.get<Array<{ departmentIds: string[] }>>('/api/return-policies');
    expect(policies.body.map((p) => p.departmentIds.length)).toEqual([4]);
    const reasons = await admin.client.get<unknown[]>('/api/return-reasons');
    expect(reasons.body.length).toBeGreaterThanOrEqual(5);
    const list = await admin.client.get<PageOf<{ id: string; status: string }>>('/api/returns');
    expect(list.body.items.map((r) => r.status)).toEqual(['reviewing']);
    const detail = await admin.client.get<{ reviews: Array<{ status: string }> }>(
      `/api/returns/${list.body.items[0]?.id}`,
    );
    expect(detail.body.reviews.map((r) => r.status).sort()).toEqual([
      'approved',
      'approved',
      'pending',
      'pending',
    ]);
    const portal = await login(DEMO_PORTAL_EMAIL, true);
    const mine = await portal.client.get<PageOf<{ id: string }>>('/api/portal/returns');
    expect(mine.body.items).toHaveLength(1);
  });

  it('leaves support cases in every state, with internal notes kept from the portal', async () => {
    const { client } = await login(demoEmail('support'));
    const queue = await all<{ id: string; status: string }>(client, '/api/cases');
    expect(queue).toHaveLength(summary.cases);
    expect(summary.cases).toBe(DEMO_CASES.length + 1);
    expect(new Set(queue.map((c) => c.status))).toEqual(
      new Set(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']),
    );
    const portal = await login(DEMO_PORTAL_EMAIL, true);
    const mine = await portal.client.get<{ items: Array<{ id: string }> }>('/api/portal/cases?pageSize=100');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    for (const c of mine.body.items) {
      const detail = await portal.client.get(`/api/portal/cases/${c.id}`);
      for (const demo of DEMO_CASES)
        if (demo.note) expect(JSON.stringify(detail.body)).not.toContain(demo.note);
    }
  });

  it('sets up the helpdesk: teams, assignment rules, canned replies and the public web form', async () => {
    const { client } = await login(demoEmail('admin'));
    const teams = await client.get<Array<{ name: string; memberIds: string[] }>>('/api/teams');
    expect(teams.body.map((x) => x.name).sort()).toEqual(['一线支持', '二线技术'].sort());
    const rules = await client.get<Array<{ name: string; position: number }>>('/api/assignment-rules');
    expect(rules.body.map((r) => r.name)).toEqual(['紧急故障转二线', '其余工单进一线队列']);
    const macros = await client.get<Array<{ name: string }>>('/api/macros');
    expect(macros.body.map((m) => m.name)).toEqual(
      expect.arrayContaining(['已收到，正在处理', '请提供日志']),
    );
    const form = await new Client(t.app).get<{ fields: string[] }>('/api/public/forms/demo');
    expect(form.status).toBe(200);
    // Every case that came in without an assignee was routed to a team by the rules.
    const unassigned = await all<{ teamId: string | null; assigneeId: string | null }>(
      client,
      '/api/cases?view=all',
    );
    const routed = unassigned.filter((c) => c.assigneeId === null);
    expect(routed.length).toBeGreaterThan(0);
    expect(routed.every((c) => c.teamId !== null)).toBe(true);
  });

  it('refuses to seed twice', async () => {
    await expect(seedDemo(t.app, { password: PASSWORD })).rejects.toThrow(SeedError);
  });

  it('is deterministic: a second database gets the same demo', async (ctx) => {
    // On PostgreSQL all test files share one schema, where "demo" is taken; SQLite gives each app its own file.
    if (inject('pgSchema')) ctx.skip();
    const other = await createTestApp({ clock: new ManualClock(new Date(`${TODAY}T01:00:00.000Z`)) });
    try {
      await seedDemo(other.app, { password: PASSWORD });
      const fingerprint = async (app: TestApp['app']) => {
        const res = await new Client(app).post('/api/auth/login', {
          email: demoEmail('admin'),
          password: PASSWORD,
          workspace: 'demo',
        });
        const client = new Client(app, sessionFrom(res));
        const customers = (await all<Customer>(client, '/api/customers?sort=code')).map((c) => [
          c.code,
          c.name,
        ]);
        const contacts = routes.contacts
          ? (await all<Contact>(client, '/api/contacts'))
              .map((c) => [c.name, c.email, c.phone, c.birthday])
              .sort()
          : [];
        const orders = routes.orders
          ? (await all<Order>(client, '/api/orders'))
              .map((o) => [o.number, o.externalRef, o.orderedAt, o.status, o.totalCents, o.customerName])
              .sort()
          : [];
        const assets = routes.assets
          ? (await all<Asset>(client, '/api/assets')).map((a) => a.serialNumber).sort()
          : [];
        return { customers, contacts, orders, assets };
      };
      expect(await fingerprint(other.app)).toEqual(await fingerprint(t.app));
    } finally {
      await other.close();
    }
  }, 120_000);
});
