import type { App } from '../src/app.js';
import { Client, sessionFrom } from './client.js';
import { createStaff, PASSWORD, unique, type Workspace } from './factories.js';

/** One record of every kind in a workspace, named by the route parameter that addresses it. */
export interface Records {
  customerId: string;
  otherCustomerId: string;
  contactId: string;
  productId: string;
  editionId: string;
  orderId: string;
  otherOrderId: string;
  assetId: string;
  otherAssetId: string;
  /** A case of `customerId` whose contact is `contactId`. */
  caseId: string;
  /** A case of `otherCustomerId`. */
  otherCaseId: string;
  /** The one step of `caseId`'s action plan. */
  stepId: string;
  /** The one step of `otherCaseId`'s action plan. */
  otherStepId: string;
  userId: string;
  roleId: string;
  departmentId: string;
  tokenId: string;
  token: string;
  /** The workspace's default service calendar. */
  calendarId: string;
  /** The workspace's first SLA policy. */
  policyId: string;
  /** A company-wide portal contact of `customerId`. */
  portal: Client;
}

async function ok<T>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Fills a workspace through the API, as a person would. */
export async function populate(app: App, ws: Workspace): Promise<Records> {
  const a = ws.admin;
  const tag = unique('r');
  const customer = await ok(
    a.post<{ id: string }>('/api/customers', {
      code: `${tag}-A`,
      name: `客户甲 ${tag}`,
      latitude: 31.23,
      longitude: 121.47,
      city: '上海',
    }),
    'customer',
  );
  const other = await ok(
    a.post<{ id: string }>('/api/customers', { code: `${tag}-B`, name: `客户乙 ${tag}` }),
    'other customer',
  );
  const contact = await ok(
    a.post<{ id: string }>('/api/contacts', {
      customerId: customer.id,
      name: '联系人',
      email: `${tag}@customer.example.com`,
      companyWide: true,
    }),
    'contact',
  );
  const product = await ok(
    a.post<{ id: string; editions: Array<{ id: string }> }>('/api/products', {
      sku: `${tag}-SKU`,
      name: `产品 ${tag}`,
      warrantyMonths: 12,
      editions: [{ code: 'STD', name: '标准版' }],
    }),
    'product',
  );
  const editionId = product.editions[0]?.id as string;
  const order = await ok(
    a.post<{ id: string }>('/api/orders', {
      customerId: customer.id,
      orderedAt: '2026-01-10',
      lines: [
        {
          productId: product.id,
          editionId,
          quantity: 1,
          unitPriceCents: 100000,
          serialNumbers: [`${tag}-SN1`],
        },
      ],
    }),
    'order',
  );
  const otherOrder = await ok(
    a.post<{ id: string }>('/api/orders', {
      customerId: other.id,
      orderedAt: '2026-01-11',
      lines: [
        {
          productId: product.id,
          editionId,
          quantity: 1,
          unitPriceCents: 5000,
          serialNumbers: [`${tag}-SN2`],
        },
      ],
    }),
    'other order',
  );
  const assets = await ok(
    a.get<{ items: Array<{ id: string; customerId: string }> }>(`/api/assets?pageSize=200`),
    'assets',
  );
  const asset = assets.items.find((x) => x.customerId === customer.id);
  const otherAsset = assets.items.find((x) => x.customerId === other.id);
  if (!asset || !otherAsset)
    throw new Error('serial numbers on order lines did not create installed-base assets');
  const supportCase = await ok(
    a.post<{ id: string }>('/api/cases', {
      customerId: customer.id,
      contactId: contact.id,
      subject: `工单 ${tag}`,
      body: '设备无法开机',
    }),
    'case',
  );
  const otherCase = await ok(
    a.post<{ id: string }>('/api/cases', {
      customerId: other.id,
      subject: `工单 ${tag} B`,
      body: '另一个客户的问题',
    }),
    'other case',
  );
  const planOf = async (caseId: string, what: string) =>
    (
      await ok(
        a.put<{ plan: Array<{ id: string }> }>(`/api/cases/${caseId}/plan`, {
          steps: [{ title: '重启设备', expectedResult: '设备正常开机' }],
        }),
        what,
      )
    ).plan[0]?.id as string;
  const stepId = await planOf(supportCase.id, 'plan');
  const otherStepId = await planOf(otherCase.id, 'other plan');
  const staff = await createStaff(app, ws, 'agent', [{ kind: 'support' }]);
  const role = await ok(
    a.post<{ id: string }>('/api/roles', { name: `角色 ${tag}`, permissions: ['customers.read'] }),
    'role',
  );
  const department = await ok(
    a.post<{ id: string }>('/api/departments', { name: `部门 ${tag}`, kind: 'other' }),
    'department',
  );
  const token = await ok(
    a.post<{ token: { id: string }; secret: string }>('/api/api-tokens', {
      name: `token ${tag}`,
      scope: 'admin',
    }),
    'token',
  );
  const invite = await ok(
    a.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`),
    'portal invite',
  );
  const accepted = await new Client(app).post('/api/portal/auth/accept-invite', {
    token: new URL(invite.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  if (accepted.status !== 200)
    throw new Error(`portal accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const calendars = await ok(a.get<Array<{ id: string; isDefault: boolean }>>('/api/calendars'), 'calendars');
  const policies = await ok(a.get<Array<{ id: string }>>('/api/sla-policies'), 'policies');
  const calendarId = calendars.find((c) => c.isDefault)?.id;
  const policyId = policies[0]?.id;
  if (!calendarId || !policyId) throw new Error('a new workspace has no default calendar or SLA policy');
  return {
    calendarId,
    policyId,
    customerId: customer.id,
    otherCustomerId: other.id,
    contactId: contact.id,
    productId: product.id,
    editionId,
    orderId: order.id,
    otherOrderId: otherOrder.id,
    assetId: asset.id,
    otherAssetId: otherAsset.id,
    caseId: supportCase.id,
    otherCaseId: otherCase.id,
    stepId,
    otherStepId,
    userId: staff.id,
    roleId: role.id,
    departmentId: department.id,
    tokenId: token.token.id,
    token: token.secret,
    portal: new Client(app, sessionFrom(accepted)),
  };
}

/** Fills a route path's parameters from a record map; throws for a parameter no fixture provides. */
export function fillPath(url: string, ids: Record<string, string>): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const id = ids[name];
    if (!id)
      throw new Error(`No fixture for route parameter :${name} in ${url}; add one to test/fixtures.ts`);
    return id;
  });
}
