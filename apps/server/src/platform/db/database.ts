import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import type Pg from 'pg';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema.js';
import { TenantGuardPlugin } from './tenant-guard.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A repository works on the database or inside a transaction alike. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  dialect: Dialect;
  /** PostgreSQL schema (search_path) this handle works in, when not the default. */
  schema?: string | undefined;
  /** Guarded: every query on a tenant table must name workspace_id. Use this everywhere. */
  db: Db;
  /** Unguarded, for the few lookups that must cross workspaces (sign-in by email). Grep-able on purpose. */
  unscoped: Db;
  /** The raw SQLite handle (backups, integrity checks); undefined on PostgreSQL. */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  schema?: string | undefined;
  sqliteSynchronous?: 'FULL' | 'NORMAL' | undefined;
  poolSize?: number | undefined;
}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

// Each database's driver loads only when that database is used.
const require = createRequire(import.meta.url);

const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184, numeric: 1700 } as const;

export function openDatabase(options: DatabaseOptions): Database {
  const dialect = dialectOf(options.url);
  if (dialect === 'postgres') {
    const pg = require('pg') as typeof Pg;
    const parsers: Record<number, (v: string) => unknown> = {
      [OID.int8]: (v) => Number(v),
      [OID.numeric]: (v) => Number(v),
      [OID.date]: (v) => v,
      [OID.timestamptz]: (v) => new Date(v).toISOString(),
      [OID.timestamp]: (v) => new Date(`${v}Z`).toISOString(),
    };
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof Pg.types.getTypeParser,
      },
    });
    const unscoped = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      dialect,
      schema: options.schema,
      unscoped,
      db: unscoped.withPlugin(new TenantGuardPlugin()),
      close: () => unscoped.destroy(),
    };
  }
  const file = options.url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const unscoped = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    dialect,
    unscoped,
    db: unscoped.withPlugin(new TenantGuardPlugin()),
    sqlite,
    close: () => unscoped.destroy(),
  };
}

/**
 * better-sqlite3 compiles a statement on every `prepare`, and Kysely prepares each query it runs: a case creation
 * spent more time compiling its dozen statements than running them. Statements are kept by their SQL text (our
 * queries are parameterised, so the set is small) in a bounded least-recently-used map.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, size = 2000): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/** Booleans come back as 0/1 from SQLite and true/false from PostgreSQL. */
export function toBool(v: boolean | number | null | undefined): boolean {
  return v === true || v === 1;
}
export function fromBool(v: boolean): 0 | 1 {
  return v ? 1 : 0;
}

/** Unique-constraint violations on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  if (e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true;
  // SQLite runs ON DELETE CASCADE / SET NULL actions as triggers: a row they reach that is still referenced
  // (deleting a customer cascades to its contacts, which a case still names) fails as a trigger constraint.
  return e?.code === 'SQLITE_CONSTRAINT_TRIGGER' && e.message === 'FOREIGN KEY constraint failed';
}

/** Case-insensitive "contains" that works on both databases. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
