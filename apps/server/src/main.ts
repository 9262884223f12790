import { WorkspacesRepository } from './modules/workspaces/index.js';
import { config as loadDotenv } from 'dotenv';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Limits } from '@aftercare/contracts';
import { buildApp, type App } from './app.js';
import { startSmtpReceiver, type SmtpReceiver } from './modules/mail-channels/index.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { dialectOf, openDatabase, type Database } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { DEFAULT_DEMO_PASSWORD, DEMO_COMPANY, DEMO_SLUG, demoLogins } from './demo/data.js';
import { demoExists, seedDemo, type SeedSummary } from './demo/seed.js';

/** Where people-facing lines go (the banner, CLI results). Logs proper are JSON through pino. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}
export const consoleIo: Io = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** Loads .env from the working directory, when there is one. Variables already set win. */
export function loadEnvFile(): void {
  loadDotenv({ path: resolve(process.cwd(), '.env'), quiet: true });
}

/**
 * Opens the configured database and migrates it to the latest schema. On PostgreSQL with DATABASE_SCHEMA the
 * schema is created first when it does not exist.
 */
export async function openMigrated(config: Config): Promise<{ database: Database; applied: string[] }> {
  if (dialectOf(config.databaseUrl) === 'postgres' && config.databaseSchema) {
    const schema = config.databaseSchema;
    const admin = openDatabase({ url: config.databaseUrl, poolSize: 1 });
    try {
      await admin.unscoped.schema.createSchema(schema).ifNotExists().execute();
    } finally {
      await admin.close();
    }
  }
  const database = openDatabase({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    sqliteSynchronous: config.sqliteSynchronous,
  });
  try {
    const result = await migrateToLatest(database);
    const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    return { database, applied };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/**
 * The password of the demo accounts: DEMO_PASSWORD, or the public default outside production. Production must
 * name one, since the default is printed in every banner and README.
 */
export function demoPassword(env: NodeJS.ProcessEnv, config: Config): string {
  const raw = env.DEMO_PASSWORD;
  if (raw) {
    if (raw.length < Limits.passwordMin)
      throw new ConfigError(`DEMO_PASSWORD must be at least ${Limits.passwordMin} characters`);
    return raw;
  }
  if (config.env === 'production')
    throw new ConfigError(
      'DEMO_PASSWORD is required to seed the demo workspace in production (the default demo password is public)',
    );
  return DEFAULT_DEMO_PASSWORD;
}

/**
 * Seeds the demo workspace through the API of a quiet, private app instance on the same database (request logs
 * and invitation mails of the seed stay out of the server log). Returns null when the demo exists already.
 */
export async function seedDemoInto(
  config: Config,
  database: Database,
  password: string,
  io: Io,
): Promise<SeedSummary | null> {
  if (await demoExists(database)) return null;
  const app = await buildApp({ config: { ...config, logLevel: 'warn' }, database });
  try {
    await app.ready();
    return await seedDemo(app, { password, log: io.out });
  } finally {
    await app.close();
  }
}

/** The demo logins, for the banner and `aftercare demo`. The password is shown outside production only. */
export function demoBanner(base: string, password: string | null): string[] {
  const lines = [
    `Demo workspace "${DEMO_SLUG}" (${DEMO_COMPANY}), password: ${
      password ?? 'the DEMO_PASSWORD it was seeded with'
    }`,
  ];
  for (const login of demoLogins())
    lines.push(`  ${login.who.padEnd(8)} ${login.email.padEnd(34)} ${base}/${login.app}`);
  return lines;
}

export interface ServerHandle {
  app: App;
  database: Database;
  /** http://localhost:<port> */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the server: configuration, database, migrations, the demo on a first development run, then listens on
 * HOST:PORT and prints where to go.
 */
export async function startServer(
  env: NodeJS.ProcessEnv = process.env,
  io: Io = consoleIo,
): Promise<ServerHandle> {
  const config = loadConfig(env);
  const { database } = await openMigrated(config);
  let app: App | undefined;
  let smtp: SmtpReceiver | undefined;
  try {
    if (config.seedDemo) {
      if ((await new WorkspacesRepository(database.db).count()) === 0) {
        io.out('First run: seeding the demo workspace through the API…');
        const summary = await seedDemoInto(config, database, demoPassword(env, config), io);
        if (summary) io.out(`Demo workspace seeded in ${(summary.ms / 1000).toFixed(1)} s`);
      }
    }
    app = await buildApp({ config, database });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    if (config.mailIn.smtpPort !== undefined)
      smtp = await startSmtpReceiver(app.deps, {
        port: config.mailIn.smtpPort,
        host: config.mailIn.smtpHost,
      });
    const base = `http://localhost:${port}`;
    const lines = [
      '',
      `Aftercare is running on ${config.host}:${port} (${config.env}, ${dialectOf(config.databaseUrl)})`,
      ...(smtp ? [`  Mail intake  SMTP on ${config.mailIn.smtpHost}:${smtp.port}`] : []),
      `  Staff app    ${base}/app`,
      `  Portal       ${base}/portal`,
      `  Mobile       ${base}/m`,
      `  API docs     ${base}/api/docs`,
    ];
    if (await demoExists(database)) {
      lines.push('');
      lines.push(
        ...demoBanner(base, config.env === 'production' ? null : env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD),
      );
    }
    io.out(lines.join('\n'));
    const started = app;
    const receiver = smtp;
    return {
      app: started,
      database,
      url: base,
      async close() {
        await receiver?.close();
        await started.close();
        await database.close();
      },
    };
  } catch (err) {
    await smtp?.close();
    await app?.close();
    await database.close();
    throw err;
  }
}

/** Runs the server until SIGTERM/SIGINT, then closes it gracefully. Returns the exit code of a failed start. */
export async function runServer(env: NodeJS.ProcessEnv = process.env, io: Io = consoleIo): Promise<number> {
  let handle: ServerHandle;
  try {
    handle = await startServer(env, io);
  } catch (err) {
    io.err(
      err instanceof ConfigError
        ? `aftercare: configuration error: ${err.message}`
        : `aftercare: could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return 1;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      handle.app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    handle.app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      handle.app.log.error('shutdown took longer than 10 s: exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    handle.close().then(
      () => process.exit(0),
      (err: unknown) => {
        io.err(`aftercare: error while shutting down: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return 0;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  loadEnvFile();
  const code = await runServer(process.env, consoleIo);
  if (code !== 0) process.exit(code);
}
