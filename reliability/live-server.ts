// The compiled server as a real process, for the crash, backup and soak suites: a fresh database (a SQLite file
// in a temporary directory, or a fresh PostgreSQL schema), the server started on it (`node
// apps/server/dist/src/main.js`, run `npm run build` first), killed, restarted, and a workspace signed up
// through HTTP with an API token. Read access to the database goes straight to it (better-sqlite3 read-only, or
// a pg client on the schema), so the checks do not trust the server under test.
import BetterSqlite3 from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DIALECT } from './record.js';

export const ROOT = new URL('..', import.meta.url).pathname;
const MAIN = join(ROOT, 'apps/server/dist/src/main.js');
const CLI = join(ROOT, 'apps/server/bin/aftercare.js');
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Row = Record<string, unknown>;

/** A fresh database for one suite: its URL and schema for the server, a reader, and a way to drop it. */
export interface LiveDatabase {
  dialect: 'sqlite' | 'postgres';
  url: string;
  schema: string | undefined;
  /** SQLite: the database file. */
  file: string | undefined;
  dataDir: string;
  /** Runs a read-only query, parameters as $1, $2… (SQLite: a fresh read-only connection each time). */
  query(text: string, params?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

export async function freshDatabase(
  name: string,
  options: { pgDatabaseUrl?: string; schema?: string } = {},
): Promise<LiveDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `aftercare-rel-${name}-`));
  if (DIALECT === 'sqlite') {
    const file = join(dataDir, 'aftercare.db');
    return {
      dialect: 'sqlite',
      url: `sqlite:${file}`,
      schema: undefined,
      file,
      dataDir,
      query: (text, params = []) => Promise.resolve(sqliteQuery(file, text, params)),
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const url = options.pgDatabaseUrl ?? PG_URL;
  const schema = options.schema ?? `rel_${name}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
  return {
    dialect: 'postgres',
    url,
    schema,
    file: undefined,
    dataDir,
    query: async (text, params = []) => (await pool.query(text, params)).rows as Row[],
    drop: async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Where a backup of `source` is restored: a new SQLite file, or on PostgreSQL a new database holding a schema of
 * the same name (an archive restores into the schema it was taken from).
 */
export async function restoreTarget(source: LiveDatabase): Promise<LiveDatabase> {
  if (source.dialect === 'sqlite') return freshDatabase('restore');
  const name = `rel_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: source.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(source.url);
  url.pathname = `/${name}`;
  const target = await freshDatabase('restore', {
    pgDatabaseUrl: url.toString(),
    schema: source.schema as string,
  });
  return {
    ...target,
    drop: async () => {
      await target.drop();
      const c = new pg.Client({ connectionString: source.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Every table of the database with its rows (SQLite: not the FTS index's own shadow tables). */
export async function tableNames(db: LiveDatabase): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await db.query(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_fts%' ORDER BY name",
        )
      : await db.query(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1",
          [db.schema],
        );
  return rows.map((r) => String(r.name));
}

function sqliteQuery(file: string, text: string, params: unknown[]): Row[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    // $1, $2… as on PostgreSQL, in order.
    return db.prepare(text.replace(/\$\d+/g, '?')).all(...params) as Row[];
  } finally {
    db.close();
  }
}

/** The environment the compiled server and CLI run with on `db`. */
export function serverEnv(db: LiveDatabase, port: number, secret: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    AFTERCARE_SECRET: secret,
    SECURE_COOKIES: 'false',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    AFTERCARE_DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    DATABASE_SCHEMA: db.schema ?? '',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'fatal',
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface LiveServer {
  url: string;
  pid: number;
  /** ms from spawn to /readyz 200. */
  readyMs: number;
  /** SIGKILL: no shutdown, no flush, the process is gone when this resolves. */
  kill(): Promise<void>;
  /** SIGTERM, graceful. */
  stop(): Promise<void>;
  /** Resident memory (VmRSS) in MiB. */
  rssMiB(): number;
  /** CPU time the process has used so far (user + system), in seconds (/proc/<pid>/stat). */
  cpuSeconds(): number;
  output(): string;
}

/**
 * Starts the compiled server on `db`, on the given port (the same port across restarts keeps clients simple).
 * On PostgreSQL the migrator lists the tables of every schema of the database (kysely's introspection); when
 * another test run drops its own schema at that moment, the start fails with `schema "<theirs>" does not
 * exist`. That start, and only that one, is retried: it says nothing about this server or this schema.
 */
export async function startServer(db: LiveDatabase, port: number, secret: string): Promise<LiveServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(db, port, secret);
    } catch (err) {
      const m = /schema "([^"]+)" does not exist/.exec(String(err));
      if (attempt >= 3 || !m || m[1] === db.schema) throw err;
    }
  }
}

async function startOnce(db: LiveDatabase, port: number, secret: string): Promise<LiveServer> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: serverEnv(db, port, secret),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - t0;
  const pid = child.pid as number;
  return {
    url,
    pid,
    readyMs,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    rssMiB: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : Number.NaN;
    },
    cpuSeconds: () => {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    output: () => output,
  };
}

/** Runs the compiled CLI (`aftercare <args>`) on `db`; throws with its output when it fails. */
export function runCli(db: LiveDatabase, secret: string, args: string[]): string {
  const res = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: serverEnv(db, 0, secret),
    encoding: 'utf8',
    timeout: 300_000,
  });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.status !== 0) throw new Error(`aftercare ${args.join(' ')} failed (${res.status}):\n${out}`);
  return out;
}

/** The same, without blocking the event loop (so load can keep running beside a backup). */
export function runCliAsync(db: LiveDatabase, secret: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: serverEnv(db, 0, secret),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`aftercare ${args.join(' ')} failed (${code}):\n${out}`)),
    );
  });
}

/** A 1×1 PNG (a real image: it decodes), as the server's tests use. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface Workspace {
  workspaceId: string;
  adminId: string;
  token: string;
  customers: Array<{ id: string; contactId: string }>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One API call with the token; resolves with the JSON body on 2xx, throws HttpError otherwise. */
export async function api<T>(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const text = await res.text();
  if (res.status < 200 || res.status >= 300)
    throw new HttpError(res.status, `${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Uploads the 1×1 PNG; resolves with the attachment id. */
export async function uploadPng(base: string, token: string, filename: string): Promise<string> {
  const boundary = `----AftercareRel${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    PNG_1PX,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${base}/api/attachments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
  const text = await res.text();
  if (res.status !== 201) throw new HttpError(res.status, `upload: ${res.status} ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

/** Signs a workspace up through HTTP, creates a write API token and a few customers with a contact each. */
export async function signUp(base: string, slug: string, customers = 4): Promise<Workspace> {
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      companyName: `可靠性测试 ${slug}`,
      slug,
      name: '管理员',
      email: `admin@${slug}.example.com`,
      password: 'correct horse battery',
    }),
  });
  if (res.status !== 201) throw new Error(`signup: ${res.status} ${await res.text()}`);
  const signup = (await res.json()) as { id: string; csrfToken: string; workspace: { id: string } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const tokenRes = await fetch(`${base}/api/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': signup.csrfToken },
    body: JSON.stringify({ name: 'reliability', scope: 'write' }),
  });
  if (tokenRes.status !== 201) throw new Error(`api token: ${tokenRes.status} ${await tokenRes.text()}`);
  const token = ((await tokenRes.json()) as { secret: string }).secret;
  const list: Workspace['customers'] = [];
  for (let i = 0; i < customers; i++) {
    const customer = await api<{ id: string }>(base, token, 'POST', '/api/customers', {
      code: `R${i}`,
      name: `华东机电 ${i}`,
    });
    const contact = await api<{ id: string }>(base, token, 'POST', '/api/contacts', {
      customerId: customer.id,
      name: `联系人 ${i}`,
      email: `c${i}@${slug}.example.cn`,
    });
    list.push({ id: customer.id, contactId: contact.id });
  }
  return { workspaceId: signup.workspace.id, adminId: signup.id, token, customers: list };
}

/**
 * What one case creation writes, checked for every case in the database: its first message, its search
 * document (case_search, and on SQLite the FTS row it points at), its `created` audit entry and its
 * `case.created` outbox event; every attached file has its content. Returns one line per problem.
 */
export async function halfApplied(db: LiveDatabase): Promise<string[]> {
  const ids = (rows: Row[], key: string) => new Set(rows.map((r) => String(r[key])));
  const cases = await db.query('SELECT id FROM cases');
  const withMessage = ids(await db.query('SELECT DISTINCT case_id FROM case_messages'), 'case_id');
  const withSearch = ids(await db.query('SELECT case_id FROM case_search'), 'case_id');
  const withAudit = ids(
    await db.query("SELECT entity_id FROM audit_log WHERE entity_type = 'case' AND action = 'created'"),
    'entity_id',
  );
  const created = new Set(
    (await db.query("SELECT payload FROM outbox WHERE type = 'case.created'")).map(
      (r) => (JSON.parse(String(r.payload)) as { caseId: string }).caseId,
    ),
  );
  const problems: string[] = [];
  for (const { id } of cases) {
    const c = String(id);
    if (!withMessage.has(c)) problems.push(`case ${c} has no message`);
    if (!withSearch.has(c)) problems.push(`case ${c} has no search document`);
    if (!withAudit.has(c)) problems.push(`case ${c} has no 'created' audit entry`);
    if (!created.has(c)) problems.push(`case ${c} has no case.created outbox event`);
  }
  if (db.dialect === 'sqlite') {
    const orphans = await db.query(
      'SELECT s.case_id FROM case_search s LEFT JOIN case_fts f ON f.rowid = s.doc_id WHERE f.rowid IS NULL',
    );
    for (const r of orphans) problems.push(`case ${String(r.case_id)} has no FTS row`);
  }
  const noContent = await db.query(
    'SELECT a.id FROM attachments a LEFT JOIN attachment_contents c ' +
      'ON c.workspace_id = a.workspace_id AND c.attachment_id = a.id WHERE c.attachment_id IS NULL',
  );
  for (const r of noContent) problems.push(`attachment ${String(r.id)} has no content`);
  const counter = await db.query("SELECT workspace_id, value FROM counters WHERE kind = 'case'");
  const perWs = await db.query('SELECT workspace_id, count(*) AS n FROM cases GROUP BY workspace_id');
  for (const w of perWs) {
    const value = Number(counter.find((c) => c.workspace_id === w.workspace_id)?.value ?? 0);
    if (value < Number(w.n))
      problems.push(`workspace ${String(w.workspace_id)}: counter ${value} < ${w.n} cases`);
  }
  return problems;
}

/**
 * The database's own checks. SQLite: PRAGMA integrity_check and foreign_key_check on the file, opened
 * read-only. PostgreSQL: every foreign key constraint of the schema is validated, and anti-joins over the main
 * references find nothing (the constraints enforce them; this proves they were in place and held).
 */
export async function integrity(db: LiveDatabase): Promise<{ ok: boolean; detail: string }> {
  if (db.dialect === 'sqlite') {
    const conn = new BetterSqlite3(db.file as string, { readonly: true, fileMustExist: true });
    try {
      const check = (conn.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
        (r) => r.integrity_check,
      );
      const fk = conn.pragma('foreign_key_check') as unknown[];
      const ok = check.length === 1 && check[0] === 'ok' && fk.length === 0;
      return {
        ok,
        detail: `integrity_check: ${check.slice(0, 5).join('; ')}; foreign_key_check: ${fk.length} rows`,
      };
    } finally {
      conn.close();
    }
  }
  const fks = await db.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT convalidated)::int AS invalid
       FROM pg_constraint WHERE contype = 'f' AND connamespace = $1::regnamespace`,
    [db.schema],
  );
  const broken: string[] = [];
  const refs: Array<[string, string, string, string]> = [
    ['case_messages', 'case_id', 'cases', 'id'],
    ['case_search', 'case_id', 'cases', 'id'],
    ['attachments', 'case_id', 'cases', 'id'],
    ['attachments', 'message_id', 'case_messages', 'id'],
    ['attachment_contents', 'attachment_id', 'attachments', 'id'],
    ['cases', 'customer_id', 'customers', 'id'],
    ['cases', 'contact_id', 'contacts', 'id'],
    ['case_sla', 'case_id', 'cases', 'id'],
  ];
  for (const [child, col, parent, pk] of refs) {
    const rows = await db.query(
      `SELECT count(*)::int AS n FROM ${child} c WHERE c.${col} IS NOT NULL AND NOT EXISTS ` +
        `(SELECT 1 FROM ${parent} p WHERE p.workspace_id = c.workspace_id AND p.${pk} = c.${col})`,
    );
    if (Number(rows[0]?.n) > 0) broken.push(`${child}.${col} → ${parent}: ${rows[0]?.n}`);
  }
  const total = Number(fks[0]?.n);
  const invalid = Number(fks[0]?.invalid);
  return {
    ok: total > 0 && invalid === 0 && broken.length === 0,
    detail: `${total} foreign keys, ${invalid} not validated; anti-joins: ${broken.join(', ') || 'none broken'}`,
  };
}
