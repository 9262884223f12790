import { Command, CommanderError } from 'commander';
import { Limits, type FieldError } from '@aftercare/contracts';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { inTransaction, type ServiceContext } from './platform/context.js';
import { newSecret } from './platform/ids.js';
import { AppError } from './platform/http/errors.js';
import { recordAudit } from './platform/audit/audit.js';
import { findWorkspaceBySlug } from './platform/auth/auth.repository.js';
import { BackupError, backupDatabase, restoreDatabase } from './platform/backup/index.js';
import { createWorkspace } from './modules/workspaces/index.js';
import { createUserInTx } from './modules/users/index.js';
import { SeedError } from './demo/seed.js';
import {
  consoleIo,
  demoBanner,
  demoPassword,
  loadEnvFile,
  openMigrated,
  runServer,
  seedDemoInto,
  type Io,
} from './main.js';

const SLUG = /^[a-z0-9][a-z0-9-]*[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A mistake in how the command was called; printed without a stack trace. */
class UsageError extends Error {}

export interface CliOptions {
  /** The environment to configure from (default process.env). */
  env?: NodeJS.ProcessEnv;
  io?: Io;
}

/**
 * The `aftercare` command line. Returns the exit code; `serve` returns once the server listens and keeps the
 * process alive until SIGTERM/SIGINT.
 */
export async function runCli(argv: string[], options: CliOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const io = options.io ?? consoleIo;
  let code = 0;

  const program = new Command()
    .name('aftercare')
    .description('Aftercare — after-sales service platform. Configured by environment variables (and .env).')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    })
    .showHelpAfterError();

  program
    .command('serve')
    .description(
      'Migrate the database and start the server on HOST:PORT (seeds the demo on a first development run)',
    )
    .action(async () => {
      code = await runServer(env, io);
    });

  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const config = loadConfig(env);
      const { database, applied } = await openMigrated(config);
      await database.close();
      io.out(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
          : 'The database is up to date; nothing to apply.',
      );
    });

  program
    .command('create-admin')
    .description(
      'Create a workspace with its first administrator, or add an administrator to an existing workspace',
    )
    .requiredOption('--workspace <slug>', 'workspace slug (lowercase letters, digits, dashes)')
    .option('--company <name>', 'company name (required when the workspace is new)')
    .requiredOption('--email <email>', "the administrator's email (their sign-in name)")
    .requiredOption('--name <name>', "the administrator's name")
    .option(
      '--password <password>',
      `at least ${Limits.passwordMin} characters; generated and printed once when omitted`,
    )
    .action(
      async (opts: {
        workspace: string;
        company?: string;
        email: string;
        name: string;
        password?: string;
      }) => {
        code = await createAdmin(env, io, opts);
      },
    );

  program
    .command('demo')
    .description('Seed the demo workspace "demo" through the API (does nothing when it exists)')
    .action(async () => {
      const config = loadConfig(env);
      const password = demoPassword(env, config);
      const { database } = await openMigrated(config);
      try {
        const summary = await seedDemoInto(config, database, password, io);
        if (!summary) {
          io.out('The demo workspace "demo" exists already; nothing to do.');
          return;
        }
        io.out(
          `Seeded in ${(summary.ms / 1000).toFixed(1)} s: ${summary.staff} staff, ${summary.customers} customers, ` +
            `${summary.contacts} contacts, ${summary.products} products, ${summary.orders} orders, ` +
            `${summary.serialNumbers} serial numbers.`,
        );
        if (summary.skipped.length)
          io.out(`Not seeded (no such endpoint yet): ${summary.skipped.join('; ')}`);
        io.out(demoBanner(config.publicUrl, config.env === 'production' ? null : password).join('\n'));
      } finally {
        await database.close();
      }
    });

  program
    .command('backup')
    .description(
      'Back the database up to <file> while the server runs (SQLite: online backup + integrity checks; ' +
        'PostgreSQL: pg_dump --format=custom)',
    )
    .argument('<file>', 'where to write the backup')
    .option('--force', 'overwrite <file> when it exists')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig(env);
      const report = await backupDatabase(config, file, { force: Boolean(opts.force) });
      io.out(report.summary);
    });

  program
    .command('restore')
    .description(
      'Replace the database with a backup, after checking it. STOP THE SERVER FIRST (SQLite refuses while the ' +
        'database is open; PostgreSQL restores in one transaction)',
    )
    .argument('<file>', 'a file written by `aftercare backup`')
    .action(async (file: string) => {
      const config = loadConfig(env);
      const report = await restoreDatabase(config, file);
      io.out(report.summary);
      io.out('Start the server again; it migrates the restored database when it is older than this version.');
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    io.err(`aftercare: ${describe(err)}`);
    return 1;
  }
}

async function createAdmin(
  env: NodeJS.ProcessEnv,
  io: Io,
  opts: { workspace: string; company?: string; email: string; name: string; password?: string },
): Promise<number> {
  const slug = opts.workspace.trim();
  const email = opts.email.trim().toLowerCase();
  const name = opts.name.trim();
  if (!SLUG.test(slug) || slug.length < 2 || slug.length > 40)
    throw new UsageError('--workspace must be 2–40 lowercase letters, digits or dashes (not at either end)');
  if (!EMAIL.test(email) || email.length > 254) throw new UsageError('--email is not an email address');
  if (!name || name.length > Limits.nameMax) throw new UsageError('--name is required');
  if (opts.password !== undefined && opts.password.length < Limits.passwordMin)
    throw new UsageError(`--password must be at least ${Limits.passwordMin} characters`);
  const generated = opts.password === undefined;
  const password = opts.password ?? newSecret(18);

  const config = loadConfig(env);
  const { database } = await openMigrated(config);
  const app = await buildApp({ config: { ...config, logLevel: 'warn' }, database });
  try {
    const deps = app.deps;
    const existing = await findWorkspaceBySlug(database.db, slug);
    if (!existing) {
      const company = opts.company?.trim();
      if (!company) throw new UsageError(`There is no workspace "${slug}"; pass --company to create it`);
      await createWorkspace(deps, {
        companyName: company,
        slug,
        locale: 'zh-CN',
        admin: { name, email, password },
      });
      io.out(`Created workspace "${slug}" (${company}) with administrator ${email}.`);
    } else {
      const role = await database.db
        .selectFrom('roles')
        .select('id')
        .where('workspace_id', '=', existing.id)
        .where('key', '=', 'admin')
        .executeTakeFirst();
      if (!role) throw new UsageError(`Workspace "${slug}" has no administrator role`);
      const ctx: ServiceContext = {
        ...deps,
        workspace: existing,
        actor: { type: 'system', id: null, name: 'aftercare create-admin' },
        principal: null,
        requestId: 'cli',
        locale: existing.defaultLocale,
      };
      await inTransaction(deps, async (tx) => {
        const id = await createUserInTx(tx, deps, existing.id, {
          email,
          name,
          password,
          locale: existing.defaultLocale,
          status: 'active',
          roleIds: [role.id],
          departments: [],
        });
        await recordAudit(tx, ctx, {
          entityType: 'user',
          entityId: id,
          action: 'created',
          after: { email, name, status: 'active', roleIds: [role.id] },
        });
      });
      io.out(`Added administrator ${email} to workspace "${slug}" (${existing.name}).`);
    }
    io.out(`Sign in at ${config.publicUrl}/app as ${email}.`);
    if (generated) io.out(`Generated password (shown only this once; store it now): ${password}`);
    return 0;
  } finally {
    await app.close();
    await database.close();
  }
}

function describe(err: unknown): string {
  if (err instanceof ConfigError) return `configuration error: ${err.message}`;
  if (err instanceof UsageError || err instanceof BackupError || err instanceof SeedError) return err.message;
  if (err instanceof AppError && err.code === 'validation_failed' && Array.isArray(err.details))
    return `invalid: ${(err.details as FieldError[])
      .map((d) => `${d.field} ${d.code === 'duplicate' ? 'is taken already' : d.code}`)
      .join(', ')}`;
  if (err instanceof AppError) return err.code;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Entry of bin/aftercare.js: reads .env, runs the command, sets the exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  loadEnvFile();
  const code = await runCli(argv);
  if (code !== 0) process.exitCode = code;
}
