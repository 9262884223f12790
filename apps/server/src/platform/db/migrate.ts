import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../migrations/index.js';
import { columnTypes } from '../../../migrations/types.js';
import type { Database } from './database.js';

export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const t = columnTypes(database.dialect);
  const migrator = new Migrator({
    db: database.unscoped,
    // Keep the bookkeeping tables in this schema: otherwise Kysely finds another schema's and skips ours.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
    provider: {
      async getMigrations() {
        const out: Record<string, Migration> = {};
        for (const m of migrations)
          out[m.name] = { up: (db) => m.up(db as Kysely<unknown>, database.dialect, t) };
        return out;
      },
    },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
