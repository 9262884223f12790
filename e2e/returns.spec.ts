import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  ApiSession,
  launchBrowser,
  PASSWORD,
  screenshot,
  signIn,
  startServer,
  type Server,
  openContext,
} from './harness.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const KINDS = ['sales', 'technical', 'finance', 'logistics'] as const;

let server: Server;
let browser: Browser;
let api: ApiSession;
let contactPage: Page;
const contactEmail = 'zhao@customer.example.com';
const reviewerEmail = (k: string) => `${k}@returns.example.com`;

async function newPage(): Promise<Page> {
  const page = await (
    await openContext(browser, { locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  ).newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '退货测试有限公司',
    slug: 'returns-co',
    name: '王管理',
    email: 'returns.admin@example.com',
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const roles = await api.send<Array<{ id: string; key: string | null }>>('GET', '/api/roles');
  const departments = await api.send<Array<{ id: string; kind: string }>>('GET', '/api/departments');
  const dep = (k: string) => departments.find((d) => d.kind === k)?.id as string;
  for (const k of KINDS) {
    const invite = await api.send<{ inviteUrl: string }>('POST', '/api/users/invitations', {
      email: reviewerEmail(k),
      name: `${k} 审核人`,
      roleIds: roles.filter((r) => r.key === 'agent').map((r) => r.id),
      departments: [{ departmentId: dep(k), lead: false }],
    });
    await new ApiSession(server.url).send('POST', '/api/auth/accept-invite', {
      token: new URL(invite.inviteUrl).searchParams.get('token'),
      password: PASSWORD,
    });
  }
  const customer = await api.send<{ id: string }>('POST', '/api/customers', { code: 'R1', name: '苏州示例' });
  const product = await api.send<{ id: string }>('POST', '/api/products', {
    sku: 'AP-100',
    name: '空气净化器',
    warrantyMonths: 12,
    returnWindowDays: 30,
  });
  await api.send('POST', '/api/orders', {
    customerId: customer.id,
    orderedAt: new Date().toISOString().slice(0, 10),
    lines: [{ productId: product.id, quantity: 1, unitPriceCents: 199_900, serialNumbers: ['AP100-0001'] }],
  });
  const contact = await api.send<{ id: string }>('POST', '/api/contacts', {
    customerId: customer.id,
    name: '赵联系',
    email: contactEmail,
    companyWide: true,
  });
  const portalInvite = await api.send<{ inviteUrl: string }>(
    'POST',
    `/api/contacts/${contact.id}/portal-invite`,
  );
  await new ApiSession(server.url).send('POST', '/api/portal/auth/accept-invite', {
    token: new URL(portalInvite.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  await api.send('POST', '/api/return-reasons', {
    code: 'defect',
    label: { 'zh-CN': '质量问题', en: 'Defective' },
  });
  await api.send('POST', '/api/return-policies', {
    name: '默认退货规则',
    departmentIds: KINDS.map(dep),
    rule: 'all',
    reviewHours: 8,
    decisionHours: 16,
  });
  contactPage = await newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('returns judged in parallel', () => {
  it('a contact asks for a refund with a photo; four departments approve at once; the contact follows it to the refund', async () => {
    const c = contactPage;
    await signIn(c, server.url, 'portal', contactEmail);
    await c.goto(`${server.url}/portal/returns`);
    await c.getByTestId('portal-return-new').click();
    await c.getByTestId('portal-return-items').click();
    await c.locator('.ant-select-item-option').filter({ hasText: 'AP100-0001' }).click();
    await c.keyboard.press('Escape');
    await c.getByTestId('portal-return-reason').click();
    await c.locator('.ant-select-item-option').filter({ hasText: '质量问题' }).click();
    await c.getByTestId('portal-return-description').fill('使用一周后风扇异响');
    await c
      .getByTestId('portal-return-photos')
      .locator('input[type=file]')
      .setInputFiles({ name: '异响.png', mimeType: 'image/png', buffer: PNG });
    await c.getByTestId('portal-return-photos').locator('a[title="异响.png"]').waitFor();
    await c.getByTestId('portal-return-submit').click();
    await c.waitForURL(/\/portal\/returns\/[0-9a-f-]{36}$/);
    const returnUrl = c.url();
    const returnId = returnUrl.split('/').at(-1) as string;
    await c.getByTestId('return-promise').waitFor();
    expect(await c.getByTestId('return-status').getAttribute('data-status')).toBe('reviewing');
    await screenshot(c, 'returns-portal-requested');

    // Four department users, each in their own queue, approve at the same time.
    const pages = await Promise.all(KINDS.map(() => newPage()));
    await Promise.all(
      KINDS.map(async (k, i) => {
        const p = pages[i] as Page;
        await signIn(p, server.url, 'app', reviewerEmail(k));
        await p.goto(`${server.url}/app/returns`);
        await p.getByTestId(`return-queue-${k}`).click();
        await p.getByTestId('return-row').first().getByRole('link').click();
        await p.getByTestId(`verdict-form-${k}`).waitFor();
      }),
    );
    await screenshot(pages[2] as Page, 'returns-finance-review');
    await Promise.all(
      KINDS.map(async (k, i) => {
        const p = pages[i] as Page;
        await p.getByTestId(`verdict-submit-${k}`).click();
        await p.getByTestId(`review-${k}`).and(p.locator('[data-status="approved"]')).waitFor();
      }),
    );

    await c.reload();
    await c.getByTestId('return-decision').waitFor();
    expect(await c.getByTestId('return-decision').getAttribute('data-decision')).toBe('approved');
    await screenshot(c, 'returns-portal-approved');

    await c.getByTestId('return-tracking').fill('SF1234567890');
    await c.getByTestId('return-ship').click();
    await c.getByTestId('return-step-shipped').waitFor();

    await api.send('POST', `/api/returns/${returnId}/receive`, {});
    await c.reload();
    await c.getByTestId('return-step-received').waitFor();
    await api.send('POST', `/api/returns/${returnId}/inspect`, { passed: true });
    await c.reload();
    await c.getByTestId('return-step-inspected').waitFor();
    await api.send('POST', `/api/returns/${returnId}/complete`, { refundCents: 199_900 });
    await c.reload();
    await c.getByTestId('return-step-completed').waitFor();
    expect(await c.getByTestId('return-status').getAttribute('data-status')).toBe('completed');
    expect(await c.getByTestId('return-step-completed').textContent()).toContain('¥1999.00');
    await screenshot(c, 'returns-portal-completed');
  }, 180_000);
});
