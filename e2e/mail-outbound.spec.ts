import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import { SmtpSink } from '../apps/server/test/smtp-sink.js';
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
let agent: Page;
let api: ApiSession;
let sink: SmtpSink;
const admin = { email: 'mail.admin@example.com', slug: 'mail-co' };
const customerEmail = 'li.gong@customer-co.example.cn';
let caseId = '';
let customerId = '';
let contactId = '';

beforeAll(async () => {
  sink = await new SmtpSink().start();
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '极光设备有限公司',
    slug: admin.slug,
    name: '王管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const customer = await api.send<{ id: string }>('POST', '/api/customers', { code: 'C-1', name: '客户甲' });
  const contact = await api.send<{ id: string }>('POST', '/api/contacts', {
    customerId: customer.id,
    name: '李工',
    email: customerEmail,
  });
  customerId = customer.id;
  contactId = contact.id;
  agent = await (
    await openContext(browser, { locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  ).newPage();
  agent.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

describe('outgoing mail', () => {
  it('configures the SMTP server, sends a test mail and previews the acknowledgement', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.goto(`${server.url}/app/settings/mail`);
    await agent.getByTestId('mail-enabled').click();
    await agent.getByTestId('mail-save').click();
    // Enabled without host and from address: the errors sit next to the fields.
    await agent.getByText('必填').first().waitFor();
    await agent.getByTestId('mail-host').fill('127.0.0.1');
    await agent.getByLabel('端口').fill(String(sink.port));
    await agent.getByTitle('STARTTLS').click({ force: true });
    await agent.locator('.ant-select-item-option[title="不加密"]').click();
    await agent.getByTestId('mail-from').fill('support@aurora.example');
    await agent.getByTestId('mail-save').click();
    await agent.getByText('已保存').first().waitFor();
    await agent.getByTestId('mail-test').click();
    await expect
      .poll(async () => (await agent.getByTestId('mail-test-result').textContent()) ?? '')
      .toContain('测试邮件已发送到 mail.admin@example.com');
    const frame = agent.frameLocator('[data-testid="mail-preview-zh-CN"]');
    await frame.getByText('我们将在 11月24日 周二 10:30 前答复。').waitFor();
    await screenshot(agent, 'mail-outbound-settings');
  });

  it('shows the delivery of a reply on the thread, a failure with its error, and retries it', async () => {
    const created = await api.send<{ id: string }>('POST', '/api/cases', {
      customerId,
      contactId,
      subject: '冷水机组报警 E42',
      body: '机组显示 E42 报警。',
    });
    caseId = created.id;
    await expect
      .poll(() => sink.messages.filter((m) => m.rcptTo.includes(customerEmail)).length, {
        timeout: 20_000,
      })
      .toBe(1);
    const ack = await simpleParser(sink.messages.find((m) => m.rcptTo.includes(customerEmail))?.raw ?? '');
    expect(ack.text).toMatch(/我们将在 .+ 前答复/);
    await api.send('POST', `/api/cases/${caseId}/messages`, {
      body: '请检查冷却水流量。',
      visibility: 'public',
    });
    await agent.goto(`${server.url}/app/cases/${caseId}`);
    await expect
      .poll(
        async () => {
          await agent.reload();
          await agent.getByTestId('case-thread').waitFor();
          return agent.getByTestId('delivery-sent').count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(1);
    sink.failNext(550, 'Mailbox unavailable');
    await api.send('POST', `/api/cases/${caseId}/messages`, {
      body: '已安排工程师上门。',
      visibility: 'public',
    });
    await expect
      .poll(
        async () => {
          await agent.reload();
          await agent.getByTestId('case-thread').waitFor();
          return agent.getByTestId('delivery-failed').count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(1);
    await agent.getByTestId('delivery-failed').hover();
    await agent.getByText('550 Mailbox unavailable').waitFor();
    await screenshot(agent, 'mail-outbound-thread-failed');
    await agent.getByTestId('delivery-retry').click();
    await expect
      .poll(
        async () => {
          await agent.reload();
          await agent.getByTestId('case-thread').waitFor();
          return agent.getByTestId('delivery-sent').count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(2);
    await screenshot(agent, 'mail-outbound-thread');
  });
});
