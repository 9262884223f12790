import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../apps/server/test/app.js';
import { createWorkspace } from '../apps/server/test/factories.js';
import { record } from './record.js';

// The harness itself: a workspace can be built and a figure recorded on this run's database.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('reliability harness', () => {
  it('builds a workspace on the run database and records a figure', async () => {
    const ws = await createWorkspace(t.app);
    const me = await ws.admin.get('/api/auth/me');
    record({
      suite: 'harness',
      name: 'a signed-up admin reads /api/auth/me',
      value: me.status,
      unit: 'HTTP',
      target: '200',
      pass: me.status === 200,
    });
    expect(me.status).toBe(200);
  });
});
