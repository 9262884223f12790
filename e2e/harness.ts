import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

const ROOT = new URL('..', import.meta.url).pathname;

export interface Server {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the built server (npm run build) in production mode, on a fresh SQLite database unless `options` name
 * another database (DATABASE_URL, DATABASE_SCHEMA) or data directory.
 */
export async function startServer(
  options: { databaseUrl?: string; databaseSchema?: string | undefined; dataDir?: string } = {},
): Promise<Server> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aftercare-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'apps/server/dist/src/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      AFTERCARE_SECRET: randomBytes(32).toString('hex'),
      SECURE_COOKIES: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      AFTERCARE_DATA_DIR: dataDir,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.databaseSchema ? { DATABASE_SCHEMA: options.databaseSchema } : {}),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context as a test wants it: reduced motion, which the app answers by switching antd's
 * animations off. A modal caught mid-zoom once took a click on its mask and closed in CI.
 */
export function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ reducedMotion: 'reduce', ...options });
}

/** Calls the API directly (to arrange a test), keeping the session cookie and CSRF token. */
export class ApiSession {
  private cookie = '';
  private csrf = '';
  constructor(private readonly base: string) {}

  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie?.startsWith('ac_session=')) this.cookie = setCookie.split(';')[0] as string;
    const json = (await res.json()) as T & { csrfToken?: string };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    if (json.csrfToken) this.csrf = json.csrfToken;
    return json;
  }
}

export const PASSWORD = 'correct horse battery';

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ROOT, 'e2e/artifacts', `${name}.png`), fullPage: true });
}

/** Signs in through a sign-in page, as a person would. */
export async function signIn(
  page: Page,
  baseUrl: string,
  area: 'app' | 'portal' | 'm',
  email: string,
): Promise<void> {
  await page.goto(`${baseUrl}/${area}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  // The session cookie is set by the login response; navigating before it arrives lands back on /login.
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

/** An agent's page and a customer contact's page, each in its own browser context (own cookies). */
export async function agentAndContactPages(browser: Browser): Promise<{ agent: Page; contact: Page }> {
  const agent = await (
    await openContext(browser, { locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  ).newPage();
  const contact = await (
    await openContext(browser, { locale: 'zh-CN', viewport: { width: 1280, height: 860 } })
  ).newPage();
  agent.setDefaultTimeout(20_000);
  contact.setDefaultTimeout(20_000);
  return { agent, contact };
}
