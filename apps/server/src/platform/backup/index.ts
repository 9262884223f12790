import type BetterSqlite3 from 'better-sqlite3';
import { dialectOf, type Dialect } from '../db/database.js';
import { backupPostgres, restorePostgres } from './postgres.js';
import { backupSqlite, restoreSqlite, sqliteFileOf } from './sqlite.js';

export { BackupError } from './errors.js';
export { checkSqliteFile, sqliteFileOf } from './sqlite.js';

/** Which database to back up or restore: the DATABASE_URL / DATABASE_SCHEMA of the configuration. */
export interface BackupTarget {
  databaseUrl: string;
  databaseSchema?: string | undefined;
}

export interface BackupReport {
  dialect: Dialect;
  file: string;
  bytes: number;
  /** One line for people: what was written and how it was checked. */
  summary: string;
}

export interface RestoreReport {
  dialect: Dialect;
  file: string;
  /** SQLite only: where the replaced database file was kept. */
  previous: string | null;
  summary: string;
}

/**
 * Backs the database up to a file while the server keeps running. SQLite: online backup API + integrity_check +
 * foreign_key_check. PostgreSQL: pg_dump --format=custom, checked with pg_restore --list.
 */
export async function backupDatabase(
  target: BackupTarget,
  file: string,
  options: { force?: boolean; sqlite?: BetterSqlite3.Database } = {},
): Promise<BackupReport> {
  if (dialectOf(target.databaseUrl) === 'postgres') {
    const r = await backupPostgres(target.databaseUrl, target.databaseSchema, file, options);
    return {
      dialect: 'postgres',
      file: r.file,
      bytes: r.bytes,
      summary: `PostgreSQL backup written to ${r.file} (${formatBytes(r.bytes)}, ${r.tables} tables${
        target.databaseSchema ? ` in schema ${target.databaseSchema}` : ''
      }; pg_restore --list ok)`,
    };
  }
  const r = await backupSqlite(sqliteFileOf(target.databaseUrl), file, {
    force: options.force ?? false,
    ...(options.sqlite ? { source: options.sqlite } : {}),
  });
  return {
    dialect: 'sqlite',
    file: r.file,
    bytes: r.bytes,
    summary: `SQLite backup written to ${r.file} (${formatBytes(r.bytes)}, ${r.check.tables} tables; integrity_check ok, foreign_key_check ok)`,
  };
}

/**
 * Replaces the database with a backup after checking the backup. Stop the server first: on SQLite the restore
 * refuses while the database is open elsewhere; on PostgreSQL it runs in one transaction and waits for locks.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<RestoreReport> {
  if (dialectOf(target.databaseUrl) === 'postgres') {
    const r = await restorePostgres(target.databaseUrl, target.databaseSchema, file);
    return {
      dialect: 'postgres',
      file: r.file,
      previous: null,
      summary: `PostgreSQL database restored from ${r.file} (${r.tables} tables${
        target.databaseSchema ? ` in schema ${target.databaseSchema}` : ''
      })`,
    };
  }
  const r = restoreSqlite(sqliteFileOf(target.databaseUrl), file);
  return {
    dialect: 'sqlite',
    file: r.file,
    previous: r.previous,
    summary:
      `SQLite database ${r.file} restored from ${file} (integrity_check ok, foreign_key_check ok)` +
      (r.previous ? `; the replaced database was kept as ${r.previous}` : ''),
  };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
