import { sql, type Kysely } from 'kysely';

/**
 * ANALYZE of every table of the connection's schema on PostgreSQL, as one does after a bulk load: tables that
 * grew from empty keep their "empty" statistics until autovacuum comes round, and the planner picks plans for
 * empty tables. A no-op on SQLite.
 */
export async function analyzeSchema<T>(db: Kysely<T>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`DO $$ DECLARE t record; BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
      EXECUTE format('ANALYZE %I', t.tablename);
    END LOOP; END $$`.execute(db);
}
