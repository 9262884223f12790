import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('refuses to start in production without a secret, or with a weak one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', AFTERCARE_SECRET: 'changeme' })).toThrow(/at least 32/);
    expect(() => loadConfig({ NODE_ENV: 'production', AFTERCARE_SECRET: 'short-but-random' })).toThrow(
      ConfigError,
    );
    const ok = loadConfig({
      NODE_ENV: 'production',
      AFTERCARE_SECRET: 'k'.repeat(8) + 'q9Xw2LmN7pRt5VyZ3bC8dF1gH4jK6sA0',
    });
    expect(ok.secureCookies).toBe(true);
  });

  it('generates one secret per installation outside production and keeps it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const first = loadConfig({ NODE_ENV: 'development', AFTERCARE_DATA_DIR: dir });
    const second = loadConfig({ NODE_ENV: 'development', AFTERCARE_DATA_DIR: dir });
    expect(first.secret).toHaveLength(64);
    expect(second.secret).toBe(first.secret);
    expect(readFileSync(join(dir, 'secret'), 'utf8')).toBe(first.secret);
    expect(
      loadConfig({ NODE_ENV: 'development', AFTERCARE_DATA_DIR: mkdtempSync(join(tmpdir(), 'cfg-')) }).secret,
    ).not.toBe(first.secret);
  });

  it('rejects malformed numbers with the variable name', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('defaults to SQLite under the data directory, and takes DATABASE_URL', () => {
    expect(loadConfig({ NODE_ENV: 'test', AFTERCARE_DATA_DIR: '/tmp/x' }).databaseUrl).toBe(
      'sqlite:/tmp/x/aftercare.db',
    );
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).toBe(
      'postgres://u@h/db',
    );
  });
});
