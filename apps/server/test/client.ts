import type { Me } from '@aftercare/contracts';
import type { App } from '../src/app.js';

export interface Session {
  cookie: string;
  csrf: string;
  me: Me;
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** Requests as one signed-in person (cookie and CSRF header), or anonymously, through app.inject. */
export class Client {
  constructor(
    readonly app: App,
    readonly session: Session | null = null,
    private readonly extraHeaders: Record<string, string> = {},
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  withHeaders(headers: Record<string, string>): Client {
    return new Client(this.app, this.session, { ...this.extraHeaders, ...headers }, this.remoteAddress);
  }

  /** Requests from another client address (rate limits are per address). */
  from(remoteAddress: string): Client {
    return new Client(this.app, this.session, this.extraHeaders, remoteAddress);
  }

  async request<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        ...(this.session
          ? { cookie: `ac_session=${this.session.cookie}`, 'x-csrf-token': this.session.csrf }
          : {}),
        ...this.extraHeaders,
        ...headers,
      },
      ...(body === undefined
        ? {}
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? { payload: body }
          : { payload: body as object }),
    });
    const text = res.body;
    let parsed: unknown = text;
    if (String(res.headers['content-type'] ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.statusCode, body: parsed as T, headers: res.headers as Record<string, unknown> };
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  patch<T = unknown>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  put<T = unknown>(url: string, body: unknown) {
    return this.request<T>('PUT', url, body);
  }
  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }
}

/** Reads the session cookie from a sign-in reply. */
export function sessionFrom(reply: { headers: Record<string, unknown>; body: unknown }): Session {
  const setCookie = reply.headers['set-cookie'];
  const raw = (Array.isArray(setCookie) ? setCookie : [setCookie]).find(
    (c): c is string => typeof c === 'string' && c.startsWith('ac_session='),
  );
  if (!raw) throw new Error(`no session cookie in reply: ${JSON.stringify(reply.body)}`);
  const cookie = decodeURIComponent(raw.slice('ac_session='.length).split(';')[0] as string);
  const me = reply.body as Me;
  return { cookie, csrf: me.csrfToken, me };
}

/** The one error shape, as tests read it. */
export interface ErrorReply {
  error: {
    code: string;
    message: string;
    requestId?: string;
    details?: Array<{ field: string; code: string; message: string; row?: number }>;
  };
}

/** A page of a list. */
export interface PageReply<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

/** `field:code` of every field error in a reply, sorted. */
export function fieldsOf(reply: { body: unknown }): string[] {
  return ((reply.body as ErrorReply).error.details ?? []).map((d) => `${d.field}:${d.code}`).sort();
}
