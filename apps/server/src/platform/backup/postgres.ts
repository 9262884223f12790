import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BackupError } from './errors.js';

/**
 * The connection for the PostgreSQL client tools: the URL without its password (which would show in `ps`)
 * and the password in PGPASSWORD instead.
 */
export function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT ?? '15' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { dbname: url, env };
  }
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = '';
  }
  return { dbname: parsed.toString(), env };
}

interface Ran {
  stdout: string;
  stderr: string;
}

/** Runs a client tool; a non-zero exit becomes a BackupError carrying the tool's stderr. */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new BackupError(
          e.code === 'ENOENT'
            ? `${command} was not found on PATH. Install the PostgreSQL client tools (the server's major version or newer).`
            : `${command} could not be started: ${e.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code === 0) resolvePromise({ stdout, stderr });
      else
        reject(
          new BackupError(
            `${command} failed (${signal ? `signal ${signal}` : `exit code ${code}`})${stderr ? `:\n${stderr}` : ''}`,
          ),
        );
    });
  });
}

interface ArchiveInfo {
  /** Schema of every table in the archive. */
  tableSchemas: Set<string>;
  tables: number;
}

/** Reads an archive's table of contents (pg_restore --list): proves it is a readable custom-format dump. */
async function inspectArchive(file: string, expectedSchema: string): Promise<ArchiveInfo> {
  const { stdout } = await runTool('pg_restore', ['--list', file], process.env);
  const tableSchemas = new Set<string>();
  let tables = 0;
  let hasWorkspaces = false;
  for (const line of stdout.split('\n')) {
    const m = /^\d+; \d+ \d+ TABLE (\S+) (\S+) /.exec(line);
    if (!m) continue;
    tables += 1;
    tableSchemas.add(m[1] as string);
    if (m[1] === expectedSchema && m[2] === 'workspaces') hasWorkspaces = true;
  }
  if (!hasWorkspaces)
    throw new BackupError(
      tables === 0
        ? `${file} contains no tables`
        : `${file} holds no Aftercare database in schema "${expectedSchema}" (it has tables in: ${[...tableSchemas].join(', ')}). ` +
            'Set DATABASE_SCHEMA to the schema the backup was taken from.',
    );
  return { tableSchemas, tables };
}

export interface PgBackupResult {
  file: string;
  bytes: number;
  tables: number;
}

/**
 * pg_dump --format=custom of the configured database (only DATABASE_SCHEMA when set). pg_dump reads one
 * consistent snapshot, so the server may keep running. The archive is written beside the target, listed with
 * pg_restore --list to prove it is readable, then renamed into place.
 */
export async function backupPostgres(
  url: string,
  schema: string | undefined,
  target: string,
  options: { force?: boolean } = {},
): Promise<PgBackupResult> {
  const dest = resolve(target);
  if (existsSync(dest) && !options.force)
    throw new BackupError(`${dest} already exists; choose another name or pass --force to overwrite it`);
  if (!existsSync(dirname(dest))) throw new BackupError(`The directory ${dirname(dest)} does not exist`);
  const partial = `${dest}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const { dbname, env } = pgConnection(url);
  try {
    await runTool(
      'pg_dump',
      [
        '--format=custom',
        `--file=${partial}`,
        '--no-password',
        ...(schema ? [`--schema=${schema}`] : []),
        `--dbname=${dbname}`,
      ],
      env,
    );
    const info = await inspectArchive(partial, schema ?? 'public');
    renameSync(partial, dest);
    return { file: dest, bytes: statSync(dest).size, tables: info.tables };
  } finally {
    rmSync(partial, { force: true });
  }
}

export interface PgRestoreResult {
  file: string;
  tables: number;
}

/**
 * Restores an archive made by backupPostgres, all or nothing. The archive is checked first (pg_restore --list:
 * readable, and holding the configured schema). pg_restore --clean --if-exists --no-owner turns it into SQL, which
 * psql runs in ONE transaction with ON_ERROR_STOP, so a failure leaves the database as it was. With
 * DATABASE_SCHEMA the whole schema is dropped first in that same transaction, so tables a newer version added are
 * gone too and migrations run cleanly afterwards. Stop the server first: the restore waits for its locks.
 */
export async function restorePostgres(
  url: string,
  schema: string | undefined,
  source: string,
): Promise<PgRestoreResult> {
  const from = resolve(source);
  if (!existsSync(from)) throw new BackupError(`There is no file at ${from}`);
  const info = await inspectArchive(from, schema ?? 'public');
  const { dbname, env } = pgConnection(url);
  const work = mkdtempSync(join(tmpdir(), 'aftercare-restore-'));
  try {
    const script = join(work, 'restore.sql');
    writeFileSync(script, '', { mode: 0o600 });
    await runTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', `--file=${script}`, from],
      process.env,
    );
    const preamble = join(work, 'preamble.sql');
    writeFileSync(preamble, schema ? `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE;\n` : '', {
      mode: 0o600,
    });
    await runTool(
      'psql',
      [
        '--no-psqlrc',
        '--quiet',
        '--no-password',
        '--single-transaction',
        '--set=ON_ERROR_STOP=1',
        `--dbname=${dbname}`,
        `--file=${preamble}`,
        `--file=${script}`,
      ],
      env,
    );
    // A restore is a bulk load: without fresh statistics the planner reads the restored tables as empty (and
    // picks sorts over index ranges) until autovacuum gets round to them. Analyse the restored schema now.
    const target = (schema ?? 'public').replace(/'/g, "''");
    await runTool(
      'psql',
      [
        '--no-psqlrc',
        '--quiet',
        '--no-password',
        '--set=ON_ERROR_STOP=1',
        `--dbname=${dbname}`,
        `--command=DO $$ DECLARE t record; BEGIN FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname = '${target}' LOOP EXECUTE format('ANALYZE %I.%I', t.schemaname, t.tablename); END LOOP; END $$`,
      ],
      env,
    );
    return { file: from, tables: info.tables };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
