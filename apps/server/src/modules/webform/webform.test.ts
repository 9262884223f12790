import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type {
  CaseDetail,
  Contact,
  Customer,
  PageOf,
  Case,
  WebFormConfig,
  WebFormReceipt,
  WebFormSettings,
} from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, fieldsOf, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace, unique, type Workspace } from '../../../test/factories.js';
import { ManualClock } from '../../platform/clock.js';

let t: TestApp;
beforeAll(async () => {
  // Monday 2026-03-02 09:00 in Shanghai.
  t = await createTestApp({ clock: new ManualClock(new Date('2026-03-02T01:00:00.000Z')) });
});
afterAll(() => t.close());

const SETTINGS = {
  enabled: true,
  caseType: 'incident',
  fields: ['company', 'phone', 'severity'],
  allowedOrigins: ['https://www.customer-site.example'],
  thankYou: { 'zh-CN': '感谢您的反馈', en: 'Thanks for writing' },
};

async function enable(ws: Workspace, overrides: Partial<typeof SETTINGS> = {}) {
  const current = (await ws.admin.get<WebFormSettings>('/api/webform/settings')).body;
  const saved = await ws.admin.put<WebFormSettings>('/api/webform/settings', {
    ...SETTINGS,
    ...overrides,
    version: current.version,
  });
  expect(saved.status).toBe(200);
  return saved.body;
}

const visitor = (ip = '203.0.113.7') => new Client(t.app).from(ip);

async function payloadFor(challenge: WebFormConfig['challenge']): Promise<string> {
  const c = challenge as unknown as Challenge;
  const solution = await solveChallenge({ challenge: c, deriveKey });
  return Buffer.from(JSON.stringify({ challenge: c, solution })).toString('base64');
}

/** Loads the form, waits like a person, solves the challenge and sends. */
async function submit(
  slug: string,
  fields: Record<string, unknown>,
  opts: { client?: Client; waitMs?: number; locale?: string } = {},
) {
  const client = (opts.client ?? visitor()).withHeaders({ 'accept-language': opts.locale ?? 'zh-CN' });
  const config = await client.get<WebFormConfig>(`/api/public/forms/${slug}`);
  expect(config.status).toBe(200);
  t.clock.advance(opts.waitMs ?? 20_000);
  return client.post<WebFormReceipt & ErrorReply>(`/api/public/forms/${slug}`, {
    name: '张三',
    email: `${unique('v')}@newco.example.cn`,
    subject: '设备报警',
    description: '设备显示 E42 报警',
    formToken: config.body.formToken,
    altcha: await payloadFor(config.body.challenge),
    ...fields,
  });
}

async function caseByNumber(ws: Workspace, number: string): Promise<CaseDetail> {
  const page = await ws.admin.get<PageOf<Case>>(`/api/cases?q=${number}`);
  const found = page.body.items.find((c) => c.number === number);
  expect(found, number).toBeDefined();
  return (await ws.admin.get<CaseDetail>(`/api/cases/${found?.id}`)).body;
}

describe('web form settings', () => {
  it('starts disabled, is managed by admins only, and gives the address and embed snippet', async () => {
    const ws = await createWorkspace(t.app);
    const initial = (await ws.admin.get<WebFormSettings>('/api/webform/settings')).body;
    expect(initial).toMatchObject({ enabled: false, version: 0 });
    expect(initial.formUrl).toBe(`http://aftercare.test/form/${ws.slug}`);
    expect(initial.embedSnippet).toContain(`<iframe src="http://aftercare.test/form/${ws.slug}"`);
    expect((await visitor().get(`/api/public/forms/${ws.slug}`)).status).toBe(404);

    const agent = await createStaff(t.app, ws, 'agent');
    expect((await agent.client.get('/api/webform/settings')).status).toBe(403);
    expect((await agent.client.put('/api/webform/settings', { ...SETTINGS, version: 0 })).status).toBe(403);
    const saved = await enable(ws);
    expect(saved).toMatchObject({ enabled: true, version: 1, allowedOrigins: SETTINGS.allowedOrigins });
    expect((await ws.admin.put('/api/webform/settings', { ...SETTINGS, version: 0 })).status).toBe(409);
    const badOrigin = await ws.admin.put<ErrorReply>('/api/webform/settings', {
      ...SETTINGS,
      allowedOrigins: ["https://x.example; script-src 'unsafe-inline'"],
      version: 1,
    });
    expect(badOrigin.status).toBe(400);
  });

  it('lets only the form page be framed, by the configured origins', async () => {
    const ws = await createWorkspace(t.app);
    await enable(ws);
    const page = await t.app.inject({ method: 'GET', url: `/form/${ws.slug}` });
    expect(page.statusCode).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain(
      "frame-ancestors 'self' https://www.customer-site.example",
    );
    expect(page.headers['x-frame-options']).toBeUndefined();
    for (const url of ['/app', '/portal', `/form/${unique('nope')}`]) {
      const other = await t.app.inject({ method: 'GET', url });
      expect(String(other.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
      expect(other.headers['x-frame-options'], url).toBeDefined();
    }
  });
});

describe('public web form', () => {
  it('serves the form with fields, published hours, a token and a challenge; 404 for unknown or disabled', async () => {
    const ws = await createWorkspace(t.app);
    await enable(ws, { fields: ['phone'] });
    const zh = await visitor()
      .withHeaders({ 'accept-language': 'zh-CN' })
      .get<WebFormConfig>(`/api/public/forms/${ws.slug}`);
    expect(zh.status).toBe(200);
    expect(zh.body.fields).toEqual(['phone']);
    expect(zh.body.hours[0]).toMatch(/^周一至周五/);
    expect(zh.body.timeZone).toBe('Asia/Shanghai');
    const en = await visitor()
      .withHeaders({ 'accept-language': 'en' })
      .get<WebFormConfig>(`/api/public/forms/${ws.slug}`);
    expect(en.body.hours[0]).toMatch(/^Mon–Fri/);
    expect((await visitor().get(`/api/public/forms/${unique('nows')}`)).status).toBe(404);
    await enable(ws, { enabled: false });
    expect((await visitor().get(`/api/public/forms/${ws.slug}`)).status).toBe(404);
    expect((await visitor().post(`/api/public/forms/${ws.slug}`, { ...validShape() })).status).toBe(404);
  });

  it('turns an unknown email into a contact under a new customer, and reuses that customer for the same domain', async () => {
    const ws = await createWorkspace(t.app);
    await enable(ws);
    const sent = await submit(ws.slug, {
      email: 'Li.Si@NewCo.example.cn',
      name: '李四',
      company: '新公司有限公司',
      phone: '13800000000',
      severity: 'S2',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.caseNumber).toMatch(/^T-\d+$/);
    expect(sent.body.thankYou).toBe('感谢您的反馈');
    expect(sent.body.commitment?.answerBy).toBeTruthy();
    expect(sent.body.message).toMatch(
      new RegExp(`^工单 ${sent.body.caseNumber} 已创建。我们将在 \\d+月\\d+日周.+ 前答复您。`),
    );
    // A new (standard) customer is entitled to S3: the S2 asked for is capped, and the answer says so.
    expect(sent.body.message).toContain('工单按您的服务权益内最高的严重级别 S3 受理（而非 S2）');

    const created = await caseByNumber(ws, sent.body.caseNumber);
    expect(created).toMatchObject({
      channel: 'web_form',
      type: 'incident',
      severity: 'S3',
      status: 'new',
      contactName: '李四',
    });
    expect(created.customerName).toBe('新公司有限公司');
    expect(created.messages[0]).toMatchObject({
      authorType: 'contact',
      authorName: '李四',
      visibility: 'public',
    });
    expect(created.messages[0]?.bodyText).toContain('电话: 13800000000');
    const contact = (await ws.admin.get<Contact>(`/api/contacts/${created.contactId}`)).body;
    expect(contact).toMatchObject({ email: 'li.si@newco.example.cn', portalAccess: false, locale: 'zh-CN' });

    // Another person of the same company domain: same customer, a new contact.
    const second = await submit(
      ws.slug,
      { email: 'wang@newco.example.cn', name: 'Wang', company: 'NewCo Ltd' },
      { locale: 'en' },
    );
    expect(second.status).toBe(201);
    expect(second.body.message).toMatch(
      new RegExp(`^Your case number is ${second.body.caseNumber}\\. We will answer by `),
    );
    const secondCase = await caseByNumber(ws, second.body.caseNumber);
    expect(secondCase.customerId).toBe(created.customerId);
    expect(secondCase.contactId).not.toBe(created.contactId);
    expect(secondCase.severity).toBe('S3');

    // Public mailbox domains never group strangers under one customer.
    const a = await submit(ws.slug, { email: 'a1@qq.com', name: '甲' });
    const b = await submit(ws.slug, { email: 'b2@qq.com', name: '乙' });
    const [ca, cb] = [await caseByNumber(ws, a.body.caseNumber), await caseByNumber(ws, b.body.caseNumber)];
    expect(ca.customerId).not.toBe(cb.customerId);
    expect(ca.customerName).toBe('甲');
  });

  it('files a known contact’s submission under their customer', async () => {
    const ws = await createWorkspace(t.app);
    await enable(ws);
    const customer = (await ws.admin.post<Customer>('/api/customers', { code: 'K', name: '老客户' })).body;
    const contact = (
      await ws.admin.post<Contact>('/api/contacts', {
        customerId: customer.id,
        name: '老联系人',
        email: 'known@old.example.com',
        locale: 'en',
      })
    ).body;
    const sent = await submit(ws.slug, { email: 'KNOWN@old.example.com', name: 'Someone else' });
    expect(sent.status).toBe(201);
    const c = await caseByNumber(ws, sent.body.caseNumber);
    expect(c).toMatchObject({ customerId: customer.id, contactId: contact.id, contactName: '老联系人' });
    const customers = await ws.admin.get<PageOf<Customer>>('/api/customers');
    expect(customers.body.total).toBe(1);
    // The new case is in the agent's queue.
    const queue = await ws.admin.get<PageOf<Case>>('/api/cases?view=unassigned');
    expect(queue.body.items.map((x) => x.number)).toContain(sent.body.caseNumber);
  });

  it('caps a severity above the entitlement of the customer the submission lands on, without a charge', async () => {
    const ws = await createWorkspace(t.app);
    await enable(ws);
    const gold = (
      await ws.admin.post<Customer>('/api/customers', { code: 'G', name: '金牌客户', tier: 'gold' })
    ).body; // entitled to S2
    await ws.admin.post<Contact>('/api/contacts', {
      customerId: gold.id,
      name: '金牌联系人',
      email: 'gold@gold.example.com',
    });
    const within = await submit(ws.slug, { email: 'gold@gold.example.com', name: 'x', severity: 'S2' });
    expect(within.status).toBe(201);
    expect((await caseByNumber(ws, within.body.caseNumber)).severity).toBe('S2');
    expect(within.body.message).not.toContain('权益');

    const above = await submit(
      ws.slug,
      { email: 'gold@gold.example.com', name: 'x', severity: 'S1' },
      { locale: 'en' },
    );
    expect(above.status).toBe(201);
    const capped = await caseByNumber(ws, above.body.caseNumber);
    expect(capped.severity).toBe('S2');
    expect(above.body.message).toContain(
      'It was opened as S2, the most urgent severity your service entitles you to (not S1)',
    );
    const charges = await ws.admin.get<unknown[]>(`/api/cases/${capped.id}/charges`);
    expect(charges.body).toEqual([]);

    // A form without the severity field ignores what is sent: S3.
    await enable(ws, { fields: ['company'] });
    const hidden = await submit(ws.slug, { email: 'gold@gold.example.com', name: 'x', severity: 'S1' });
    expect((await caseByNumber(ws, hidden.body.caseNumber)).severity).toBe('S3');
  });

  it('refuses bots: honeypot, too fast, tampered or expired token, failed proof of work — writing nothing', async () => {
    const ws = await createWorkspace(t.app);
    await enable(ws);
    const count = async () => (await ws.admin.get<PageOf<Case>>('/api/cases')).body.total;
    const expectRefused = (res: { status: number; body: ErrorReply }, code: string) => {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe(code);
    };
    expectRefused(
      await submit(ws.slug, { website: 'http://spam.example' }, { client: visitor('198.51.100.1') }),
      'submission_rejected',
    );
    expectRefused(
      await submit(ws.slug, {}, { waitMs: 1_000, client: visitor('198.51.100.2') }),
      'submission_too_fast',
    );
    expectRefused(
      await submit(ws.slug, {}, { waitMs: 3 * 60 * 60 * 1000, client: visitor('198.51.100.3') }),
      'form_expired',
    );
    // A token of another workspace, or a forged one.
    const other = await createWorkspace(t.app);
    await enable(other);
    const foreign = (await visitor().get<WebFormConfig>(`/api/public/forms/${other.slug}`)).body;
    expectRefused(
      await submit(ws.slug, { formToken: foreign.formToken }, { client: visitor('198.51.100.4') }),
      'form_expired',
    );
    const config = (await visitor().get<WebFormConfig>(`/api/public/forms/${ws.slug}`)).body;
    const [data] = config.formToken.split('.');
    const forged = JSON.parse(Buffer.from(data as string, 'base64url').toString()) as { i: number };
    forged.i -= 60_000;
    expectRefused(
      await submit(
        ws.slug,
        {
          formToken: `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${config.formToken.split('.')[1]}`,
        },
        { client: visitor('198.51.100.5') },
      ),
      'form_expired',
    );
    // Proof of work: garbage, a wrong solution, and a solution of another form's challenge.
    expectRefused(
      await submit(ws.slug, { altcha: 'not-a-payload' }, { client: visitor('198.51.100.6') }),
      'challenge_failed',
    );
    const c = config.challenge as unknown as Challenge;
    const wrong = Buffer.from(
      JSON.stringify({ challenge: c, solution: { counter: 1, derivedKey: '00'.repeat(32) } }),
    ).toString('base64');
    expectRefused(
      await submit(ws.slug, { altcha: wrong }, { client: visitor('198.51.100.7') }),
      'challenge_failed',
    );
    expectRefused(
      await submit(
        ws.slug,
        { altcha: await payloadFor(config.challenge) },
        { client: visitor('198.51.100.8') },
      ),
      'challenge_failed',
    );
    expect(await count()).toBe(0);
    expect((await submit(ws.slug, {}, { client: visitor('198.51.100.9') })).status).toBe(201);
    expect(await count()).toBe(1);
  });

  it('spends a form and its solved challenge on the case they created: a replay, even at once, is refused', async () => {
    const ws = await createWorkspace(t.app);
    await enable(ws);
    const client = visitor('198.51.100.20');
    const config = (await client.get<WebFormConfig>(`/api/public/forms/${ws.slug}`)).body;
    t.clock.advance(20_000);
    const body = {
      name: '张三',
      email: `${unique('v')}@newco.example.cn`,
      subject: '设备报警',
      description: '设备显示 E42 报警',
      formToken: config.formToken,
      altcha: await payloadFor(config.challenge),
    };
    const send = () => client.post<WebFormReceipt & ErrorReply>(`/api/public/forms/${ws.slug}`, body);
    // A refused submission (a field error) does not spend the form.
    const invalid = await client.post<ErrorReply>(`/api/public/forms/${ws.slug}`, { ...body, email: 'nope' });
    expect(invalid.status).toBe(400);
    expect(fieldsOf(invalid)[0]).toMatch(/^email:/);
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status].sort()).toEqual([201, 400]);
    const replay = await send();
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('form_expired');
    const cases = await ws.admin.get<PageOf<Case>>('/api/cases?channel=web_form');
    expect(cases.body.items).toHaveLength(1);
  });

  it('limits submissions per address and per email, counted in the database', async () => {
    const ws = await createWorkspace(t.app);
    await enable(ws);
    const ip = visitor('192.0.2.50');
    // Ten refused attempts from one address use up its window.
    for (let i = 0; i < 10; i += 1)
      expect((await submit(ws.slug, { website: 'x' }, { client: ip, waitMs: 5_000 })).status).toBe(400);
    const limited = await submit(ws.slug, {}, { client: ip });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    // Another address is fine; after the window the first one is too.
    expect((await submit(ws.slug, {}, { client: visitor('192.0.2.51') })).status).toBe(201);
    t.clock.advance(11 * 60 * 1000);
    expect((await submit(ws.slug, {}, { client: ip })).status).toBe(201);

    // Five per email per hour, whatever the address.
    const email = 'busy@repeat.example.com';
    for (let i = 0; i < 5; i += 1)
      expect(
        (await submit(ws.slug, { email }, { client: visitor(`192.0.2.${60 + i}`), waitMs: 5_000 })).status,
      ).toBe(201);
    expect((await submit(ws.slug, { email }, { client: visitor('192.0.2.70') })).status).toBe(429);
  });
});

function validShape() {
  return { name: 'x', email: 'x@example.com', subject: 's', description: 'd', formToken: 't', altcha: 'a' };
}
