import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, type Reply } from '../../../test/client.js';
import { exampleOf } from '../../../test/examples.js';
import { createWorkspace, type Workspace } from '../../../test/factories.js';
import { fillPath, populate, type Records } from '../../../test/fixtures.js';
import { registerAccess, type RouteInfo } from './access.js';
import type { Database } from '../db/database.js';

let t: TestApp;
let a: Workspace;
let b: Workspace;
let aRecords: Records;
let bRecords: Records;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const apiRoutes = (): RouteInfo[] =>
  t.app.routeTable.filter(
    (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
  );
const recordIds = (r: Records): string[] =>
  Object.entries(r)
    .filter(([k, v]) => typeof v === 'string' && k.endsWith('Id'))
    .map(([, v]) => v as string);

function bodyFor(route: RouteInfo): unknown {
  const schema = (route.schema as { body?: unknown } | undefined)?.body;
  return route.method === 'GET' || route.method === 'DELETE' ? undefined : schema ? exampleOf(schema) : {};
}

async function call(client: Client, route: RouteInfo, ids: Record<string, string>): Promise<Reply> {
  return client.request(route.method as Method, fillPath(route.url, ids), bodyFor(route));
}

/** What workspace B looks like through its own admin's eyes; compared before and after A's attempts. */
async function snapshotOf(ws: Workspace, r: Records): Promise<string> {
  const urls = [
    `/api/customers/${r.customerId}`,
    `/api/contacts/${r.contactId}`,
    `/api/products/${r.productId}`,
    `/api/orders/${r.orderId}`,
    `/api/assets/${r.assetId}`,
    `/api/cases/${r.caseId}`,
    `/api/cases/${r.caseId}/history`,
    `/api/users/${r.userId}`,
    '/api/roles',
    '/api/departments',
    '/api/api-tokens',
    '/api/workspace',
  ];
  const parts = await Promise.all(urls.map(async (u) => JSON.stringify((await ws.admin.get(u)).body)));
  return parts.join('\n');
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createWorkspace(t.app);
  b = await createWorkspace(t.app);
  aRecords = await populate(t.app, a);
  bRecords = await populate(t.app, b);
}, 120_000);
afterAll(() => t.close());

describe('route access declarations', () => {
  it('every registered route declares its access', () => {
    expect(apiRoutes().length).toBeGreaterThan(30);
    for (const r of t.app.routeTable) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('refuses to boot with a route that declares no access', async () => {
    const app = Fastify();
    registerAccess(app, { database: {} as Database, clock: { now: () => new Date() } });
    expect(() => app.get('/api/oops', async () => ({ ok: true }))).toThrow(/declares no access/);
    await app.close();
  });
});

describe('workspace isolation', () => {
  it('answers 404 to workspace A for every record of workspace B, on every route, and changes nothing in B', async () => {
    const before = await snapshotOf(b, bRecords);
    const tokenClient = new Client(t.app).withHeaders({ authorization: `Bearer ${aRecords.token}` });
    const tried: string[] = [];
    for (const route of apiRoutes().filter((r) => r.url.includes(':') && r.access.kind === 'staff')) {
      for (const client of [a.admin, tokenClient]) {
        const res = await call(client, route, bRecords as unknown as Record<string, string>);
        expect(res.status, `${route.method} ${route.url} → ${JSON.stringify(res.body)}`).toBe(404);
        expect((res.body as { error: { code: string } }).error.code).toBe('not_found');
      }
      tried.push(`${route.method} ${route.url}`);
    }
    expect(tried.length).toBeGreaterThan(20);
    expect(await snapshotOf(b, bRecords)).toBe(before);
  });

  it('never shows B’s ids to A in any list, even when A filters by them', async () => {
    const bIds = recordIds(bRecords);
    const filters = `customerId=${bRecords.customerId}&productId=${bRecords.productId}&ownerId=${bRecords.userId}&departmentId=${bRecords.departmentId}`;
    for (const route of apiRoutes().filter(
      (r) =>
        r.method === 'GET' &&
        !r.url.includes(':') &&
        r.access.kind !== 'public' &&
        r.access.kind !== 'contact',
    )) {
      const res = await a.admin.get(`${route.url}?${filters}`);
      expect([200, 400, 404], `${route.url}`).toContain(res.status);
      const text = JSON.stringify(res.body);
      for (const id of bIds) expect(text.includes(id), `${route.url} leaks ${id}`).toBe(false);
    }
  });

  it('refuses references to B’s records inside A’s request bodies', async () => {
    const attempts: Array<[string, unknown]> = [
      ['/api/contacts', { customerId: bRecords.customerId, name: 'x' }],
      [
        '/api/orders',
        {
          customerId: bRecords.customerId,
          orderedAt: '2026-02-01',
          lines: [{ productId: aRecords.productId, quantity: 1, unitPriceCents: 1 }],
        },
      ],
      [
        '/api/orders',
        {
          customerId: aRecords.customerId,
          orderedAt: '2026-02-01',
          lines: [{ productId: bRecords.productId, quantity: 1, unitPriceCents: 1 }],
        },
      ],
      [
        '/api/assets',
        { customerId: aRecords.customerId, productId: bRecords.productId, serialNumber: 'X-1' },
      ],
      ['/api/customers', { code: 'REF-1', name: 'x', ownerId: bRecords.userId }],
      ['/api/users/invitations', { email: 'ref@example.com', name: 'x', roleIds: [bRecords.roleId] }],
    ];
    for (const [url, body] of attempts) {
      const res = await a.admin.post(url, body);
      expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('gives an admin-scoped API token the same answers as its owner on every list', async () => {
    const token = new Client(t.app).withHeaders({ authorization: `Bearer ${aRecords.token}` });
    for (const route of apiRoutes().filter(
      (r) => r.method === 'GET' && !r.url.includes(':') && r.access.kind === 'staff',
    )) {
      const [viaSession, viaToken] = [await a.admin.get(route.url), await token.get(route.url)];
      expect(viaToken.status, route.url).toBe(viaSession.status);
    }
  });

  it('refuses writes with a read-scoped token and everything with a revoked one', async () => {
    const created = await a.admin.post<{ token: { id: string }; secret: string }>('/api/api-tokens', {
      name: 'read only',
      scope: 'read',
    });
    const reader = new Client(t.app).withHeaders({ authorization: `Bearer ${created.body.secret}` });
    expect((await reader.get('/api/customers')).status).toBe(200);
    expect((await reader.post('/api/customers', { code: 'RO-1', name: 'x' })).status).toBe(403);
    await a.admin.delete(`/api/api-tokens/${created.body.token.id}`);
    expect((await reader.get('/api/customers')).status).toBe(401);
  });
});

describe('portal isolation', () => {
  it('shows a contact only their own company: 404 for another customer’s records, 403 on staff routes', async () => {
    const foreign: Record<string, string> = {
      ...(aRecords as unknown as Record<string, string>),
      customerId: aRecords.otherCustomerId,
      orderId: aRecords.otherOrderId,
      assetId: aRecords.otherAssetId,
      caseId: aRecords.otherCaseId,
      stepId: aRecords.otherStepId,
      attachmentId: aRecords.otherAttachmentId,
      linkId: aRecords.otherLinkId,
      checkpointId: aRecords.otherCheckpointId,
      returnId: aRecords.otherReturnId,
      photoId: aRecords.otherPhotoId,
    };
    for (const route of apiRoutes().filter((r) => r.url.includes(':'))) {
      const res = await call(aRecords.portal, route, foreign);
      if (route.access.kind === 'contact') expect(res.status, `${route.method} ${route.url}`).toBe(404);
      else if (route.access.kind === 'staff') expect(res.status, `${route.method} ${route.url}`).toBe(403);
      const text = JSON.stringify(res.body);
      for (const id of [
        aRecords.otherCustomerId,
        aRecords.otherOrderId,
        aRecords.otherAssetId,
        aRecords.otherCaseId,
        aRecords.otherStepId,
        aRecords.otherAttachmentId,
        aRecords.otherLinkId,
        aRecords.otherCheckpointId,
        aRecords.otherReturnId,
      ]) {
        if (res.status < 300) expect(text.includes(id), `${route.url} leaks ${id}`).toBe(false);
      }
    }
  });

  it('lists only the contact’s company and no internal fields', async () => {
    const internal = [
      'notes',
      'tags',
      'tier',
      'version',
      'actions',
      'externalRef',
      'ownerId',
      'searchText',
      'passwordHash',
      'workspaceId',
    ];
    for (const route of apiRoutes().filter((r) => r.access.kind === 'contact' && r.method === 'GET')) {
      const res = await aRecords.portal.get(
        fillPath(route.url, aRecords as unknown as Record<string, string>),
      );
      expect(res.status, route.url).toBe(200);
      const text = JSON.stringify(res.body);
      for (const id of [
        aRecords.otherCustomerId,
        aRecords.otherOrderId,
        aRecords.otherAssetId,
        aRecords.otherCaseId,
        aRecords.otherStepId,
        aRecords.otherReturnId,
        ...recordIds(bRecords),
      ])
        expect(text.includes(id), `${route.url} leaks ${id}`).toBe(false);
      for (const key of internal)
        expect(text.includes(`"${key}"`), `${route.url} exposes ${key}`).toBe(false);
    }
  });
});

describe('modules', () => {
  it('answers 404 on a module’s API when the module is off', async () => {
    const ws = await createWorkspace(t.app);
    expect((await ws.admin.get('/api/reports/overview')).status).toBe(200);
    const settings = await ws.admin.get<{ version: number }>('/api/workspace');
    const off = await ws.admin.patch<{ modules: Record<string, boolean> }>('/api/workspace', {
      modules: { reports: false },
      version: settings.body.version,
    });
    expect(off.status).toBe(200);
    expect(off.body.modules.reports).toBe(false);
    expect((await ws.admin.get('/api/reports/overview')).status).toBe(404);
    const me = await ws.admin.get<{ workspace: { modules: Record<string, boolean> } }>('/api/auth/me');
    expect(me.body.workspace.modules.reports).toBe(false);
  });
});
