import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgSchema: string | null;
  }
}

/**
 * On PostgreSQL (DATABASE_URL=postgres://…) the run gets a fresh schema, migrated once and dropped at the end;
 * every test still builds its own workspace inside it. On SQLite each test file opens its own database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (!url || !url.startsWith('postgres')) {
    project.provide('pgSchema', null);
    return async () => {};
  }
  const schema = `aftercare_test_${process.pid}_${Date.now()}`;
  const admin = openDatabase({ url });
  await admin.unscoped.schema.createSchema(schema).execute();
  await admin.close();
  const db = openDatabase({ url, schema });
  await migrateToLatest(db);
  await db.close();
  project.provide('pgSchema', schema);
  return async () => {
    const cleanup = openDatabase({ url });
    await cleanup.unscoped.schema.dropSchema(schema).cascade().execute();
    await cleanup.close();
  };
}
