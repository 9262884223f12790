import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { BackupError, backupDatabase, checkSqliteFile, restoreDatabase } from './index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aftercare-backup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const WORKSPACE = '0190a000-0000-7000-8000-000000000001';

/** A migrated database file with one workspace and `rows` customers of ~1 KiB each. */
async function makeDatabase(file: string, rows: number): Promise<Database> {
  const database = openDatabase({ url: `sqlite:${file}` });
  await migrateToLatest(database);
  const now = new Date().toISOString();
  const sqlite = database.sqlite as BetterSqlite3.Database;
  sqlite
    .prepare(
      `INSERT INTO workspaces (id, slug, name, timezone, default_locale, modules, created_at, updated_at, version)
       VALUES (?, 'one', 'One', 'Asia/Shanghai', 'zh-CN', '{}', ?, ?, 1)`,
    )
    .run(WORKSPACE, now, now);
  const insert = sqlite.prepare(
    `INSERT INTO customers (workspace_id, id, code, name, tier, tags, notes, search_text, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, 'standard', '[]', ?, ?, ?, ?, 1)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < rows; i += 1)
      insert.run(
        WORKSPACE,
        crypto.randomUUID(),
        `P${i}`,
        `预置客户 ${i}`,
        'x'.repeat(1000),
        `p${i}`,
        now,
        now,
      );
  })();
  return database;
}

// A writer on its own connection in another thread: autocommitted inserts as fast as it can until told to stop.
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const shared = new Int32Array(workerData.shared);
const db = new Database(workerData.file, { timeout: 10000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const insert = db.prepare(
  "INSERT INTO customers (workspace_id, id, code, name, tier, tags, search_text, created_at, updated_at, version) " +
  "VALUES (?, ?, ?, ?, 'standard', '[]', ?, ?, ?, 1)");
let n = 0;
while (Atomics.load(shared, 0) === 0) {
  n += 1;
  const now = new Date().toISOString();
  insert.run(workerData.workspace, crypto.randomUUID(), 'W' + n, 'writer ' + n, 'w' + n, now, now);
  Atomics.store(shared, 1, n);
}
db.close();
parentPort.postMessage(n);
`;

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function writerCodes(file: string): number[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare("SELECT code FROM customers WHERE code LIKE 'W%'").pluck().all() as string[])
      .map((c) => Number(c.slice(1)))
      .sort((a, b) => a - b);
  } finally {
    db.close();
  }
}

describe('SQLite backup and restore', () => {
  it('takes a consistent online backup while another connection keeps writing', async () => {
    const live = join(dir, 'live.db');
    const database = await makeDatabase(live, 30_000);
    const sqlite = database.sqlite as BetterSqlite3.Database;
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const writer = new Worker(WRITER, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: live,
        workspace: WORKSPACE,
        shared: shared.buffer,
      },
    });
    const finished = new Promise<number>((resolve, reject) => {
      writer.on('message', (n: number) => resolve(n));
      writer.on('error', reject);
    });
    try {
      await until(() => Atomics.load(shared, 1) >= 200);
      // Everything committed before the backup starts, read on another connection.
      const committed = new Set(sqlite.prepare('SELECT id FROM customers').pluck().all() as string[]);
      const writtenAtStart = Atomics.load(shared, 1);
      const file = join(dir, 'backup.db');
      const report = await backupDatabase({ databaseUrl: `sqlite:${live}` }, file);
      const writtenAtEnd = Atomics.load(shared, 1);
      await until(() => Atomics.load(shared, 1) >= writtenAtEnd + 50);
      Atomics.store(shared, 0, 1);
      const total = await finished;

      expect(report.dialect).toBe('sqlite');
      expect(report.summary).toContain('integrity_check ok');
      expect(writtenAtEnd).toBeGreaterThan(writtenAtStart); // the writer really ran during the backup
      expect(existsSync(`${file}-wal`)).toBe(false); // one self-contained file
      const codes = writerCodes(file);
      // A snapshot: the writer's rows up to one commit, with no gaps.
      expect(codes).toEqual(Array.from({ length: codes.length }, (_, i) => i + 1));
      expect(codes.length).toBeGreaterThanOrEqual(writtenAtStart);
      expect(codes.length).toBeLessThan(total);

      // Restored elsewhere, it passes the checks and holds every row committed before the backup started.
      const restoredFile = join(dir, 'restored', 'aftercare.db');
      const restored = await restoreDatabase({ databaseUrl: `sqlite:${restoredFile}` }, file);
      expect(restored.previous).toBeNull();
      const db = new BetterSqlite3(restoredFile);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const ids = new Set(db.prepare('SELECT id FROM customers').pluck().all() as string[]);
        for (const id of committed) expect(ids.has(id)).toBe(true);
        expect(ids.size).toBe(30_000 + codes.length);
      } finally {
        db.close();
      }
    } finally {
      Atomics.store(shared, 0, 1);
      await writer.terminate();
      await database.close();
    }
  });

  it('restores over the live file, keeps the replaced one and clears stale -wal/-shm; refuses while in use', async () => {
    const live = join(dir, 'aftercare.db');
    const database = await makeDatabase(live, 10);
    const file = join(dir, 'before.db');
    await backupDatabase({ databaseUrl: `sqlite:${live}` }, file, {
      sqlite: database.sqlite as BetterSqlite3.Database,
    });
    await database.unscoped
      .insertInto('workspaces')
      .values({
        id: '0190a000-0000-7000-8000-000000000002',
        slug: 'two',
        name: 'Two',
        timezone: 'Asia/Shanghai',
        default_locale: 'zh-CN',
        modules: '{}',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        version: 1,
      })
      .execute();

    // The "server" still has the database open.
    await expect(restoreDatabase({ databaseUrl: `sqlite:${live}` }, file)).rejects.toThrow(
      /in use \(is the server running\?\)/,
    );
    expect(readdirSync(dir).filter((n) => n.includes('.restore-'))).toEqual([]);
    await database.close();

    // A crashed process may leave -wal/-shm behind; they must never be replayed into the restored copy.
    writeFileSync(`${live}-wal`, Buffer.alloc(4096, 7));
    writeFileSync(`${live}-shm`, Buffer.alloc(32768, 7));
    const report = await restoreDatabase({ databaseUrl: `sqlite:${live}` }, file);
    expect(report.previous).toMatch(/aftercare\.db\.pre-restore-/);
    expect(existsSync(`${live}-wal`)).toBe(false);
    expect(existsSync(`${live}-shm`)).toBe(false);

    const slugs = (path: string) => {
      const db = new BetterSqlite3(path, { readonly: true });
      try {
        return db.prepare('SELECT slug FROM workspaces ORDER BY slug').pluck().all();
      } finally {
        db.close();
      }
    };
    expect(slugs(live)).toEqual(['one']);
    expect(slugs(report.previous as string)).toEqual(['one', 'two']);
    const reopened = openDatabase({ url: `sqlite:${live}` });
    await migrateToLatest(reopened);
    expect(await reopened.unscoped.selectFrom('customers').select('id').execute()).toHaveLength(10);
    await reopened.close();
  });

  it('refuses damaged or foreign files and leaves the database untouched', async () => {
    const live = join(dir, 'aftercare.db');
    const database = await makeDatabase(live, 2000);
    const good = join(dir, 'good.db');
    await backupDatabase({ databaseUrl: `sqlite:${live}` }, good);
    await database.close();
    const target = { databaseUrl: `sqlite:${live}` };
    const original = readFileSync(live);

    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not a database'.repeat(100));
    await expect(restoreDatabase(target, garbage)).rejects.toThrow(BackupError);

    const truncated = join(dir, 'truncated.db');
    writeFileSync(truncated, readFileSync(good).subarray(0, Math.floor(readFileSync(good).length / 2)));
    await expect(restoreDatabase(target, truncated)).rejects.toThrow(/integrity_check|not a usable/);

    const foreign = join(dir, 'foreign.db');
    const other = new BetterSqlite3(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    other.close();
    await expect(restoreDatabase(target, foreign)).rejects.toThrow(/not an Aftercare one/);

    const broken = join(dir, 'broken.db');
    writeFileSync(broken, readFileSync(good));
    const b = new BetterSqlite3(broken);
    b.pragma('foreign_keys = OFF');
    b.prepare(
      `INSERT INTO customers (workspace_id, id, code, name, tier, tags, search_text, created_at, updated_at, version)
       VALUES ('0190a000-0000-7000-8000-0000000000ff', 'x', 'X', 'x', 'standard', '[]', 'x', 'now', 'now', 1)`,
    ).run();
    b.close();
    expect(() => checkSqliteFile(broken)).toThrow(/foreign_key_check found 1 broken reference/);
    await expect(restoreDatabase(target, broken)).rejects.toThrow(/foreign_key_check/);

    await expect(restoreDatabase(target, join(dir, 'missing.db'))).rejects.toThrow(/There is no file/);
    expect(readFileSync(live).equals(original)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.includes('.restore-') || n.includes('pre-restore'))).toEqual([]);

    // And a backup never overwrites an existing file unless told to.
    await expect(backupDatabase(target, good)).rejects.toThrow(/already exists/);
    await expect(backupDatabase(target, good, { force: true })).resolves.toMatchObject({ dialect: 'sqlite' });
  });
});
