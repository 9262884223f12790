import BetterSqlite3 from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrations } from '../../../migrations/index.js';
import { BackupError } from './errors.js';

/** The file behind a sqlite: URL (the same rule openDatabase uses). */
export function sqliteFileOf(url: string): string {
  const file = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  if (file === ':memory:' || file === '') throw new BackupError('An in-memory SQLite database has no file');
  return resolve(file);
}

export interface SqliteCheck {
  /** Tables in the file. */
  tables: number;
  /** Migrations recorded in the file. */
  migrations: string[];
}

/**
 * Checks that a file is a sound Aftercare database: PRAGMA integrity_check says ok, PRAGMA foreign_key_check
 * finds nothing, and its migrations are all known to this version. Throws a BackupError listing the problems.
 * Opens the file read-write (it may normalise the journal mode), so only call it on your own copy.
 */
export function checkSqliteFile(file: string): SqliteCheck {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
  } catch (err) {
    throw new BackupError(`Cannot open ${file}: ${messageOf(err)}`);
  }
  try {
    // A backup is one self-contained file: no -wal beside it.
    db.pragma('journal_mode = DELETE');
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
      (r) => r.integrity_check,
    );
    if (integrity.length !== 1 || integrity[0] !== 'ok')
      throw new BackupError(
        `PRAGMA integrity_check failed for ${file}:\n  ${integrity.slice(0, 20).join('\n  ')}`,
      );
    const fk = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
    if (fk.length > 0)
      throw new BackupError(
        `PRAGMA foreign_key_check found ${fk.length} broken reference(s) in ${file}, e.g. ` +
          fk
            .slice(0, 5)
            .map((r) => `${r.table} row ${r.rowid} → ${r.parent}`)
            .join(', '),
      );
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    if (!tables.includes('workspaces') || !tables.includes('kysely_migration'))
      throw new BackupError(`${file} is a SQLite database but not an Aftercare one (no workspaces table)`);
    const applied = db
      .prepare('SELECT name FROM kysely_migration ORDER BY name')
      .all()
      .map((r) => (r as { name: string }).name);
    const known = new Set(migrations.map((m) => m.name));
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length > 0)
      throw new BackupError(
        `${file} was written by a newer Aftercare (unknown migrations: ${unknown.join(', ')}); upgrade first`,
      );
    return { tables: tables.length, migrations: applied };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${file} is not a usable SQLite database: ${messageOf(err)}`);
  } finally {
    db.close();
  }
}

export interface SqliteBackupResult {
  file: string;
  bytes: number;
  check: SqliteCheck;
}

/**
 * An online, consistent copy of a live SQLite database through SQLite's backup API (better-sqlite3's
 * db.backup). The server may keep writing meanwhile: every page is copied in one step inside one read
 * transaction, which WAL lets run beside writers, so the copy is the database as of one commit. The copy is
 * written next to the target, checked (integrity_check, foreign_key_check) and only then renamed into place.
 */
export async function backupSqlite(
  dbFile: string,
  target: string,
  options: { source?: BetterSqlite3.Database; force?: boolean } = {},
): Promise<SqliteBackupResult> {
  const dest = resolve(target);
  if (dest === resolve(dbFile)) throw new BackupError('The backup file cannot be the database itself');
  if (existsSync(dest) && !options.force)
    throw new BackupError(`${dest} already exists; choose another name or pass --force to overwrite it`);
  if (!existsSync(dirname(dest))) throw new BackupError(`The directory ${dirname(dest)} does not exist`);
  if (!options.source && !existsSync(dbFile)) throw new BackupError(`There is no database at ${dbFile}`);
  const partial = `${dest}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const source = options.source ?? new BetterSqlite3(dbFile, { fileMustExist: true, timeout: 5000 });
  try {
    // All remaining pages in one step: a restart-free snapshot even while another process writes.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BackupError(`SQLite backup failed: ${messageOf(err)}`);
  } finally {
    if (!options.source) source.close();
  }
  try {
    const check = checkSqliteFile(partial);
    fsyncPath(partial);
    renameSync(partial, dest);
    fsyncPath(dirname(dest));
    return { file: dest, bytes: statSync(dest).size, check };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

export interface SqliteRestoreResult {
  file: string;
  /** Where the database that was replaced now is (kept until you delete it), or null when there was none. */
  previous: string | null;
  check: SqliteCheck;
}

/**
 * Replaces the database file with a backup. The server must be stopped: the database is locked exclusively
 * first and the restore refuses when anything still has it open. The backup is copied and checked before the
 * live file is touched; the replaced database is kept beside it as <db>.pre-restore-<time>, and stale -wal/-shm
 * files are moved away so they can never be replayed into the restored copy.
 */
export function restoreSqlite(dbFile: string, backupFile: string): SqliteRestoreResult {
  const from = resolve(backupFile);
  if (!existsSync(from)) throw new BackupError(`There is no file at ${from}`);
  if (from === resolve(dbFile)) throw new BackupError('The backup file is the database itself');
  mkdirSync(dirname(dbFile), { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const incoming = `${dbFile}.restore-${process.pid}-${stamp}`;
  copyFileSync(from, incoming);
  let check: SqliteCheck;
  try {
    check = checkSqliteFile(incoming);
    fsyncPath(incoming);
  } catch (err) {
    rmSync(incoming, { force: true });
    throw err;
  }

  let lock: BetterSqlite3.Database | null = null;
  let previous: string | null = null;
  try {
    if (existsSync(dbFile)) lock = lockExclusively(dbFile);
    if (existsSync(dbFile)) {
      previous = `${dbFile}.pre-restore-${stamp}`;
      renameSync(dbFile, previous);
      if (existsSync(`${dbFile}-wal`)) renameSync(`${dbFile}-wal`, `${previous}-wal`);
    }
    rmSync(`${dbFile}-wal`, { force: true });
    rmSync(`${dbFile}-shm`, { force: true });
    lock?.close();
    lock = null;
    renameSync(incoming, dbFile);
    fsyncPath(dirname(dbFile));
  } catch (err) {
    lock?.close();
    rmSync(incoming, { force: true });
    if (previous && !existsSync(dbFile) && existsSync(previous)) renameSync(previous, dbFile);
    throw err;
  }
  return { file: dbFile, previous, check };
}

/**
 * Takes the database's exclusive lock, or throws when another connection (a running server) has it open:
 * WAL connections keep a shared lock on the file for as long as they are open.
 */
function lockExclusively(dbFile: string): BetterSqlite3.Database | null {
  const db = new BetterSqlite3(dbFile, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      throw new BackupError(
        `The database ${dbFile} is in use (is the server running?). Stop the server, then restore.`,
      );
    // A corrupt or non-database file cannot be in use by a server; it is simply replaced.
    return null;
  }
  try {
    // Fold the WAL back into the old file so the copy kept aside is complete on its own.
    db.pragma('journal_mode = DELETE');
  } catch {
    // The old database may be damaged (that may be why it is being restored); keep its -wal beside it instead.
  }
  return db;
}

function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
