import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client } from '../../../test/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1, served at /api/docs/json, and lists every API route with its schemas', async () => {
    const res = await new Client(t.app).get<OpenApiDoc>('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(res.body.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const routes = t.app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
    );
    for (const r of routes) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(documented.has(`${r.method} ${path}`), `${r.method} ${path}`).toBe(true);
    }
    const createCustomer = res.body.paths['/api/customers']?.post;
    expect(createCustomer?.requestBody).toBeDefined();
    expect(Object.keys(createCustomer?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '401', '403']),
    );
  });

  it('serves the API explorer page', async () => {
    const res = await new Client(t.app).get<string>('/api/docs/');
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('swagger');
  });
});

describe('health and headers', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await new Client(t.app).get('/healthz')).status).toBe(200);
    expect((await new Client(t.app).get('/readyz')).status).toBe(200);
  });

  it('sends a request id and security headers on every reply', async () => {
    const res = await new Client(t.app)
      .withHeaders({ 'x-request-id': 'trace-abc-12345' })
      .get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toBe('trace-abc-12345');
    expect((res.body as { error: { requestId: string } }).error.requestId).toBe('trace-abc-12345');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});

describe('JSON bodies', () => {
  it('takes an empty JSON body as no body, and refuses prototype poisoning', async () => {
    const anon = new Client(t.app);
    const empty = await anon.request('POST', '/api/auth/login', '', { 'content-type': 'application/json' });
    expect(empty.status).toBe(400);
    expect((empty.body as { error: { code: string } }).error.code).toBe('validation_failed');
    const poisoned = await anon.request(
      'POST',
      '/api/auth/login',
      '{"__proto__":{"admin":true},"email":"a@b.co","password":"x"}',
      { 'content-type': 'application/json' },
    );
    expect(poisoned.status).toBe(400);
  });
});
