import type { Me } from '@aftercare/contracts';
import type { App } from '../app.js';

/** A call that did not answer as expected; carries what the API said so the cause is plain. */
export class SeedError extends Error {
  override name = 'SeedError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Talks to the API in-process through app.inject, exactly as a browser would (session cookie + CSRF header),
 * so the demo data goes through validation, permissions, business rules and the audit log.
 */
export class InjectClient {
  constructor(
    private readonly app: App,
    private readonly session: { cookie: string; csrf: string } | null = null,
  ) {}

  async call<T>(method: Method, url: string, body?: unknown, expected: number[] = [200, 201]): Promise<T> {
    const res = await this.send(method, url, body);
    const parsed = parse(res.body);
    if (!expected.includes(res.statusCode))
      throw new SeedError(
        `${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 1000)}`,
        res.statusCode,
        parsed,
      );
    return parsed as T;
  }

  /** Calls an endpoint that signs someone in, and returns a client acting as them. */
  async signIn(url: string, body: unknown, expected = 200): Promise<{ client: InjectClient; me: Me }> {
    const res = await this.send('POST', url, body);
    if (res.statusCode !== expected)
      throw new SeedError(
        `POST ${url} answered ${res.statusCode}: ${res.body.slice(0, 1000)}`,
        res.statusCode,
        parse(res.body),
      );
    const setCookie = res.headers['set-cookie'];
    const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    const session = cookies.find((c) => c.startsWith('ac_session='));
    if (!session) throw new SeedError(`POST ${url} set no session cookie`, res.statusCode, parse(res.body));
    const me = parse(res.body) as Me;
    const cookie = session.slice('ac_session='.length).split(';')[0] as string;
    return { client: new InjectClient(this.app, { cookie, csrf: me.csrfToken }), me };
  }

  private send(method: Method, url: string, body: unknown) {
    return this.app.inject({
      method,
      url,
      remoteAddress: '127.0.0.1',
      headers: {
        'accept-language': 'zh-CN',
        'user-agent': 'aftercare-demo-seed',
        ...(this.session
          ? { cookie: `ac_session=${this.session.cookie}`, 'x-csrf-token': this.session.csrf }
          : {}),
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  }
}

function parse(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
