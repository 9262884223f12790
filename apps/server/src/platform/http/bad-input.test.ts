import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { MAX_VERSION } from '@aftercare/contracts';
import { GlobalTables } from '../db/schema.js';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf, type Reply } from '../../../test/client.js';
import { exampleOf } from '../../../test/examples.js';
import { createWorkspace, type Workspace } from '../../../test/factories.js';
import { fillPath, populate, type Records } from '../../../test/fixtures.js';
import type { RouteInfo } from './access.js';

let t: TestApp;
let ws: Workspace;
let records: Records;

type Method = 'POST' | 'PATCH' | 'PUT';
/**
 * Every table with a workspace_id column, read from the database itself, so a new table can never be left out.
 * (The FTS5 index and its shadow tables have no such column: the index rows follow `case_search`.)
 */
let tenantTables: string[] = [];

async function readTenantTables(): Promise<string[]> {
  const db = t.database.db;
  const tables = await db.introspection.getTables();
  // PostgreSQL lists every schema's tables; keep this run's (SQLite has one schema).
  const current =
    t.database.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  return tables
    .filter((table) => current === undefined || table.schema === current)
    .filter((table) => !table.isView && table.columns.some((c) => c.name === 'workspace_id'))
    .map((table) => table.name)
    .filter((name) => !GlobalTables.has(name))
    .sort();
}

/** Row counts of every tenant table of the workspace: bad input must leave all of them as they were. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tenantTables) {
    const r = await t.database.db
      .selectFrom(table as 'cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', ws.me.workspace.id)
      .executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

function expectErrorShape(res: Reply, label: string): void {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  const body = res.body as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
  expect(typeof body.error?.code, label).toBe('string');
  expect(typeof body.error?.message, label).toBe('string');
  expect(typeof body.error?.requestId, label).toBe('string');
  expect(JSON.stringify(body), label).not.toMatch(/at .+\.(ts|js):\d+/);
}

const writeRoutes = (): RouteInfo[] =>
  t.app.routeTable.filter(
    (r) =>
      ['POST', 'PATCH', 'PUT'].includes(r.method) &&
      r.url.startsWith('/api/') &&
      (r.schema as { body?: unknown } | undefined)?.body,
  );

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t.app);
  records = await populate(t.app, ws);
  tenantTables = await readTenantTables();
  expect(tenantTables).toEqual(expect.arrayContaining(['cases', 'case_messages', 'audit_log', 'outbox']));
}, 120_000);
afterAll(() => t.close());

describe('bad input on every route with a body', () => {
  it('gets a 4xx in the error shape and changes nothing', async () => {
    const before = await counts();
    const ids = records as unknown as Record<string, string>;
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const url = fillPath(route.url, ids);
      const method = route.method as Method;
      const schema = (route.schema as { body: { required?: string[] } }).body;
      const label = `${method} ${route.url}`;
      // Portal routes are for contacts: staff would be refused before the body is even read.
      const client = route.access.kind === 'contact' ? records.portal : ws.admin;
      // wrong type for the whole body
      expectErrorShape(
        await client.request(method, url, '"just a string"', { 'content-type': 'application/json' }),
        `${label} string body`,
      );
      expectErrorShape(
        await client.request(method, url, '[1,2,3]', { 'content-type': 'application/json' }),
        `${label} array body`,
      );
      // broken JSON
      expectErrorShape(
        await client.request(method, url, '{"name": ', { 'content-type': 'application/json' }),
        `${label} broken json`,
      );
      // an unknown field next to valid ones
      const unknown = await client.request(method, url, {
        ...(exampleOf(schema) as object),
        zzUnknownField: 1,
      });
      expectErrorShape(unknown, `${label} unknown field`);
      expect(unknown.status).toBe(400);
      // missing required fields
      if (schema.required?.length) {
        const missing = await client.request(method, url, {});
        expectErrorShape(missing, `${label} missing fields`);
        const fields = (
          (missing.body as { error: { details?: Array<{ field: string }> } }).error.details ?? []
        ).map((d) => d.field);
        for (const f of schema.required)
          if (!['token'].includes(f)) expect(fields, `${label} lists ${f}`).toContain(f);
      }
      // oversized body
      const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
      const big = await client.request(method, url, huge, { 'content-type': 'application/json' });
      expectErrorShape(big, `${label} oversized`);
      expect(big.status).toBe(413);
      // a content type the API does not take
      expectErrorShape(
        await client.request(method, url, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }),
        `${label} form body`,
      );
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a version the database cannot store with 400 on every route; the largest it takes is no 500', async () => {
    const before = await counts();
    const ids = records as unknown as Record<string, string>;
    const versioned = writeRoutes().filter(
      (r) => (r.schema as { body: { properties?: Record<string, unknown> } }).body.properties?.version,
    );
    expect(versioned.length).toBeGreaterThan(15);
    for (const route of versioned) {
      const url = fillPath(route.url, ids);
      const client = route.access.kind === 'contact' ? records.portal : ws.admin;
      const body = exampleOf((route.schema as { body: unknown }).body) as object;
      const label = `${route.method} ${route.url}`;
      const over = await client.request(route.method as Method, url, { ...body, version: MAX_VERSION + 1 });
      expectErrorShape(over, `${label} version over`);
      expect(over.status, label).toBe(400);
      expect(fieldsOf(over), label).toContainEqual(expect.stringMatching(/^version:/));
    }
    expect(await counts()).toEqual(before);
    // A write stores the next version: at the largest one PostgreSQL refused that next one with a 500.
    for (const route of versioned) {
      const url = fillPath(route.url, ids);
      const client = route.access.kind === 'contact' ? records.portal : ws.admin;
      const body = exampleOf((route.schema as { body: unknown }).body) as object;
      const res = await client.request(route.method as Method, url, { ...body, version: MAX_VERSION });
      expect(res.status, `${route.method} ${route.url}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
    }
  });

  it('answers malformed path parameters and query strings with 400, not 500', async () => {
    const res = await ws.admin.get('/api/customers/not-a-uuid');
    expectErrorShape(res, 'bad uuid');
    expect(res.status).toBe(400);
    expectErrorShape(await ws.admin.get('/api/customers?page=zero&pageSize=100000'), 'bad paging');
    expectErrorShape(await ws.admin.get('/api/customers?sort=name;drop%20table'), 'bad sort');
    // A page number whose row offset would overflow the database's integers is refused, not a 500.
    for (const url of [
      '/api/customers?page=1e21',
      '/api/orders?page=1e308',
      '/api/portal/cases?page=99999999999',
    ]) {
      const far = await (url.startsWith('/api/portal') ? records.portal : ws.admin).get(url);
      expectErrorShape(far, url);
      expect(far.status, url).toBe(400);
    }
    expect((await ws.admin.get('/api/customers?page=1000000&pageSize=200')).status).toBe(200);
    // Sort keys named like Object.prototype members are unknown keys (the default order), not columns.
    for (const list of ['customers', 'contacts', 'assets', 'orders', 'cases', 'users', 'products'])
      for (const sort of ['constructor', '-toString', 'valueOf', 'hasOwnProperty']) {
        const res = await ws.admin.get(`/api/${list}?sort=${sort}`);
        expect(res.status, `${list} sort=${sort}`).toBe(200);
      }
  });

  it('answers a path it cannot decode and an over-long path parameter with 400 in the error shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/customers/%E0%A4%A'],
      ['GET', '/api/customers/%zz/history'],
      ['PATCH', `/api/products/${'x'.repeat(5000)}/editions/${records.editionId}`],
    ] as const) {
      const res = await ws.admin.request(
        method,
        url,
        method === 'GET' ? undefined : { name: 'x', version: 1 },
      );
      expect(res.status, url).toBe(400);
      expectErrorShape(res, url);
      expect((res.body as { error: { code: string } }).error.code).toBe('bad_request');
    }
  });

  it('answers a multipart body it cannot parse with 400, not 500', async () => {
    for (const [url, client] of [
      ['/api/attachments', ws.admin],
      ['/api/portal/attachments', records.portal],
      ['/api/orders/import', ws.admin],
    ] as const) {
      for (const type of ['multipart/form-data', 'multipart/form-data; charset=utf-8']) {
        const res = await client.request('POST', url, 'garbage', { 'content-type': type });
        expect(res.status, `${url} ${type}`).toBe(400);
        expectErrorShape(res, `${url} ${type}`);
      }
    }
  });

  it('refuses U+0000 in a body, query string or path with a field error (PostgreSQL cannot store it)', async () => {
    const before = await counts();
    const cases: Array<[Method | 'GET', string, unknown, string]> = [
      ['POST', `/api/cases/${records.caseId}/messages`, { body: '\u0000', visibility: 'public' }, 'body'],
      ['POST', `/api/cases/${records.caseId}/time`, { minutes: 5, note: 'a\u0000b' }, 'note'],
      ['PUT', `/api/departments/${records.departmentId}`, { name: 'x\u0000', kind: 'finance' }, 'name'],
      ['POST', '/api/customers', { code: 'NUL', name: 'ok', tags: ['a', 'b\u0000'] }, 'tags/1'],
      ['GET', '/api/customers?q=%00', undefined, 'q'],
      ['GET', '/api/cases?q=a%00b', undefined, 'q'],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await ws.admin.request(method, url, body);
      expectErrorShape(res, `${method} ${url}`);
      expect(res.status, `${method} ${url}`).toBe(400);
      expect(fieldsOf(res), `${method} ${url}`).toEqual([`${field}:invalid_value`]);
    }
    // The check walks any depth: deeply nested bodies are refused by the schema, not by a stack overflow.
    const deep = `{"name":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    const nested = await ws.admin.request('POST', '/api/customers', deep, {
      'content-type': 'application/json',
    });
    expectErrorShape(nested, 'deeply nested');
    expect(nested.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('answers unknown API paths with the error shape', async () => {
    const res = await ws.admin.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expectErrorShape(res, 'unknown path');
  });
});
