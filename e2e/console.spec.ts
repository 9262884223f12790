import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ApiSession,
  launchBrowser,
  PASSWORD,
  screenshot,
  startServer,
  type Server,
  signIn,
  openContext,
} from './harness.js';

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: ApiSession;
const admin = { email: 'e2e.admin@example.com', slug: 'e2e-co' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '端到端测试有限公司',
    slug: admin.slug,
    name: '王管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  await api.send('POST', '/api/customers', {
    code: 'CUST-1',
    name: '上海示例机电有限公司',
    city: '上海',
    latitude: 31.23,
    longitude: 121.47,
  });
  await api.send('POST', '/api/products', {
    sku: 'ERP-STD',
    name: '云星 ERP',
    warrantyMonths: 12,
    editions: [{ code: 'STD', name: '标准版' }],
  });
  context = await openContext(browser, { locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console', () => {
  it('an admin signs in and invites a staff member', async () => {
    await signIn(page, server.url, 'app', admin.email);
    await page.getByTestId('console-menu').waitFor();
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('invite-button').click();
    await page.getByTestId('invite-email').fill('li.agent@example.com');
    await page.getByTestId('invite-name').fill('李客服');
    // The agent role is preselected for a new invitation.
    expect(await page.getByTestId('invite-roles').textContent()).toContain('服务人员');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invite-done').waitFor();
    expect(await page.getByTestId('invite-link').inputValue()).toContain('/app/accept-invite?token=');
    await screenshot(page, 'invite');
    await page.getByTestId('invite-done').click();
    await page.getByTestId('user-row-li.agent@example.com').waitFor();
  });

  it('imports a CSV of orders: a bad row is reported and nothing is imported, then the fixed file imports', async () => {
    const header =
      'order_ref,customer_code,ordered_at,sku,edition_code,quantity,unit_price,currency,serial_numbers';
    const bad = [
      header,
      'PO-1,CUST-1,2026-03-01,ERP-STD,STD,1,1200.00,CNY,SN-0001',
      'PO-2,CUST-1,2026-03-02,NO-SUCH-SKU,,2,99.50,CNY,',
    ].join('\n');
    await page.getByTestId('menu-orders').click();
    await page.getByTestId('orders-import').click();
    await page.getByTestId('import-upload').waitFor();
    await page
      .getByTestId('import-file-input')
      .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('3');
    expect(text).toContain('sku');
    await screenshot(page, 'import-errors');
    const orders = await api.send<{ total: number }>('GET', '/api/orders');
    expect(orders.total).toBe(0);

    const good = [
      header,
      'PO-1,CUST-1,2026-03-01,ERP-STD,STD,1,1200.00,CNY,SN-0001',
      'PO-2,CUST-1,2026-03-02,ERP-STD,STD,2,99.50,CNY,',
    ].join('\n');
    await page
      .getByTestId('import-file-input')
      .setInputFiles({ name: 'orders-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-success').waitFor();
    expect((await api.send<{ total: number }>('GET', '/api/orders')).total).toBe(2);
  });

  it('switches the UI to English, and keeps it for this user', async () => {
    await page.goto(`${server.url}/app/customers`);
    await page.getByTestId('customers-table').waitFor();
    expect(await page.getByTestId('menu-customers').textContent()).toContain('客户');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('menu-customers').filter({ hasText: 'Customers' }).waitFor();
    await page.reload();
    await page.getByTestId('customers-table').waitFor();
    expect(await page.getByTestId('menu-customers').textContent()).toContain('Customers');
    // The choice is the user's, kept on the server: another session of the same admin sees it too.
    const me = await api.send<{ locale: string }>('GET', '/api/auth/me');
    expect(me.locale).toBe('en');
  });

  it('switches a module off and it disappears', async () => {
    await page.goto(`${server.url}/app`);
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('menu-dashboard').textContent()).toContain('Dashboard');
    await page.getByTestId('menu-modules').click();
    const reports = page.getByTestId('module-switch-reports');
    await reports.waitFor();
    expect(await reports.getAttribute('aria-checked')).toBe('true');
    await reports.click();
    await page.locator('[data-testid="module-switch-reports"][aria-checked="false"]').waitFor();
    await page.goto(`${server.url}/app`);
    await page.getByTestId('welcome').waitFor();
    expect(await page.getByTestId('dashboard').count()).toBe(0);
    expect(await page.getByTestId('menu-dashboard').textContent()).not.toContain('Dashboard');
    const res = await fetch(`${server.url}/api/reports/overview`, {
      headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(res.status).toBe(404);
  });
});

describe('mobile', () => {
  it('a field engineer signs in to the mobile shell on a phone and finds a customer', async () => {
    const phone = await (
      await openContext(browser, {
        locale: 'zh-CN',
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      })
    ).newPage();
    await signIn(phone, server.url, 'm', admin.email);
    await phone.getByTestId('mobile-shell').waitFor();
    await phone.getByTestId('m-tab-customers').click();
    await phone.getByTestId('m-customer-CUST-1').waitFor();
    await screenshot(phone, 'mobile-customers');
  });
});

describe('portal', () => {
  it('a customer contact accepts the portal invitation and signs in to the portal', async () => {
    const customers = await api.send<{ items: Array<{ id: string }> }>('GET', '/api/customers');
    const contact = await api.send<{ id: string }>('POST', '/api/contacts', {
      customerId: customers.items[0]?.id,
      name: '陈联系',
      email: 'chen@customer.example.com',
      companyWide: true,
    });
    const invite = await api.send<{ inviteUrl: string }>('POST', `/api/contacts/${contact.id}/portal-invite`);
    const portal = await (await openContext(browser, { locale: 'zh-CN' })).newPage();
    await portal.goto(invite.inviteUrl.replace(/^https?:\/\/[^/]+/, server.url));
    await portal.getByTestId('accept-password-input').fill(PASSWORD);
    await portal.getByTestId('accept-password-confirm').fill(PASSWORD);
    await portal.getByTestId('accept-submit').click();
    await portal.getByTestId('portal-home').waitFor();
    expect(await portal.getByTestId('portal-home').textContent()).toContain('上海示例机电有限公司');
    await portal.context().clearCookies();
    await signIn(portal, server.url, 'portal', 'chen@customer.example.com');
    await portal.getByTestId('portal-home').waitFor();
    await screenshot(portal, 'portal-home');
  });
});
