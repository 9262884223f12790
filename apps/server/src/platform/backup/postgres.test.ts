import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@aftercare/contracts';
import { sql } from 'kysely';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../app.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { testConfig } from '../../../test/app.js';
import { openMigrated } from '../../main.js';
import { Client, sessionFrom } from '../../../test/client.js';
import { BackupError, backupDatabase, restoreDatabase } from './index.js';

const url = process.env.DATABASE_URL ?? '';
const onPostgres = url.startsWith('postgres');
const schema = `aftercare_backup_${process.pid}_${Date.now()}`;
const target = { databaseUrl: url, databaseSchema: schema };
let dir: string;

async function withApp<T>(fn: (app: App, database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase({ url, schema, poolSize: 2 });
  const app = await buildApp({ config: testConfig({ databaseUrl: url, databaseSchema: schema }), database });
  await app.ready();
  try {
    return await fn(app, database);
  } finally {
    await app.close();
    await database.close();
  }
}

async function signIn(app: App, email: string): Promise<Client> {
  const res = await new Client(app).post('/api/auth/login', { email, password: 'correct horse battery' });
  expect(res.status).toBe(200);
  return new Client(app, sessionFrom(res));
}

describe.skipIf(!onPostgres)('PostgreSQL backup and restore', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aftercare-pgbackup-'));
    // Creates the schema and migrates it (see openMigrated for why not migrateToLatest alone).
    const { database } = await openMigrated(testConfig({ databaseUrl: url, databaseSchema: schema }));
    await database.close();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const admin = openDatabase({ url });
    await admin.unscoped.schema.dropSchema(schema).ifExists().cascade().execute();
    await admin.close();
  });

  it('round-trips a dedicated schema: pg_dump --format=custom, then an all-or-nothing restore', async () => {
    const file = join(dir, 'aftercare.dump');
    const before = await withApp(async (app) => {
      const signup = await new Client(app).post('/api/auth/signup', {
        companyName: '备份测试公司',
        slug: 'backup-one',
        name: '管理员',
        email: 'admin@backup.example.com',
        password: 'correct horse battery',
      });
      expect(signup.status).toBe(201);
      const admin = new Client(app, sessionFrom(signup));
      const ids: string[] = [];
      for (const [i, name] of ['上海一号', '北京二号', '深圳三号'].entries()) {
        const res = await admin.post<Customer>('/api/customers', {
          code: `B${i}`,
          name,
          latitude: 31.2,
          longitude: 121.5,
        });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      return ids;
    });

    const report = await backupDatabase(target, file);
    expect(report.dialect).toBe('postgres');
    expect(report.summary).toContain(`in schema ${schema}`);

    // Life goes on: a customer deleted, another workspace signed up, a table a newer version would add.
    await withApp(async (app, database) => {
      const admin = await signIn(app, 'admin@backup.example.com');
      expect((await admin.delete(`/api/customers/${before[0]}`)).status).toBe(200);
      expect((await admin.post('/api/customers', { code: 'B9', name: '之后添加' })).status).toBe(201);
      const other = await new Client(app).post('/api/auth/signup', {
        companyName: '之后注册',
        slug: 'backup-two',
        name: '管理员',
        email: 'admin2@backup.example.com',
        password: 'correct horse battery',
      });
      expect(other.status).toBe(201);
      await sql`CREATE TABLE later_feature (id integer PRIMARY KEY)`.execute(database.unscoped);
    });

    const restored = await restoreDatabase(target, file);
    expect(restored.dialect).toBe('postgres');

    await withApp(async (app, database) => {
      const admin = await signIn(app, 'admin@backup.example.com');
      const list = await admin.get<{ items: Customer[]; total: number }>('/api/customers?sort=code');
      expect(list.body.items.map((c) => c.id)).toEqual(before);
      const slugs = await database.unscoped.selectFrom('workspaces').select('slug').execute();
      expect(slugs.map((s) => s.slug)).toEqual(['backup-one']);
      const later = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = ${schema} AND table_name = 'later_feature'`.execute(database.unscoped);
      expect(later.rows[0]?.n).toBe(0);
      // The restore ends by analysing what it loaded: the planner has statistics for every restored table.
      const unanalysed = await sql<{ relname: string }>`
        SELECT relname FROM pg_stat_user_tables
        WHERE schemaname = ${schema} AND last_analyze IS NULL AND last_autoanalyze IS NULL`.execute(
        database.unscoped,
      );
      expect(unanalysed.rows.map((r) => r.relname)).toEqual([]);
      // Migrations agree with the restored schema and the history is intact.
      await expect(migrateToLatest(database)).resolves.toBeDefined();
      const history = await admin.get<Array<{ action: string }>>(`/api/customers/${before[0]}/history`);
      expect(history.status).toBe(200);
    });
    // pg_dump and pg_restore of a whole migrated schema: seconds alone, more on a busy 2-core machine.
  }, 120_000);

  it('refuses archives it cannot use before touching the database', async () => {
    const garbage = join(dir, 'garbage.dump');
    writeFileSync(garbage, 'not an archive');
    await expect(restoreDatabase(target, garbage)).rejects.toThrow(BackupError);
    await expect(restoreDatabase(target, garbage)).rejects.toThrow(/pg_restore failed/);

    // An archive of this schema restored where another schema is configured would restore nothing: refused.
    const file = join(dir, 'other.dump');
    await backupDatabase(target, file);
    await expect(
      restoreDatabase({ databaseUrl: url, databaseSchema: `${schema}_other` }, file),
    ).rejects.toThrow(/no Aftercare database in schema/);
    await expect(backupDatabase(target, file)).rejects.toThrow(/already exists/);

    const wrong = { databaseUrl: url.replace(/\/[^/]*$/, '/aftercare_no_such_db'), databaseSchema: schema };
    await expect(backupDatabase(wrong, join(dir, 'x.dump'))).rejects.toThrow(
      /pg_dump failed[\s\S]*aftercare_no_such_db/,
    );
  });
});
