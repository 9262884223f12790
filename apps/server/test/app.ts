import { inject } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { ManualClock } from '../src/platform/clock.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { dispatchOutbox, type DispatchResult } from '../src/platform/events/dispatcher.js';
import { EVENT_HANDLERS } from '../src/modules/index.js';

export interface TestApp {
  app: App;
  database: Database;
  clock: ManualClock;
  config: Config;
  /** Hands this workspace's pending outbox events to every event handler, as the server does every 2 s. */
  dispatch(workspaceId: string): Promise<DispatchResult>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://aftercare.test',
    AFTERCARE_DATA_DIR: tmpdir(),
  });
  return { ...base, ...overrides };
}

/** A server on a real database: the run's PostgreSQL schema, or a fresh SQLite file for this test file. */
export async function createTestApp(
  options: {
    clock?: ManualClock;
    config?: Partial<Config>;
    /** Wraps the database handle the server uses (e.g. to count statements). */
    wrap?: (database: Database) => Database;
  } = {},
): Promise<TestApp> {
  const pgSchema = inject('pgSchema');
  const url = pgSchema
    ? (process.env.DATABASE_URL as string)
    : `sqlite:${join(mkdtempSync(join(tmpdir(), 'aftercare-')), 'test.db')}`;
  const opened = openDatabase({ url, schema: pgSchema ?? undefined, poolSize: 4 });
  if (!pgSchema) await migrateToLatest(opened);
  const database = options.wrap ? options.wrap(opened) : opened;
  const clock = options.clock ?? new ManualClock(new Date());
  const config = testConfig({ databaseUrl: url, databaseSchema: pgSchema ?? undefined, ...options.config });
  const app = await buildApp({ config, database, clock });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    dispatch: (workspaceId) =>
      dispatchOutbox(app.deps, EVENT_HANDLERS, clock.now(), { workspaceIds: [workspaceId] }),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
