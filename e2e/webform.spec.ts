import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
let visitor: Page;
let agent: Page;
let api: ApiSession;
const admin = { email: 'form.admin@example.com', slug: 'form-co' };
const subject = '冷水机组报警 E42';
let caseNumber = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '表单测试有限公司',
    slug: admin.slug,
    name: '王管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  await api.send('PUT', '/api/webform/settings', {
    enabled: true,
    caseType: 'incident',
    fields: ['company', 'phone', 'severity'],
    allowedOrigins: ['https://www.partner-site.example'],
    thankYou: { 'zh-CN': '感谢您的反馈，工程师会尽快联系您。', en: 'Thank you.' },
    version: 0,
  });
  visitor = await (
    await openContext(browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 } })
  ).newPage();
  agent = await (
    await openContext(browser, { locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  ).newPage();
  visitor.setDefaultTimeout(20_000);
  agent.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('public web form', () => {
  it('may be framed only by the allowed site', async () => {
    const page = await fetch(`${server.url}/form/${admin.slug}`);
    expect(page.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'self' https://www.partner-site.example",
    );
    expect(page.headers.get('x-frame-options')).toBeNull();
    const app = await fetch(`${server.url}/app`);
    expect(app.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('a visitor fills the form on a phone and gets the case number and our commitment', async () => {
    await visitor.goto(`${server.url}/form/${admin.slug}`);
    await visitor.getByTestId('webform-name').fill('赵访客');
    await visitor.getByTestId('webform-email').fill('zhao@visitor-co.example.cn');
    await visitor.getByTestId('webform-company').fill('访客制冷有限公司');
    await visitor.getByTestId('webform-phone').fill('13900000000');
    await visitor.getByTestId('webform-subject').fill(subject);
    await visitor.getByTestId('webform-description').fill('机组显示 E42 报警，无法启动。');
    // The proof of work runs on load; the widget shows when it is solved.
    await visitor.locator('altcha-widget [data-state="verified"]').waitFor({ timeout: 20_000 });
    // A person takes a few seconds; the server refuses submissions faster than 3 s after the form was served.
    await visitor.waitForTimeout(3_500);
    await screenshot(visitor, 'webform-filled');
    await visitor.getByTestId('webform-submit').click();
    const receipt = visitor.getByTestId('webform-receipt');
    await receipt.waitFor();
    caseNumber = (await receipt.getAttribute('data-case-number')) ?? '';
    expect(caseNumber).toMatch(/^T-\d+$/);
    const text = (await visitor.getByTestId('webform-receipt-message').textContent()) ?? '';
    expect(text).toContain(caseNumber);
    expect(text).toMatch(/我们将在 .+ 前答复您/);
    await screenshot(visitor, 'webform-receipt');
  });

  it('the case appears in the agent’s queue, from the web form, under a new customer', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.getByTestId('menu-cases').click();
    await agent.getByTestId('cases-table').waitFor();
    await agent.getByTestId(`case-row-${caseNumber}`).waitFor({ timeout: 15_000 });
    await agent.getByTestId(`case-link-${caseNumber}`).click();
    await agent.getByTestId('case-detail').waitFor();
    await agent.getByTestId('customer-glance').getByText('访客制冷有限公司').first().waitFor();
    await screenshot(agent, 'webform-case');
    const queue = await api.send<{ items: Array<{ number: string; channel: string; customerName: string }> }>(
      'GET',
      '/api/cases',
    );
    const found = queue.items.find((c) => c.number === caseNumber);
    expect(found).toMatchObject({ channel: 'web_form', customerName: '访客制冷有限公司' });
  });
});
