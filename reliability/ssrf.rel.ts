/**
 * SSRF: webhook and group-bot targets (WeCom, DingTalk, Feishu) that point back into the server's own network.
 *
 * A canary TCP listener on `[::]:<port>` (dual stack, so it answers on 127.0.0.1, 127.0.0.2, ::1, the machine's
 * own interface addresses, and on ports 80/443 when they can be bound) counts every connection. It is first
 * calibrated: a direct connection to each loopback/own address must be counted, so a zero later means
 * something. Then, on the run's database (createTestApp, in process):
 *  1. save-time: every target (loopback in odd spellings: 127.1, 0x7f.1, 2130706433, 017700000001, 0.0.0.0,
 *     [::ffff:127.0.0.1], [::ffff:7f00:1], full-width digits…; RFC 1918, CGNAT, link-local incl.
 *     169.254.169.254, IPv6 ULA/link-local, NAT64/6to4/Teredo forms, names from /etc/hosts, credentials in the
 *     URL, other schemes) is offered as a webhook and as each bot kind in a workspace that does NOT allow
 *     private targets: each must be refused, or (a name that does not resolve now) be refused at send time;
 *  2. send-time: the same targets saved while the admin's private-target switch was on, then the switch turned
 *     off; events are created and dispatched, the "test delivery" endpoints and replays called, the delivery
 *     queue run → every delivery must be refused before connecting;
 *  3. DNS rebinding: a name accepted at save (unresolvable) whose answer at send time is loopback, or a public
 *     address followed by a private one → refused;
 *  4. redirects: with the switch on, targets point at a redirector on 127.0.0.1 (explicitly allowed — the only
 *     connections that may land, counted separately as the control that deliveries really go out) which
 *     answers 301/302/303/307/308 to the canary → the redirect is never followed.
 * Figures: targets tried, deliveries attempted, canary connections (target 0), redirector hits (> 0, control).
 * Quick and full mode are the same (every target is tried in both; the run takes a few seconds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import type { CaseDetail, Customer, Delivery, IntegrationSettings, PageOf } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../apps/server/test/app.js';
import { createWorkspace, unique, type Workspace } from '../apps/server/test/factories.js';
import { runWebhookDeliveries } from '../apps/server/src/modules/webhooks/index.js';
import type { Resolver } from '../apps/server/src/platform/net/safe-http.js';
import { record } from './record.js';

const SUITE = 'ssrf';
const KINDS = ['webhook', 'wecom', 'dingtalk', 'feishu'] as const;
type Kind = (typeof KINDS)[number];

/** Counts every TCP connection on one port of every local address. */
class Canary {
  connections = 0;
  readonly from: string[] = [];
  private constructor(
    readonly port: number,
    private readonly server: net.Server,
  ) {}

  static async start(port = 0): Promise<Canary | null> {
    const server = net.createServer();
    const counted: { canary?: Canary } = {};
    server.on('connection', (socket) => {
      const c = counted.canary;
      if (c) {
        c.connections += 1;
        c.from.push(`${socket.localAddress ?? '?'}:${socket.localPort ?? '?'}`);
      }
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}');
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host: '::', ipv6Only: false }, () => resolve());
      });
    } catch {
      return null;
    }
    const address = server.address() as net.AddressInfo;
    const canary = new Canary(address.port, server);
    counted.canary = canary;
    return canary;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The allowed control target: answers every POST with a redirect to `location`. */
class Redirector {
  hits = 0;
  private statuses = [302, 301, 303, 307, 308];
  private constructor(
    readonly port: number,
    private readonly server: http.Server,
  ) {}

  static async start(location: () => string): Promise<Redirector> {
    const holder: { r?: Redirector } = {};
    const server = http.createServer((req, res) => {
      const r = holder.r as Redirector;
      r.hits += 1;
      req.resume();
      const status = r.statuses[r.hits % r.statuses.length] as number;
      res.writeHead(status, { location: location(), 'content-type': 'text/plain' });
      res.end('moved');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const r = new Redirector((server.address() as net.AddressInfo).port, server);
    holder.r = r;
    return r;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let t: TestApp;
let canary: Canary;
const extraCanaries: Canary[] = [];
let redirector: Redirector;

/** Every canary connection so far (main port, and 80/443 when bound). */
const canaryHits = () => canary.connections + extraCanaries.reduce((n, c) => n + c.connections, 0);

/** The machine's own interface addresses (e.g. the container's 192.0.2.2, fd00::2): also "inside". */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !a.address.startsWith('fe80'))
    .map((a) => (a.family === 'IPv6' ? `[${a.address}]` : a.address));
}

/** Hosts that reach the canary when connected to directly (calibration), then every spelling we attack with. */
function loopbackHosts(): string[] {
  return ['127.0.0.1', '127.0.0.2', '[::1]', ...ownAddresses()];
}

function targets(port: number): string[] {
  const p = `:${port}`;
  const list = [
    // loopback, in every spelling the WHATWG parser or the OS accepts
    `http://127.0.0.1${p}/hook`,
    `http://127.0.0.2${p}/hook`,
    `http://127.255.255.254${p}/hook`,
    `http://localhost${p}/hook`,
    `http://LOCALHOST${p}/hook`,
    `http://localhost.${p}/hook`,
    `http://[::1]${p}/hook`,
    `http://[0:0:0:0:0:0:0:1]${p}/hook`,
    `http://127.1${p}/hook`,
    `http://127.0.1${p}/hook`,
    `http://0x7f.1${p}/hook`,
    `http://0x7f000001${p}/hook`,
    `http://2130706433${p}/hook`,
    `http://017700000001${p}/hook`,
    `http://0177.0.0.1${p}/hook`,
    `http://0${p}/hook`,
    `http://0.0.0.0${p}/hook`,
    `http://[::]${p}/hook`,
    `http://[::ffff:127.0.0.1]${p}/hook`,
    `http://[::ffff:7f00:1]${p}/hook`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]${p}/hook`,
    `http://[::127.0.0.1]${p}/hook`,
    `http://[64:ff9b::7f00:1]${p}/hook`,
    `http://[2002:7f00:1::]${p}/hook`,
    `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]${p}/hook`,
    `http://１２７.０.０.１${p}/hook`,
    `http://127。0。0。1${p}/hook`,
    `http://%31%32%37.0.0.1${p}/hook`,
    `  http://127.0.0.1${p}/leading-space`,
    `http://127.0.0.1${p}#@example.com/`,
    `http://127.0.0.1${p}\\@example.com/`,
    `HTTP://127.0.0.1${p}/upper-scheme`,
    `https://127.0.0.1${p}/tls`,
    // names that resolve to loopback here (/etc/hosts)
    `http://vm${p}/hook`,
    `http://runsc${p}/hook`,
    `http://localhost.localdomain${p}/hook`,
    `http://ip6-localhost${p}/hook`,
    // credentials and odd ports
    `http://user:pass@127.0.0.1${p}/hook`,
    `http://example.com@127.0.0.1${p}/hook`,
    `http://admin@localhost${p}/hook`,
    `http://127.0.0.1:80/hook`,
    `http://127.0.0.1/hook`,
    `https://127.0.0.1/hook`,
    `http://127.0.0.1:443/hook`,
    `http://127.0.0.1:22/ssh`,
    `http://127.0.0.1:5432/pg`,
    `http://127.0.0.1:6379/redis`,
    `http://[::1]/hook`,
    `http://localhost/hook`,
    // private, CGNAT, link-local and metadata ranges
    `http://10.0.0.1${p}/hook`,
    `http://10.255.255.255/hook`,
    `http://172.16.0.1${p}/hook`,
    `http://172.31.255.254/hook`,
    `http://192.168.0.1${p}/hook`,
    `http://192.168.255.254/hook`,
    `http://100.64.0.1/hook`,
    `http://169.254.169.254/latest/meta-data/`,
    `http://169.254.169.254${p}/latest/meta-data/`,
    `http://[fd00:ec2::254]/latest/meta-data/`,
    `http://metadata.google.internal/computeMetadata/v1/`,
    `http://0xa9fea9fe/latest/meta-data/`,
    `http://2852039166/latest/meta-data/`,
    `http://[::ffff:169.254.169.254]/latest/meta-data/`,
    `http://[fc00::1]${p}/hook`,
    `http://[fd12:3456:789a::1]/hook`,
    `http://[fe80::1]${p}/hook`,
    `http://[ff02::1]/hook`,
    `http://224.0.0.1/hook`,
    `http://255.255.255.255/hook`,
    `http://192.0.2.1/hook`,
    `http://198.18.0.1/hook`,
    // other schemes
    `file:///etc/passwd`,
    `gopher://127.0.0.1${p}/_GET`,
    `ftp://127.0.0.1${p}/`,
    `ws://127.0.0.1${p}/`,
    `javascript:alert(1)`,
    `data:text/plain,x`,
  ];
  for (const host of ownAddresses()) list.push(`http://${host}${p}/own-interface`);
  return list;
}

async function setAllowPrivate(ws: Workspace, allow: boolean): Promise<void> {
  const current = (await ws.admin.get<IntegrationSettings>('/api/integration-settings')).body;
  const res = await ws.admin.put<IntegrationSettings>('/api/integration-settings', {
    allowPrivateTargets: allow,
    version: current.version,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Creates a webhook or a bot; returns its id when the server accepted it, null when refused (4xx). */
async function createTarget(ws: Workspace, kind: Kind, url: string): Promise<string | null> {
  const res =
    kind === 'webhook'
      ? await ws.admin.post<{ endpoint: { id: string } }>('/api/webhooks', { url, eventTypes: ['*'] })
      : await ws.admin.post<{ id: string }>('/api/bots', {
          name: `bot ${unique()}`,
          kind,
          url,
          events: ['case.created', 'case.customer_replied'],
          ...(kind === 'wecom' ? {} : { secret: 'SEC0123456789abcdef' }),
        });
  expect(res.status, `${kind} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
  if (res.status !== 201) return null;
  const body = res.body as { endpoint?: { id: string }; id?: string };
  return body.endpoint?.id ?? body.id ?? null;
}

const testPath = (kind: Kind, id: string) => (kind === 'webhook' ? `/api/webhooks/${id}` : `/api/bots/${id}`);

async function openCase(ws: Workspace): Promise<void> {
  const customer = await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name: '华东制造' });
  const res = await ws.admin.post<CaseDetail>('/api/cases', {
    customerId: customer.body.id,
    subject: '设备无法开机',
    body: '客户反馈设备无法开机',
    severity: 'S1',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** Runs the delivery queue until nothing is due; returns the number of attempts. */
async function deliverAll(ws: Workspace, resolver?: Resolver): Promise<number> {
  let sent = 0;
  for (;;) {
    const r = await runWebhookDeliveries(t.app.deps, t.clock.now(), {
      workspaceIds: [ws.me.workspace.id],
      timeoutMs: 3_000,
      ...(resolver ? { resolver } : {}),
    });
    sent += r.sent;
    if (r.sent === 0) return sent;
  }
}

async function deliveries(ws: Workspace, kind: Kind, id: string): Promise<Delivery[]> {
  const res = await ws.admin.get<PageOf<Delivery>>(`${testPath(kind, id)}/deliveries?limit=100`);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** Sends every kind of trigger: a domain event, the test endpoints, and a replay of the first delivery. */
async function triggerAll(ws: Workspace, saved: Array<{ kind: Kind; id: string }>): Promise<void> {
  await openCase(ws);
  // The outbox is dispatched in batches: run it until it is empty.
  while ((await t.dispatch(ws.me.workspace.id)).dispatched > 0);
  for (const s of saved) {
    const res = await ws.admin.post<Delivery>(`${testPath(s.kind, s.id)}/test`);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const main = await Canary.start();
  if (!main) throw new Error('no canary port');
  canary = main;
  for (const port of [80, 443]) {
    const c = await Canary.start(port);
    if (c) extraCanaries.push(c);
  }
  redirector = await Redirector.start(() => {
    // Alternate the redirect target between the canary's spellings.
    const hosts = ['127.0.0.2', '[::1]', 'localhost', '127.0.0.1', '169.254.169.254'];
    return `http://${hosts[redirector.hits % hosts.length] as string}:${canary.port}/redirected`;
  });
});

afterAll(async () => {
  await redirector?.close();
  await canary?.close();
  await Promise.all(extraCanaries.map((c) => c.close()));
  await t?.close();
});

describe('SSRF canary', () => {
  const refusedAtSave: string[] = [];
  const savedWhileAllowed: Array<{ kind: Kind; id: string; url: string }> = [];
  let tried = 0;
  let attempted = 0;

  it('the canary counts a direct connection on every loopback and own address (calibration)', async () => {
    const reached: string[] = [];
    for (const host of loopbackHosts()) {
      const before = canary.connections;
      const bare = host.replace(/^\[|\]$/g, '');
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: bare, port: canary.port }, () => {
          s.end();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      await new Promise((r) => setTimeout(r, 20));
      if (ok && canary.connections > before) reached.push(host);
    }
    record({
      suite: SUITE,
      name: 'canary addresses that count a direct connection (calibration)',
      value: reached.length,
      unit: 'addresses',
      target: '≥ 2',
      pass: reached.length >= 2,
      note: `${reached.join(', ')}; ports ${[canary.port, ...extraCanaries.map((c) => c.port)].join(', ')}`,
    });
    expect(reached).toContain('127.0.0.1');
    expect(reached.length).toBeGreaterThanOrEqual(2);
    canary.connections = 0;
    canary.from.length = 0;
    for (const c of extraCanaries) c.connections = 0;
  });

  it('refuses every inside target when it is saved, as a webhook and as each bot kind', async () => {
    const ws = await createWorkspace(t.app);
    const accepted: Array<{ kind: Kind; id: string; url: string }> = [];
    for (const url of targets(canary.port)) {
      for (const kind of KINDS) {
        tried += 1;
        const id = await createTarget(ws, kind, url);
        if (id) accepted.push({ kind, id, url });
        else refusedAtSave.push(`${kind} ${url}`);
      }
    }
    // Whatever was accepted (a name that does not resolve now) must still be refused when sent.
    await triggerAll(ws, accepted);
    attempted += await deliverAll(ws);
    for (const a of accepted) {
      for (const d of await deliveries(ws, a.kind, a.id))
        expect(d.status === 'succeeded', `${a.kind} ${a.url} delivered`).toBe(false);
    }
    // Only a host name that does not resolve now may pass the save-time check; every address literal must not.
    const onlyNames = accepted.every((x) => {
      try {
        return net.isIP(new URL(x.url.trim()).hostname.replace(/^\[|\]$/g, '')) === 0;
      } catch {
        return false;
      }
    });
    record({
      suite: SUITE,
      name: 'inside targets refused when saved (private targets not allowed)',
      value: refusedAtSave.length,
      unit: `of ${tried}`,
      target: `${tried} (a name unresolvable now may be saved, then refused at send)`,
      pass: onlyNames,
      note: accepted.length ? `saved but unresolvable: ${accepted.map((a) => a.url).join(' ')}` : undefined,
    });
    expect(onlyNames, accepted.map((x) => x.url).join(' ')).toBe(true);
    expect(canaryHits(), canary.from.join(' ')).toBe(0);
  });

  it('refuses at send time the targets saved while private targets were allowed, once the switch is off', async () => {
    const ws = await createWorkspace(t.app);
    await setAllowPrivate(ws, true);
    for (const url of targets(canary.port)) {
      for (const kind of KINDS) {
        const id = await createTarget(ws, kind, url);
        if (id) savedWhileAllowed.push({ kind, id, url });
      }
    }
    expect(savedWhileAllowed.length).toBeGreaterThan(100);
    await setAllowPrivate(ws, false);
    await triggerAll(ws, savedWhileAllowed);
    const sent = await deliverAll(ws);
    attempted += sent;
    expect(sent).toBeGreaterThanOrEqual(savedWhileAllowed.length * 2);
    // Replays of those refused deliveries are refused as well.
    for (const s of savedWhileAllowed.slice(0, 40)) {
      const first = (await deliveries(ws, s.kind, s.id))[0];
      if (!first) continue;
      const res = await ws.admin.post(`${testPath(s.kind, s.id)}/deliveries/${first.id}/replay`);
      expect(res.status).toBeLessThan(500);
    }
    attempted += await deliverAll(ws);
    let notRefused = 0;
    for (const s of savedWhileAllowed) {
      for (const d of await deliveries(ws, s.kind, s.id)) {
        if (d.status === 'succeeded' || (d.lastError !== null && !d.lastError.startsWith('refused'))) {
          notRefused += 1;
          console.log(`not refused: ${s.kind} ${s.url}: ${d.status} ${d.lastError ?? ''}`);
        }
      }
    }
    record({
      suite: SUITE,
      name: 'deliveries to inside targets saved while allowed, sent after the switch was turned off, not refused',
      value: notRefused,
      unit: 'deliveries',
      target: '0',
      pass: notRefused === 0,
      note: `${savedWhileAllowed.length} targets`,
    });
    expect(notRefused).toBe(0);
    expect(canaryHits(), canary.from.join(' ')).toBe(0);
  });

  it('refuses a name whose DNS answer turns private at send time (rebinding)', async () => {
    const ws = await createWorkspace(t.app);
    const saved: Array<{ kind: Kind; id: string; url: string }> = [];
    for (const kind of KINDS) {
      const url = `http://rebind-${unique().toLowerCase()}.invalid:${canary.port}/hook`;
      const id = await createTarget(ws, kind, url);
      expect(id, `${kind} ${url} (unresolvable at save) is accepted`).not.toBeNull();
      saved.push({ kind, id: id as string, url });
    }
    const answers: Array<Array<{ address: string; family: 4 | 6 }>> = [
      [{ address: '127.0.0.1', family: 4 }],
      [{ address: '::1', family: 6 }],
      [
        { address: '8.8.8.8', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
      [{ address: '::ffff:127.0.0.1', family: 6 }],
      [{ address: '169.254.169.254', family: 4 }],
    ];
    for (const answer of answers) {
      await triggerAll(ws, saved);
      attempted += await deliverAll(ws, async () => answer);
      tried += saved.length;
    }
    for (const s of saved)
      for (const d of await deliveries(ws, s.kind, s.id)) expect(d.status).not.toBe('succeeded');
    expect(canaryHits(), canary.from.join(' ')).toBe(0);
  });

  it('never follows a redirect from an allowed target to the canary', async () => {
    const ws = await createWorkspace(t.app);
    await setAllowPrivate(ws, true);
    const saved: Array<{ kind: Kind; id: string; url: string }> = [];
    for (const kind of KINDS) {
      const url = `http://127.0.0.1:${redirector.port}/allowed-by-admin?key=1`;
      const id = await createTarget(ws, kind, url);
      expect(id).not.toBeNull();
      saved.push({ kind, id: id as string, url });
    }
    for (let round = 0; round < 3; round++) {
      await triggerAll(ws, saved);
      attempted += await deliverAll(ws);
      tried += saved.length;
    }
    for (const s of saved)
      for (const d of await deliveries(ws, s.kind, s.id)) {
        expect(d.status).toBe('failed');
        expect(d.lastError).toContain('redirects are not followed');
      }
    record({
      suite: SUITE,
      name: 'requests to the allowed redirecting target (control: deliveries do go out)',
      value: redirector.hits,
      unit: 'requests',
      target: '> 0',
      pass: redirector.hits > 0,
      note: 'the only target the admin allowed (private targets on, 127.0.0.1:<redirector>)',
    });
    expect(redirector.hits).toBeGreaterThanOrEqual(saved.length * 3);
    expect(canaryHits(), canary.from.join(' ')).toBe(0);
  });

  it('records the totals', () => {
    const hits = canaryHits();
    record({
      suite: SUITE,
      name: 'webhook and bot targets tried (URLs × webhook/WeCom/DingTalk/Feishu, rebinding, redirects)',
      value: tried,
      unit: 'targets',
      target: '≥ 300',
      pass: tried >= 300,
    });
    record({
      suite: SUITE,
      name: 'deliveries attempted by the queue against those targets',
      value: attempted,
      unit: 'attempts',
      target: '> 0',
      pass: attempted > 0,
    });
    record({
      suite: SUITE,
      name: 'connections that reached the canary on loopback/own addresses',
      value: hits,
      unit: 'connections',
      target: '0',
      pass: hits === 0,
      note: canary.from.join(' ') || undefined,
    });
    expect(tried).toBeGreaterThanOrEqual(300);
    expect(hits).toBe(0);
  });
});
