import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../app.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { testConfig } from '../../../test/app.js';

describe('route schemas', () => {
  // The server compiles validators and serializers on a route's first request; this compiles them all at once,
  // so a schema that cannot compile fails here rather than on some route nobody called in the other tests.
  it('all compile (validators and response serializers of every route)', async () => {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'aftercare-')), 'schemas.db')}`;
    const database = openDatabase({ url });
    await migrateToLatest(database);
    const app = await buildApp({ config: testConfig({ databaseUrl: url }), database, eagerSchemas: true });
    await expect(app.ready()).resolves.toBeDefined();
    expect(app.printRoutes().length).toBeGreaterThan(0);
    await app.close();
    await database.close();
  });
});
