import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/*
 * Outbound HTTP to addresses that customers type in (webhooks, group bots), safe against server-side request
 * forgery: the URL is parsed by the WHATWG parser (which normalises 2130706433, 0177.0.0.1, 0x7f.1 and 127.1 to
 * 127.0.0.1), the host is resolved once, every address is classified with ipaddr.js, and the connection goes
 * to the address that was checked (a pinned lookup), so a DNS answer that changes between the check and the
 * connection (rebinding) cannot move it. Redirects are never followed.
 */

/** Why a target is refused before any connection is made. */
export type TargetRefusal =
  'invalid_url' | 'scheme_not_allowed' | 'credentials_in_url' | 'private_address' | 'unresolvable';

export class TargetRefused extends Error {
  constructor(
    readonly reason: TargetRefusal,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/**
 * True when the address is a public unicast address. Loopback, RFC 1918, CGNAT (100.64/10), link-local
 * (169.254/16 including cloud metadata, fe80::/10), unique-local (fc00::/7), unspecified (0.0.0.0/8, ::),
 * multicast, broadcast, reserved and documentation ranges, and the IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo) are not; IPv6 must be global unicast (2000::/3).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    // Only global unicast (2000::/3): this also refuses the deprecated IPv4-compatible ::a.b.c.d forms.
    else if (!v6.match(GLOBAL_UNICAST_V6)) return false;
  }
  return parsed.range() === 'unicast';
}

/** Parses and checks the form of a target URL (no network): http(s) only, no user:password@. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TargetRefused('invalid_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetRefused('scheme_not_allowed');
  if (url.username || url.password) throw new TargetRefused('credentials_in_url');
  if (!url.hostname) throw new TargetRefused('invalid_url');
  return url;
}

/** The bare host of a parsed URL: IPv6 literals lose their brackets. */
function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Resolves the URL's host and checks every address. Returns the address to connect to. With `allowPrivate`
 * (a workspace admin's choice) private and loopback targets are accepted too.
 */
export async function checkTarget(
  url: URL,
  options: { allowPrivate: boolean; resolver?: Resolver },
): Promise<ResolvedAddress> {
  const host = bareHost(url);
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolver ?? systemResolver)(host);
    } catch {
      throw new TargetRefused('unresolvable', host);
    }
    if (addresses.length === 0) throw new TargetRefused('unresolvable', host);
  }
  if (!options.allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad) throw new TargetRefused('private_address', `${host} → ${bad.address}`);
  }
  return addresses[0] as ResolvedAddress;
}

export interface SafePostOptions {
  allowPrivate: boolean;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** The response body is read up to this many bytes, the rest is dropped. */
  maxResponseBytes?: number;
  resolver?: Resolver;
}

export interface SafeResponse {
  status: number;
  /** The first `maxResponseBytes` of the body, as UTF-8. */
  body: string;
  truncated: boolean;
  durationMs: number;
}

export const SAFE_HTTP_TIMEOUT_MS = 10_000;
export const SAFE_HTTP_MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs `body` to `rawUrl` after the SSRF checks. Resolves with the response (any status, 3xx included: it is
 * never followed); rejects with TargetRefused before connecting, or with a network error / timeout.
 */
export async function safePost(
  rawUrl: string,
  body: string,
  options: SafePostOptions,
): Promise<SafeResponse> {
  const url = parseTargetUrl(rawUrl);
  const target = await checkTarget(url, options);
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? SAFE_HTTP_TIMEOUT_MS;
  const cap = options.maxResponseBytes ?? SAFE_HTTP_MAX_RESPONSE_BYTES;
  // Every lookup the socket makes answers with the address that was checked.
  const pinned: LookupFunction = (_hostname, opts, callback) => {
    if (opts.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const payload = Buffer.from(body, 'utf8');
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<SafeResponse>((resolve, reject) => {
    const req = transport.request(
      {
        protocol: url.protocol,
        hostname: bareHost(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        lookup: pinned,
        agent: false,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Aftercare-Webhooks/1',
          ...options.headers,
          'content-length': String(payload.length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const finish = () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
            durationMs: Date.now() - started,
          });
        };
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = cap - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size = cap;
            truncated = true;
            finish();
            res.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          if (!truncated) finish();
        });
        res.on('error', (err) => {
          if (!truncated) {
            clearTimeout(timer);
            reject(err);
          }
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(payload);
  });
}
