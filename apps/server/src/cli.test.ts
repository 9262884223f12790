import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '@aftercare/contracts';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type App } from './app.js';
import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { runCli } from './cli.js';
import { startServer, type Io } from './main.js';

/** Captures what a command prints. */
function capture(): Io & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    text: () => [...stdout, ...stderr].join('\n'),
  };
}

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const io = capture();
  const code = await runCli(argv, { env, io });
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** The API over the database a command worked on, as a server would see it. */
async function withApp<T>(env: NodeJS.ProcessEnv, fn: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const database = openDatabase({ url: config.databaseUrl, schema: config.databaseSchema, poolSize: 2 });
  const app = await buildApp({ config, database });
  try {
    await app.ready();
    return await fn(app);
  } finally {
    await app.close();
    await database.close();
  }
}

async function login(env: NodeJS.ProcessEnv, email: string, password: string, workspace?: string) {
  return withApp(env, async (app) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password, ...(workspace ? { workspace } : {}) },
    });
    return { status: res.statusCode, me: res.json<Me>() };
  });
}

const pgUrl = process.env.DATABASE_URL ?? '';
const targets = [
  { name: 'SQLite', postgres: false },
  ...(pgUrl.startsWith('postgres') ? [{ name: 'PostgreSQL', postgres: true }] : []),
];

describe.each(targets)('aftercare CLI on $name', ({ postgres }) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const schema = `aftercare_cli_${process.pid}_${Date.now()}`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aftercare-cli-'));
    env = {
      NODE_ENV: 'test',
      AFTERCARE_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'http://aftercare.test',
      DATABASE_URL: postgres ? pgUrl : `sqlite:${join(dir, 'aftercare.db')}`,
      ...(postgres ? { DATABASE_SCHEMA: schema } : {}),
    };
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (postgres) {
      const admin = openDatabase({ url: pgUrl });
      await admin.unscoped.schema.dropSchema(schema).ifExists().cascade().execute();
      await admin.close();
    }
  });

  it('migrate creates the schema once', async () => {
    const first = await cli(env, 'migrate');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/Applied \d+ migration\(s\): 0001_foundation/);
    const again = await cli(env, 'migrate');
    expect(again.code).toBe(0);
    expect(again.out).toContain('up to date');
  });

  it('create-admin creates a workspace and prints a generated password once, which signs in', async () => {
    const res = await cli(
      env,
      'create-admin',
      '--workspace',
      'acme',
      '--company',
      '阿克米科技有限公司',
      '--email',
      'Boss@Acme.example.com',
      '--name',
      '老板',
    );
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('Created workspace "acme"');
    const password = /shown only this once; store it now\): (\S+)/.exec(res.out)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);
    const signedIn = await login(env, 'boss@acme.example.com', password as string);
    expect(signedIn.status).toBe(200);
    expect(signedIn.me.workspace).toMatchObject({ slug: 'acme', name: '阿克米科技有限公司' });
    expect(signedIn.me.permissions).toContain('users.manage');
  });

  it('create-admin adds an administrator to an existing workspace', async () => {
    const res = await cli(
      env,
      'create-admin',
      '--workspace',
      'acme',
      '--email',
      'second@acme.example.com',
      '--name',
      '第二位管理员',
      '--password',
      'second admin password',
    );
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('Added administrator second@acme.example.com to workspace "acme"');
    expect(res.out).not.toContain('Generated password');
    const signedIn = await login(env, 'second@acme.example.com', 'second admin password');
    expect(signedIn.status).toBe(200);
    expect(signedIn.me.permissions).toContain('workspace.manage');

    const again = await cli(
      env,
      'create-admin',
      '--workspace',
      'acme',
      '--email',
      'second@acme.example.com',
      '--name',
      'x',
      '--password',
      'another password',
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('email is taken already');
  });

  it('create-admin explains what is wrong with its arguments', async () => {
    const noCompany = await cli(
      env,
      'create-admin',
      '--workspace',
      'nope',
      '--email',
      'a@b.cn',
      '--name',
      'A',
    );
    expect(noCompany.code).toBe(1);
    expect(noCompany.err).toContain('There is no workspace "nope"; pass --company');
    const shortPassword = await cli(
      env,
      'create-admin',
      '--workspace',
      'acme',
      '--email',
      'a@b.cn',
      '--name',
      'A',
      '--password',
      'short',
    );
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.err).toContain('--password must be at least 10 characters');
    const badSlug = await cli(
      env,
      'create-admin',
      '--workspace',
      'Bad Slug',
      '--email',
      'a@b.cn',
      '--name',
      'A',
    );
    expect(badSlug.err).toContain('--workspace must be');
    const missing = await cli(env, 'create-admin', '--workspace', 'acme');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("required option '--email <email>' not specified");
    const unknown = await cli(env, 'frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("unknown command 'frobnicate'");
  });

  it('demo seeds the demo workspace once', async () => {
    const res = await cli({ ...env, DEMO_PASSWORD: 'cli demo password' }, 'demo');
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/Seeded in [\d.]+ s: 14 staff, 20 customers/);
    expect(res.out).toContain('admin@demo.aftercare.local');
    expect(res.out).toContain('password: cli demo password');
    expect((await login(env, 'viewer@demo.aftercare.local', 'cli demo password')).status).toBe(200);
    const again = await cli(env, 'demo');
    expect(again.code).toBe(0);
    expect(again.out).toContain('exists already; nothing to do');
  }, 60_000);

  it('backup and restore bring the database back to the moment of the backup', async () => {
    const file = join(dir, postgres ? 'aftercare.dump' : 'aftercare-backup.db');
    const backup = await cli(env, 'backup', file);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toContain(
      postgres ? 'pg_restore --list ok' : 'integrity_check ok, foreign_key_check ok',
    );
    expect(existsSync(file)).toBe(true);
    expect((await cli(env, 'backup', file)).err).toContain('already exists');

    const later = await cli(
      env,
      'create-admin',
      '--workspace',
      'later',
      '--company',
      'Later Ltd',
      '--email',
      'later@later.example.com',
      '--name',
      'Later',
      '--password',
      'later password 1',
    );
    expect(later.code, later.err).toBe(0);
    expect((await login(env, 'later@later.example.com', 'later password 1')).status).toBe(200);

    if (!postgres) {
      // A running server keeps the SQLite file open: restore refuses.
      const server = await startServer({ ...env, PORT: '0', HOST: '127.0.0.1' }, capture());
      try {
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        const refused = await cli(env, 'restore', file);
        expect(refused.code).toBe(1);
        expect(refused.err).toContain('is in use (is the server running?)');
      } finally {
        await server.close();
      }
    }

    const restore = await cli(env, 'restore', file);
    expect(restore.code, restore.err).toBe(0);
    expect(restore.out).toContain('restored from');
    expect((await login(env, 'later@later.example.com', 'later password 1')).status).toBe(401);
    expect((await login(env, 'second@acme.example.com', 'second admin password')).status).toBe(200);
    expect((await cli(env, 'migrate')).out).toContain('up to date');

    const missing = await cli(env, 'restore', join(dir, 'nope.db'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/There is no file|nope\.db/);
  }, 60_000);
});

describe('startup', () => {
  it('refuses to start in production without AFTERCARE_SECRET (in-process)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-start-'));
    try {
      const res = await cli(
        { NODE_ENV: 'production', AFTERCARE_DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'x.db')}` },
        'serve',
      );
      expect(res.code).toBe(1);
      expect(res.err).toContain('AFTERCARE_SECRET is required in production');
      const weak = await cli({ NODE_ENV: 'production', AFTERCARE_SECRET: 'changeme' }, 'migrate');
      expect(weak.code).toBe(1);
      expect(weak.err).toContain('AFTERCARE_SECRET must be at least 32 characters');
      expect(existsSync(join(dir, 'x.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serve seeds the demo on a first development run and prints the demo logins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-start-'));
    const io = capture();
    const server = await startServer(
      {
        NODE_ENV: 'development',
        AFTERCARE_DATA_DIR: dir,
        DATABASE_URL: `sqlite:${join(dir, 'dev.db')}`,
        LOG_LEVEL: 'silent',
        PORT: '0',
        HOST: '127.0.0.1',
        ARGON2_MEMORY_KIB: '1024',
      },
      io,
    );
    try {
      const text = io.text();
      expect(text).toContain('Demo workspace seeded');
      expect(text).toContain(`${server.url}/app`);
      expect(text).toContain(`${server.url}/portal`);
      expect(text).toContain(`${server.url}/m`);
      expect(text).toContain(`${server.url}/api/docs`);
      expect(text).toContain('password: aftercare-demo');
      for (const email of ['admin@', 'manager@', 'support@', 'viewer@', 'portal@'])
        expect(text).toContain(`${email}demo.aftercare.local`);
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.aftercare.local', password: 'aftercare-demo' }),
      });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// The built artifacts, as `npm start` and `npx aftercare` run them (tsc -b apps/server builds them).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const distMain = join(root, 'apps/server/dist/src/main.js');
const bin = join(root, 'apps/server/bin/aftercare.js');
const built = existsSync(distMain) && existsSync(join(root, 'apps/server/dist/src/cli.js'));

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!built)('the built server as a process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aftercare-proc-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('main exits non-zero with a clear message in production without AFTERCARE_SECRET', async () => {
    for (const args of [[distMain], [bin, 'serve']]) {
      const res = await run(args, { NODE_ENV: 'production', AFTERCARE_DATA_DIR: dir }, dir);
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.stderr).toContain(
        'configuration error: AFTERCARE_SECRET is required in production (at least 32 random characters)',
      );
    }
  });

  it('reads .env from the working directory', async () => {
    const cwd = mkdtempSync(join(dir, 'envdir-'));
    writeFileSync(join(cwd, '.env'), 'NODE_ENV=production\nAFTERCARE_SECRET=too-short\n');
    const res = await run([bin, 'migrate'], { AFTERCARE_DATA_DIR: cwd }, cwd);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('AFTERCARE_SECRET must be at least 32 characters');
  });

  it('serves, then shuts down gracefully on SIGTERM', async () => {
    let port = 0;
    let checked: Promise<number> | undefined;
    const res = await run(
      [distMain],
      {
        NODE_ENV: 'test',
        AFTERCARE_DATA_DIR: dir,
        DATABASE_URL: `sqlite:${join(dir, 'proc.db')}`,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      dir,
      (stdout, child) => {
        const m = /Aftercare is running on 127\.0\.0\.1:(\d+)/.exec(stdout);
        if (m && !checked) {
          port = Number(m[1]);
          checked = fetch(`http://127.0.0.1:${port}/healthz`).then((r) => {
            child.kill('SIGTERM');
            return r.status;
          });
        }
      },
    );
    expect(port).toBeGreaterThan(0);
    expect(await checked).toBe(200);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`http://localhost:${port}/api/docs`);
    // Logs are JSON lines (pino); the shutdown is logged.
    const logs = res.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string });
    expect(logs.some((l) => l.msg?.includes('shutting down'))).toBe(true);
  }, 30_000);
});
