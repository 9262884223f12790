import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Every setting, read from the environment (and an optional .env file). Listed in the README. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Public origin used in links sent to people (invitations, password resets). */
  publicUrl: string;
  databaseUrl: string;
  databaseSchema: string | undefined;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  dataDir: string;
  secret: string;
  /** Cookies marked Secure; on by default in production. */
  secureCookies: boolean;
  sessionDays: number;
  trustProxy: boolean;
  logLevel: string;
  seedDemo: boolean;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  argon2: { memoryCost: number; timeCost: number };
  mail: { smtpUrl: string | undefined; from: string };
  /** The built-in SMTP receiver (email in): off unless MAIL_SMTP_PORT is set. */
  mailIn: { smtpPort: number | undefined; smtpHost: string };
  redisUrl: string | undefined;
  webDist: string;
}

const KNOWN_WEAK = new Set(['', 'changeme', 'secret', 'change-me', 'aftercare', 'default', 'password']);

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = resolve(env.AFTERCARE_DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL || `sqlite:${resolve(dataDir, 'aftercare.db')}`;
  const port = intOf(env.PORT, 3000, 'PORT');
  const host = env.HOST ?? '0.0.0.0';
  const secret = resolveSecret(env.AFTERCARE_SECRET, mode, dataDir);
  const sync = (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL')
    throw new ConfigError('SQLITE_SYNCHRONOUS must be FULL or NORMAL');
  return {
    env: mode,
    host,
    port,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    sqliteSynchronous: sync,
    dataDir,
    secret,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : mode === 'production',
    sessionDays: intOf(env.SESSION_DAYS, 14, 'SESSION_DAYS'),
    trustProxy: env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : mode === 'development',
    loginMaxFailures: intOf(env.LOGIN_MAX_FAILURES, 10, 'LOGIN_MAX_FAILURES'),
    loginWindowMinutes: intOf(env.LOGIN_WINDOW_MINUTES, 15, 'LOGIN_WINDOW_MINUTES'),
    argon2: {
      memoryCost: intOf(env.ARGON2_MEMORY_KIB, mode === 'test' ? 1024 : 19456, 'ARGON2_MEMORY_KIB'),
      timeCost: intOf(env.ARGON2_TIME_COST, 2, 'ARGON2_TIME_COST'),
    },
    mail: { smtpUrl: env.SMTP_URL || undefined, from: env.MAIL_FROM ?? 'Aftercare <no-reply@localhost>' },
    mailIn: {
      smtpPort: env.MAIL_SMTP_PORT ? intOf(env.MAIL_SMTP_PORT, 0, 'MAIL_SMTP_PORT') : undefined,
      smtpHost: env.MAIL_SMTP_HOST || '0.0.0.0',
    },
    redisUrl: env.REDIS_URL || undefined,
    webDist: resolve(env.WEB_DIST ?? new URL('../../../../web/dist', import.meta.url).pathname),
  };
}

function intOf(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/**
 * Production refuses to start without a strong AFTERCARE_SECRET. Elsewhere a random secret is generated
 * once and kept in the data directory, so there is never a default secret shared between installations.
 */
function resolveSecret(raw: string | undefined, mode: Config['env'], dataDir: string): string {
  if (raw !== undefined && raw !== '') {
    if (KNOWN_WEAK.has(raw.toLowerCase()) || raw.length < 32) {
      throw new ConfigError('AFTERCARE_SECRET must be at least 32 characters and not a well-known value');
    }
    return raw;
  }
  if (mode === 'production')
    throw new ConfigError('AFTERCARE_SECRET is required in production (at least 32 random characters)');
  if (mode === 'test') return randomBytes(32).toString('hex');
  const file = resolve(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const generated = randomBytes(32).toString('hex');
  writeFileSync(file, generated, { mode: 0o600 });
  return generated;
}
