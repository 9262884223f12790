import { WorkspacesRepository } from '../modules/workspaces/index.js';
import type {
  Contact,
  ContactCreate,
  Customer,
  CustomerCreate,
  Department,
  Order,
  OrderCreate,
  Product,
  ProductCreate,
  Role,
  User,
} from '@aftercare/contracts';
import type { App } from '../app.js';
import type { Database } from '../platform/db/database.js';
import { InjectClient, SeedError } from './client.js';
import {
  DEMO_CASES,
  DEMO_MACROS,
  CONTACT_TITLES,
  DEMO_ADMIN,
  DEMO_COMPANY,
  DEMO_CUSTOMERS,
  DEMO_PORTAL_EMAIL,
  DEMO_PRODUCTS,
  DEMO_SLUG,
  DEMO_STAFF,
  GIVEN_NAMES,
  SURNAMES,
  demoEmail,
  type DemoProduct,
} from './data.js';
import { Random } from './random.js';

export { SeedError } from './client.js';

const SEED = 20_240_601;
export const DEMO_ORDER_COUNT = 300;
const HISTORY_DAYS = 548; // 18 months

export interface SeedOptions {
  /** Password of every demo account (staff and the portal contact). */
  password: string;
  /** How many orders to create (default 300). */
  orders?: number;
  /** Progress lines for people. */
  log?: (line: string) => void;
}

export interface SeedSummary {
  workspaceId: string;
  staff: number;
  customers: number;
  contacts: number;
  portalContacts: number;
  products: number;
  orders: number;
  serialNumbers: number;
  cases: number;
  /** Return requests in progress. */
  returns: number;
  /** Parts not seeded because this server has no such endpoint yet. */
  skipped: string[];
  ms: number;
}

/** Whether the demo workspace is already there. */
export async function demoExists(database: Database): Promise<boolean> {
  return new WorkspacesRepository(database.db).slugTaken(DEMO_SLUG);
}

/**
 * Seeds the demo workspace through the HTTP API (app.inject): sign-up, invitations accepted by every staff
 * member, customers, contacts with one portal login, products and ~300 orders over 18 months whose serial numbers
 * become the installed base. Deterministic: a seeded PRNG, dates relative to today.
 * Throws SeedError when the demo workspace exists already; check demoExists() first to skip quietly.
 */
export async function seedDemo(app: App, options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const rnd = new Random(SEED);
  const skipped: string[] = [];
  const anonymous = new InjectClient(app);
  const has = (method: 'POST' | 'PUT', url: string) => app.hasRoute({ method, url });

  // 1. The company signs up; the first administrator is signed in.
  const signup = await anonymous.signIn(
    '/api/auth/signup',
    {
      companyName: DEMO_COMPANY,
      slug: DEMO_SLUG,
      name: DEMO_ADMIN.name,
      email: demoEmail(DEMO_ADMIN.key),
      password: options.password,
      locale: 'zh-CN',
    },
    201,
  );
  const admin = signup.client;
  const workspaceId = signup.me.workspace.id;

  // 2. Staff in every role and department, department leads included; each accepts the invitation.
  const roles = await admin.call<Role[]>('GET', '/api/roles');
  const departments = await admin.call<Department[]>('GET', '/api/departments');
  const roleId = (key: string) => {
    const role = roles.find((r) => r.key === key);
    if (!role) throw new SeedError(`no built-in role "${key}"`, 0, roles);
    return role.id;
  };
  const departmentId = (kind: string) => {
    const d = departments.find((x) => x.kind === kind);
    if (!d) throw new SeedError(`no department of kind "${kind}"`, 0, departments);
    return d.id;
  };
  const staff = new Map<string, { id: string; client: InjectClient }>();
  staff.set(DEMO_ADMIN.key, { id: signup.me.id, client: admin });
  for (const person of DEMO_STAFF) {
    const invited = await admin.call<{ user: User; inviteUrl: string }>('POST', '/api/users/invitations', {
      email: demoEmail(person.key),
      name: person.name,
      roleIds: [roleId(person.role)],
      departments: person.departments.map((d) => ({
        departmentId: departmentId(d.kind),
        lead: d.lead ?? false,
      })),
      locale: 'zh-CN',
    });
    const accepted = await anonymous.signIn('/api/auth/accept-invite', {
      token: tokenOf(invited.inviteUrl),
      password: options.password,
    });
    staff.set(person.key, { id: invited.user.id, client: accepted.client });
  }
  const as = (key: string) => (staff.get(key) as { id: string; client: InjectClient }).client;
  log(`demo: ${staff.size} staff members`);

  // 3. Customer companies, owned by the sales team.
  const customers: Array<{ id: string; tier: string; domain: string }> = [];
  for (const c of DEMO_CUSTOMERS) {
    const body: CustomerCreate = {
      code: c.code,
      name: c.name,
      tier: c.tier,
      tags: c.tags,
      ownerId: (staff.get(c.owner) as { id: string }).id,
      phone: c.phone,
      website: `https://www.${c.domain}.example.com`,
      province: c.province,
      city: c.city,
      address: c.address,
      latitude: c.latitude,
      longitude: c.longitude,
      notes:
        c.tier === 'platinum' || c.tier === 'gold'
          ? '签有年度维保合同，响应时限 4 小时。'
          : c.tier === 'silver'
            ? '标准维保，工作日 8 小时响应。'
            : null,
    };
    const created = await as('sales').call<Customer>('POST', '/api/customers', body);
    customers.push({ id: created.id, tier: c.tier, domain: c.domain });
  }
  log(`demo: ${customers.length} customers`);

  // 4. Two to four contacts each; the first contact of the first customer gets a company-wide portal login.
  let contacts = 0;
  let portalContacts = 0;
  let portalClient: InjectClient | undefined;
  const contactsOf = new Map<string, string[]>();
  if (has('POST', '/api/contacts')) {
    for (const [i, customer] of customers.entries()) {
      const count = rnd.int(2, 4);
      const used = new Set<string>();
      for (let k = 0; k < count; k += 1) {
        let surname = rnd.pick(SURNAMES);
        let given = rnd.pick(GIVEN_NAMES);
        while (used.has(`${given[1]}.${surname[1]}`)) {
          surname = rnd.pick(SURNAMES);
          given = rnd.pick(GIVEN_NAMES);
        }
        used.add(`${given[1]}.${surname[1]}`);
        const portal = i === 0 && k === 0;
        const body: ContactCreate = {
          customerId: customer.id,
          name: `${surname[0]}${given[0]}`,
          email: portal ? DEMO_PORTAL_EMAIL : `${given[1]}.${surname[1]}@${customer.domain}.example.com`,
          phone: `1${rnd.pick(['38', '39', '50', '58', '86', '88', '35', '37'])}${rnd.digits(8)}`,
          wechatId: `${surname[1]}${given[1]}_${rnd.digits(4)}`,
          title: k === 0 ? '信息部经理' : rnd.pick(CONTACT_TITLES),
          birthday: isoDate(new Date(Date.UTC(rnd.int(1965, 1998), rnd.int(0, 11), rnd.int(1, 28)))),
          locale: 'zh-CN',
          ...(portal ? { companyWide: true } : {}),
        };
        const contact = await as('manager').call<Contact>('POST', '/api/contacts', body);
        contacts += 1;
        contactsOf.set(customer.id, [...(contactsOf.get(customer.id) ?? []), contact.id]);
        if (portal) {
          const invite = await admin.call<{ inviteUrl?: string }>(
            'POST',
            `/api/contacts/${contact.id}/portal-invite`,
            {},
            [200, 201, 404],
          );
          if (!invite.inviteUrl) skipped.push('portal invitation (POST /api/contacts/:id/portal-invite)');
          else {
            portalClient = (
              await anonymous.signIn('/api/portal/auth/accept-invite', {
                token: tokenOf(invite.inviteUrl),
                password: options.password,
              })
            ).client;
            portalContacts += 1;
          }
        }
      }
    }
    log(`demo: ${contacts} contacts, ${portalContacts} with portal access`);
  } else skipped.push('contacts (POST /api/contacts)');

  // 5. The catalog: ERP-style software in editions, serial-numbered equipment, consumables and services.
  const products = new Map<string, { product: DemoProduct; id: string; editions: Map<string, string> }>();
  if (has('POST', '/api/products')) {
    for (const p of DEMO_PRODUCTS) {
      const body: ProductCreate = {
        sku: p.sku,
        name: p.name,
        category: p.category,
        description: p.description,
        warrantyMonths: p.warrantyMonths,
        returnWindowDays: p.returnWindowDays,
        ...(p.editions ? { editions: p.editions } : {}),
      };
      const created = await admin.call<Product>('POST', '/api/products', body);
      products.set(p.sku, {
        product: p,
        id: created.id,
        editions: new Map(created.editions.map((e) => [e.code, e.id])),
      });
    }
    log(`demo: ${products.size} products`);
  } else skipped.push('products (POST /api/products)');

  // 6. Orders over the last 18 months, more of them recently; fulfilled ones carry serial numbers.
  let orders = 0;
  let portalOrderLine: string | undefined;
  let serialNumbers = 0;
  const orderCount = options.orders ?? DEMO_ORDER_COUNT;
  if (products.size > 0 && has('POST', '/api/orders')) {
    const today = startOfDay(app.deps.clock.now());
    const weights = customers.map((c) => [c, TIER_WEIGHT[c.tier] ?? 1] as const);
    const catalog = [...products.values()];
    const productWeights = catalog.map((p) => [p, KIND_WEIGHT[p.product.kind]] as const);
    const serialSeq = new Map<string, number>();
    const plans: Array<{ daysAgo: number; body: Omit<OrderCreate, 'externalRef'> }> = [];
    for (let n = 0; n < orderCount; n += 1) {
      const daysAgo = weekday(Math.floor(HISTORY_DAYS * (1 - Math.sqrt(rnd.next()))), today);
      const orderedAt = new Date(today.getTime() - daysAgo * 86_400_000);
      const status = daysAgo < 10 ? 'open' : rnd.chance(0.03) ? 'cancelled' : 'fulfilled';
      const lineCount = 1 + (rnd.chance(0.45) ? 1 : 0) + (rnd.chance(0.15) ? 1 : 0);
      const chosen = new Set<string>();
      const lines: OrderCreate['lines'] = [];
      while (lines.length < lineCount) {
        const item = rnd.weighted(productWeights);
        if (chosen.has(item.product.sku)) continue;
        chosen.add(item.product.sku);
        const p = item.product;
        const edition = p.editions
          ? rnd.weighted([
              ['STD', 50],
              ['PRO', 35],
              ['ULT', p.editions.some((e) => e.code === 'ULT') ? 15 : 0],
            ] as const)
          : '';
        const quantity =
          p.kind === 'software'
            ? 1
            : p.kind === 'equipment'
              ? p.sku === 'HX-SRV-R2'
                ? rnd.int(1, 2)
                : rnd.int(1, 6)
              : p.kind === 'consumable'
                ? rnd.int(1, 20) * 10
                : rnd.int(1, 10);
        const list = p.prices[edition] ?? 0;
        const unitPriceCents = Math.round((list * (0.8 + rnd.next() * 0.2)) / 10_000) * 10_000 || list;
        const serials: string[] = [];
        if (status === 'fulfilled' && p.serialPrefix) {
          const ym = isoDate(orderedAt).slice(2, 7).replace('-', '');
          for (let q = 0; q < quantity; q += 1) {
            const key = `${p.sku}/${edition}`;
            const seq = (serialSeq.get(key) ?? 0) + 1;
            serialSeq.set(key, seq);
            serials.push(
              p.kind === 'software'
                ? `${p.serialPrefix}-${edition}-${ym}-${String(seq).padStart(5, '0')}`
                : `${p.serialPrefix}-${ym}${String(seq).padStart(5, '0')}`,
            );
          }
        }
        lines.push({
          productId: item.id,
          ...(edition ? { editionId: item.editions.get(edition) ?? null } : {}),
          quantity,
          unitPriceCents,
          ...(serials.length ? { serialNumbers: serials } : {}),
        });
      }
      const customer = rnd.weighted(weights);
      plans.push({
        daysAgo,
        body: { customerId: customer.id, orderedAt: isoDate(orderedAt), status, currency: 'CNY', lines },
      });
    }
    // Oldest first, so order numbers grow with the order date.
    plans.sort((a, b) => b.daysAgo - a.daysAgo);
    for (const [n, plan] of plans.entries()) {
      const externalRef = `SO${plan.body.orderedAt.replace(/-/g, '')}-${String(n + 1).padStart(4, '0')}`;
      const order = await as('sales').call<Order>('POST', '/api/orders', { ...plan.body, externalRef });
      // The portal customer's latest order is where the demo return comes from.
      if (plan.body.customerId === customers[0]?.id && plan.body.status !== 'cancelled')
        portalOrderLine = order.lines?.[0]?.id ?? portalOrderLine;
      orders += 1;
      for (const line of plan.body.lines) serialNumbers += line.serialNumbers?.length ?? 0;
    }
    log(`demo: ${orders} orders with ${serialNumbers} serial numbers`);
  } else if (products.size > 0) skipped.push('orders (POST /api/orders)');

  // 6b. The helpdesk's set-up: two teams, a rule that sends urgent incidents to the technical team's least
  // loaded engineer, shared canned replies, and the public web form.
  if (has('POST', '/api/teams')) {
    const idOf = (key: string) => (staff.get(key) as { id: string }).id;
    const firstLine = await admin.call<{ id: string }>('POST', '/api/teams', {
      name: '一线支持',
      memberIds: [idOf('manager'), idOf('support'), idOf('support2')],
      leadId: idOf('manager'),
    });
    const technical = await admin.call<{ id: string }>('POST', '/api/teams', {
      name: '二线技术',
      memberIds: [idOf('technical'), idOf('engineer')],
      leadId: idOf('technical'),
    });
    await admin.call('POST', '/api/assignment-rules', {
      name: '紧急故障转二线',
      conditions: { types: ['incident'], severities: ['S1', 'S2'] },
      teamId: technical.id,
      assign: 'least_loaded',
    });
    await admin.call('POST', '/api/assignment-rules', {
      name: '其余工单进一线队列',
      conditions: {},
      teamId: firstLine.id,
      assign: 'none',
    });
    log('demo: 2 teams, 2 assignment rules');
  } else skipped.push('teams (POST /api/teams)');
  if (has('POST', '/api/macros')) {
    for (const macro of DEMO_MACROS) await admin.call('POST', '/api/macros', { ...macro, shared: true });
  } else skipped.push('macros (POST /api/macros)');
  if (has('PUT', '/api/webform/settings')) {
    await admin.call('PUT', '/api/webform/settings', {
      enabled: true,
      caseType: 'question',
      fields: ['company', 'phone', 'severity'],
      allowedOrigins: [],
      thankYou: {
        'zh-CN': '感谢您的反馈，我们会尽快联系您。',
        en: 'Thank you, we will be in touch shortly.',
      },
      version: 0,
    });
  } else skipped.push('web form (PUT /api/webform/settings)');

  // 7. Support cases: logged by agents from phone calls, and a few from the portal, in every state.
  let cases = 0;
  if (has('POST', '/api/cases')) {
    for (const [i, c] of DEMO_CASES.entries()) {
      const customer = customers[(i * 7) % customers.length] as { id: string };
      const agent = staff.get(c.agent) as { id: string; client: InjectClient };
      const contactId = contactsOf.get(customer.id)?.[0];
      const created = await agent.client.call<{ id: string; version: number }>('POST', '/api/cases', {
        customerId: customer.id,
        ...(contactId ? { contactId } : {}),
        subject: c.subject,
        type: c.type,
        severity: c.severity,
        channel: rnd.pick(['phone', 'phone', 'visit'] as const),
        body: c.body,
        ...(c.status === 'new' ? {} : { assigneeId: agent.id }),
      });
      if (c.note)
        await agent.client.call('POST', `/api/cases/${created.id}/messages`, {
          body: c.note,
          visibility: 'internal',
        });
      if (c.reply)
        await agent.client.call('POST', `/api/cases/${created.id}/messages`, {
          body: c.reply,
          visibility: 'public',
        });
      const current = await agent.client.call<{ status: string; version: number }>(
        'GET',
        `/api/cases/${created.id}`,
      );
      const steps: string[] =
        c.status === 'closed' ? ['solved', 'closed'] : c.status === current.status ? [] : [c.status];
      let version = current.version;
      for (const status of steps) {
        const updated = await agent.client.call<{ version: number }>('PATCH', `/api/cases/${created.id}`, {
          status,
          version,
          ...(c.pauseReason ? { pauseReason: c.pauseReason } : {}),
          // Solving a case needs its closing summary.
          ...(status === 'solved'
            ? {
                closingSummary: {
                  cause: c.subject,
                  fix: c.reply ?? '已远程协助客户处理。',
                  customerNotes: '如问题再次出现，请在门户回复本工单。',
                },
              }
            : {}),
        });
        version = updated.version;
      }
      cases += 1;
    }
    if (portalClient) {
      await portalClient.call('POST', '/api/portal/cases', {
        subject: '希望增加一个仓库并设置独立的库存权限',
        type: 'request',
        severity: 'S3',
        body: '下月新开南京仓，需要单独的仓库和只看本仓库存的权限。',
      });
      cases += 1;
    }
    log(`demo: ${cases} support cases`);
  } else skipped.push('cases (POST /api/cases)');

  // 8. Returns: the reason catalogue, a policy with four reviewing departments, and one return in progress
  // (asked in the portal, sales and technical have approved, finance and logistics still to judge).
  let returns = 0;
  if (has('POST', '/api/return-policies')) {
    const reasons = new Map<string, string>();
    for (const r of DEMO_RETURN_REASONS) {
      const created = await admin.call<{ id: string }>('POST', '/api/return-reasons', r);
      reasons.set(r.code, created.id);
    }
    await admin.call('POST', '/api/return-policies', {
      name: '标准退货政策',
      departmentIds: ['sales', 'technical', 'finance', 'logistics'].map(departmentId),
      rule: 'all',
      quorum: null,
      reviewHours: 8,
      decisionHours: 16,
    });
    if (portalClient && portalOrderLine) {
      const asked = await portalClient.call<{ id: string }>('POST', '/api/portal/returns', {
        lines: [{ orderLineId: portalOrderLine, quantity: 1 }],
        reasonId: reasons.get('defect'),
        outcome: 'refund',
        description: '到货后开机即报错，重启无效，希望退款。',
      });
      await as('sales').call('POST', `/api/returns/${asked.id}/reviews/${departmentId('sales')}`, {
        verdict: 'approved',
        comment: '客户为铂金客户，同意退货。',
      });
      await as('technical').call('POST', `/api/returns/${asked.id}/reviews/${departmentId('technical')}`, {
        verdict: 'approved',
        comment: '需到货检验。',
        conditions: { inspectionNeeded: true },
      });
      returns += 1;
    }
    log(`demo: ${DEMO_RETURN_REASONS.length} return reasons, 1 return policy, ${returns} return in progress`);
  } else skipped.push('returns (POST /api/return-policies)');

  return {
    workspaceId,
    staff: staff.size,
    returns,
    customers: customers.length,
    contacts,
    portalContacts,
    products: products.size,
    orders,
    serialNumbers,
    cases,
    skipped,
    ms: Date.now() - started,
  };
}

/** The workspace's catalogue of return reasons. */
const DEMO_RETURN_REASONS = [
  { code: 'defect', label: { 'zh-CN': '质量问题', en: 'Defective' } },
  { code: 'damaged', label: { 'zh-CN': '运输损坏', en: 'Damaged in transit' } },
  { code: 'wrong_item', label: { 'zh-CN': '发错货', en: 'Wrong item' } },
  { code: 'not_as_described', label: { 'zh-CN': '与描述不符', en: 'Not as described' } },
  { code: 'no_longer_needed', label: { 'zh-CN': '不再需要', en: 'No longer needed' } },
];

const TIER_WEIGHT: Record<string, number> = { platinum: 6, gold: 3, silver: 2, standard: 1 };
const KIND_WEIGHT: Record<DemoProduct['kind'], number> = {
  software: 10,
  equipment: 8,
  consumable: 3,
  service: 4,
};

function tokenOf(inviteUrl: string): string {
  const token = new URL(inviteUrl).searchParams.get('token');
  if (!token) throw new SeedError(`no token in ${inviteUrl}`, 0, inviteUrl);
  return token;
}

function startOfDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** Orders are placed on working days: a weekend date moves to the Friday before. */
function weekday(daysAgo: number, today: Date): number {
  const day = new Date(today.getTime() - daysAgo * 86_400_000).getUTCDay();
  return day === 6 ? daysAgo + 1 : day === 0 ? daysAgo + 2 : daysAgo;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
