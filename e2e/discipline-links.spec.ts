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
  agentAndContactPages,
} from './harness.js';

let server: Server;
let browser: Browser;
let agent: Page;
let contactPage: Page;
let api: ApiSession;
let contactApi: ApiSession;
const admin = { email: 'checkpoint.admin@example.com', slug: 'checkpoint-co' };
const contactEmail = 'zhou@customer.example.com';
const subject = '包装线 PLC 间歇性报警';
const checkpointTitle = '寄出替换 PLC 模块';
const followUp = '顺带检查触摸屏校准';
let caseId = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '节点测试有限公司',
    slug: admin.slug,
    name: '吴管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const customer = await api.send<{ id: string }>('POST', '/api/customers', {
    code: 'CUST-K1',
    name: '常州示例机械有限公司',
  });
  const contact = await api.send<{ id: string }>('POST', '/api/contacts', {
    customerId: customer.id,
    name: '周联系',
    email: contactEmail,
    portalAccess: true,
    companyWide: true,
  });
  const invite = await api.send<{ inviteUrl: string }>('POST', `/api/contacts/${contact.id}/portal-invite`);
  const token = new URL(invite.inviteUrl).searchParams.get('token');
  contactApi = new ApiSession(server.url);
  await contactApi.send('POST', '/api/portal/auth/accept-invite', { token, password: PASSWORD });
  const created = await contactApi.send<{ id: string }>('POST', '/api/portal/cases', {
    subject,
    body: 'PLC 每天报警两三次，产线停顿。',
  });
  caseId = created.id;
  ({ agent, contact: contactPage } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('checkpoints and related problems', () => {
  it('the agent sets a checkpoint agreed with the customer and records a follow-up', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.getByTestId('menu-cases').waitFor();
    await agent.goto(`${server.url}/app/cases/${caseId}`);
    await agent.getByTestId('case-detail').waitFor();
    await agent.getByTestId('case-tab-discipline').click();
    const card = agent.getByTestId('checkpoints-card');
    await card.waitFor();
    await agent.getByTestId('checkpoint-title').fill(checkpointTitle);
    const due = card.getByPlaceholder('日期和时间');
    await due.click();
    await due.fill('2030-01-15 10:00');
    await due.press('Enter');
    await agent.getByTestId('checkpoint-add').click();
    await card.getByTestId('checkpoint-row').filter({ hasText: checkpointTitle }).waitFor();
    expect(await card.getByTestId('checkpoint-row').textContent()).toContain('2030');

    const links = agent.getByTestId('links-card');
    await links.getByTestId('link-kind').click();
    await agent.locator('.ant-select-item-option', { hasText: '后续处理' }).click();
    await agent.getByTestId('link-title').fill(followUp);
    await agent.getByTestId('link-add').click();
    await links.getByTestId('link-row').filter({ hasText: followUp }).waitFor();
    await screenshot(agent, 'discipline-checkpoints-console');
  });

  it('the contact sees the checkpoint and the follow-up in the portal and acknowledges the date', async () => {
    await signIn(contactPage, server.url, 'portal', contactEmail);
    await contactPage.getByTestId('portal-home').waitFor();
    await contactPage.goto(`${server.url}/portal/cases/${caseId}`);
    const checkpoints = contactPage.getByTestId('portal-checkpoints');
    await checkpoints.filter({ hasText: checkpointTitle }).waitFor({ timeout: 15_000 });
    expect(await contactPage.getByTestId('portal-links').textContent()).toContain(followUp);
    await contactPage.getByTestId('portal-checkpoint-ack').click();
    await checkpoints.getByTestId('checkpoint-acknowledged').waitFor();
    await screenshot(contactPage, 'discipline-checkpoints-portal');

    // The agent's page follows without a reload.
    await agent
      .getByTestId('checkpoints-card')
      .getByTestId('checkpoint-acknowledged')
      .waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId('checkpoints-card').textContent()).toContain('周联系');
  });

  it('the solve dialog lists the open follow-up', async () => {
    await agent.getByTestId('case-status').click();
    await agent.getByTestId('case-status-option-solved').click();
    await agent.getByTestId('solve-modal').waitFor();
    expect(await agent.getByTestId('solve-follow-ups').textContent()).toContain(followUp);
  });

  it('the public confirmation page explains an unusable link', async () => {
    await contactPage.goto(`${server.url}/portal/confirm?token=not-a-real-token`);
    await contactPage.getByTestId('confirm-invalid').waitFor();
  });
});
