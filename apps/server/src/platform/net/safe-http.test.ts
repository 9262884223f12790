import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkTarget, isPublicAddress, parseTargetUrl, safePost, TargetRefused } from './safe-http.js';

/** A listener that must receive nothing: every refused target below would reach it if it were not refused. */
let canary: http.Server;
let port = 0;
const hits: string[] = [];
let dualStack = false;

beforeAll(async () => {
  canary = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('x'.repeat(200_000));
  });
  // Listen on both stacks when the machine has IPv6, so [::1] would reach the canary too.
  await new Promise<void>((resolve) => {
    canary.once('error', () => canary.listen(0, '127.0.0.1', resolve));
    canary.listen(0, '::', () => {
      dualStack = true;
      resolve();
    });
  });
  port = (canary.address() as AddressInfo).port;
});
afterAll(async () => new Promise<void>((resolve) => canary.close(() => resolve())));

describe('address classification', () => {
  it('accepts public unicast only', () => {
    for (const a of ['93.184.215.14', '8.8.8.8', '2400:3200::1', '2001:4860:4860::8888'])
      expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '127.255.255.254',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '0.1.2.3',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      '::7f00:1',
      '::127.0.0.1',
      'not-an-ip',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('reads odd spellings of addresses the way the URL parser writes them', () => {
    expect(parseTargetUrl('http://2130706433/').hostname).toBe('127.0.0.1');
    expect(parseTargetUrl('http://0177.0.0.1/').hostname).toBe('127.0.0.1');
    expect(parseTargetUrl('http://0x7f.1/').hostname).toBe('127.0.0.1');
    expect(parseTargetUrl('http://127.1/').hostname).toBe('127.0.0.1');
    expect(parseTargetUrl('http://[::ffff:127.0.0.1]/').hostname).toBe('[::ffff:7f00:1]');
  });

  it('refuses other schemes, credentials and garbage', () => {
    const reason = (u: string) => {
      try {
        parseTargetUrl(u);
        return 'accepted';
      } catch (e) {
        return e instanceof TargetRefused ? e.reason : 'other';
      }
    };
    expect(reason('ftp://example.com/')).toBe('scheme_not_allowed');
    expect(reason('file:///etc/passwd')).toBe('scheme_not_allowed');
    expect(reason('gopher://127.0.0.1:25/')).toBe('scheme_not_allowed');
    expect(reason('http://user:pw@example.com/')).toBe('credentials_in_url');
    expect(reason('not a url')).toBe('invalid_url');
    expect(reason('https://example.com/hook')).toBe('accepted');
  });

  it('refuses a name if any of its addresses is private, and one that does not resolve', async () => {
    const resolver = async (host: string) => {
      if (host === 'mixed.example')
        return [
          { address: '93.184.215.14', family: 4 as const },
          { address: '10.1.2.3', family: 4 as const },
        ];
      if (host === 'public.example') return [{ address: '93.184.215.14', family: 4 as const }];
      throw new Error('ENOTFOUND');
    };
    await expect(
      checkTarget(new URL('http://mixed.example/'), { allowPrivate: false, resolver }),
    ).rejects.toMatchObject({ reason: 'private_address' });
    await expect(
      checkTarget(new URL('http://public.example/'), { allowPrivate: false, resolver }),
    ).resolves.toEqual({ address: '93.184.215.14', family: 4 });
    await expect(
      checkTarget(new URL('http://nowhere.example/'), { allowPrivate: false, resolver }),
    ).rejects.toMatchObject({ reason: 'unresolvable' });
  });
});

describe('safePost', () => {
  it('never connects to loopback, private or link-local targets, however they are spelt', async () => {
    const targets = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://2130706433:${port}/`,
      `http://0x7f.0.0.1:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://127.1:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::127.0.0.1]:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://169.254.169.254/latest/meta-data/`,
      `http://10.0.0.1/`,
      `http://192.168.1.1/`,
      `http://100.64.0.1/`,
      `http://[fe80::1]/`,
      `http://[fd00::1]/`,
    ];
    for (const url of targets) {
      const err = await safePost(url, '{}', { allowPrivate: false }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, url).toBeInstanceOf(TargetRefused);
      expect((err as TargetRefused).reason, url).toBe('private_address');
    }
    // A name that resolves to loopback (here through a resolver standing in for DNS).
    const err = await safePost(`http://rebind.example:${port}/`, '{}', {
      allowPrivate: false,
      resolver: async () => [{ address: '127.0.0.1', family: 4 }],
    }).catch((e: unknown) => e);
    expect((err as TargetRefused).reason).toBe('private_address');
    expect(hits).toEqual([]);
  });

  it('connects to the address it checked (pinned), keeps the host name, and caps the response', async () => {
    let lookups = 0;
    const res = await safePost(`http://pinned.example:${port}/hook?x=1`, '{"a":1}', {
      allowPrivate: true,
      maxResponseBytes: 1000,
      resolver: async () => {
        lookups += 1;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    // pinned.example does not exist in DNS: the connection could only go where the checked answer pointed.
    expect(lookups).toBe(1);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(1000);
    expect(res.truncated).toBe(true);
    expect(hits.pop()).toBe(`POST pinned.example:${port} /hook?x=1`);
    if (dualStack) {
      const v6 = await safePost(`http://[::1]:${port}/six`, '{}', { allowPrivate: true });
      expect(v6.status).toBe(200);
      expect(hits.pop()).toBe(`POST [::1]:${port} /six`);
    }
  });

  it('gives up after the timeout', async () => {
    const slow = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const p = (slow.address() as AddressInfo).port;
    const err = await safePost(`http://127.0.0.1:${p}/`, '{}', { allowPrivate: true, timeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/timed out/);
    slow.closeAllConnections();
    await new Promise<void>((r) => slow.close(() => r()));
  });
});
