import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  ApiSession,
  agentAndContactPages,
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

let server: Server;
let browser: Browser;
let agent: Page;
let contactPage: Page;
let caseId = '';
const admin = { email: 'files.admin@example.com', slug: 'files-co' };
const contactEmail = 'qian@customer.example.com';
const colleague = '李工程师';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '附件测试有限公司',
    slug: admin.slug,
    name: '王管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const roles = await api.send<Array<{ id: string; key: string | null }>>('GET', '/api/roles');
  const invite = await api.send<{ inviteUrl: string }>('POST', '/api/users/invitations', {
    email: 'li@example.com',
    name: colleague,
    roleIds: roles.filter((r) => r.key === 'agent').map((r) => r.id),
  });
  await new ApiSession(server.url).send('POST', '/api/auth/accept-invite', {
    token: new URL(invite.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  const customer = await api.send<{ id: string }>('POST', '/api/customers', { code: 'F1', name: '杭州示例' });
  const contact = await api.send<{ id: string }>('POST', '/api/contacts', {
    customerId: customer.id,
    name: '钱联系',
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
  const created = await api.send<{ id: string }>('POST', '/api/cases', {
    customerId: customer.id,
    contactId: contact.id,
    subject: '扫码枪无法连接',
    body: '蓝牙配对失败',
  });
  caseId = created.id;
  ({ agent, contact: contactPage } = await agentAndContactPages(browser));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('attachments and mentions', () => {
  it('the agent mentions a colleague and attaches a screenshot to a reply', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.getByTestId('menu-cases').waitFor();
    await agent.goto(`${server.url}/app/cases/${caseId}`);
    await agent.getByTestId('case-detail').waitFor();
    const box = agent.getByTestId('composer-body');
    await box.click();
    await box.pressSequentially('请 @李');
    await agent.getByTestId('mention-option').filter({ hasText: colleague }).click();
    await box.pressSequentially('看一下截图');
    await agent
      .getByTestId('attachment-field')
      .locator('input[type=file]')
      .setInputFiles({ name: '配对截图.png', mimeType: 'image/png', buffer: PNG });
    // Uploaded: the list item turns into a link to the stored file.
    await agent.getByTestId('attachment-field').locator('a[title="配对截图.png"]').waitFor();
    await agent.getByTestId('composer-send').click();
    const message = agent.getByTestId('case-message').filter({ hasText: '看一下截图' });
    await message.getByTestId('attachment-thumbnail').waitFor();
    expect(await message.getByTestId('mention').textContent()).toBe(`@${colleague}`);
    expect(await message.getByTestId('attachment-link').getAttribute('href')).toMatch(
      /^\/api\/attachments\//,
    );
    await screenshot(agent, 'attachments-reply');
  });

  it('a refused file is reported next to the field and nothing is attached', async () => {
    await agent
      .getByTestId('attachment-field')
      .locator('input[type=file]')
      .setInputFiles({ name: 'page.png', mimeType: 'image/png', buffer: Buffer.from('<html>x</html>') });
    await agent.getByTestId('attachment-field-error').filter({ hasText: 'page.png' }).waitFor();
    await agent
      .getByTestId('attachment-field')
      .getByText('page.png', { exact: true })
      .waitFor({ state: 'detached' });
  });

  it('the contact sees the screenshot and replies with a file of their own', async () => {
    await signIn(contactPage, server.url, 'portal', contactEmail);
    await contactPage.waitForURL((url) => !url.pathname.endsWith('/login'));
    await contactPage.goto(`${server.url}/portal/cases/${caseId}`);
    const thread = contactPage.getByTestId('case-thread');
    await thread.getByTestId('attachment-thumbnail').waitFor();
    expect(await thread.getByTestId('attachment-link').getAttribute('href')).toMatch(
      /^\/api\/portal\/attachments\//,
    );
    await contactPage.getByTestId('portal-reply-body').fill('这是日志');
    await contactPage
      .getByTestId('portal-reply-files')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'scanner.log',
        mimeType: 'text/plain',
        buffer: Buffer.from('E42 pairing timeout\n'),
      });
    await contactPage.getByTestId('portal-reply-files').locator('a[title="scanner.log"]').waitFor();
    await contactPage.getByTestId('portal-reply-send').click();
    await thread.getByTestId('attachment-link').filter({ hasText: 'scanner.log' }).waitFor();
    await screenshot(contactPage, 'attachments-portal');
  });

  it('the colleague finds the case under “mentioned me”', async () => {
    const page = await (await openContext(browser, { locale: 'zh-CN' })).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, server.url, 'app', 'li@example.com');
    await page.getByTestId('menu-cases').click();
    await page.getByTestId('my-mentions').click();
    await page.getByTestId('my-mention').filter({ hasText: '扫码枪无法连接' }).waitFor();
  });
});
