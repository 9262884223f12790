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
const admin = { email: 'cases.admin@example.com', slug: 'cases-co' };
const contactEmail = 'zhao@customer.example.com';
const subject = '打印机显示错误 E04';
const internalText = 'INTERNAL-ONLY: 备件库存只剩一个';
const publicText = '您好，请重启打印机并清理进纸通道。';
const reopenText = '重启后问题仍然存在。';
let caseNumber = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '工单测试有限公司',
    slug: admin.slug,
    name: '王管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const customer = await api.send<{ id: string }>('POST', '/api/customers', {
    code: 'CUST-C1',
    name: '苏州示例精密有限公司',
    city: '苏州',
  });
  const contact = await api.send<{ id: string }>('POST', '/api/contacts', {
    customerId: customer.id,
    name: '赵联系',
    email: contactEmail,
    portalAccess: true,
    companyWide: true,
  });
  const invite = await api.send<{ inviteUrl: string }>('POST', `/api/contacts/${contact.id}/portal-invite`);
  const token = new URL(invite.inviteUrl).searchParams.get('token');
  expect(token).toBeTruthy();
  await new ApiSession(server.url).send('POST', '/api/portal/auth/accept-invite', {
    token,
    password: PASSWORD,
  });

  ({ agent, contact: contactPage } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('cases', () => {
  it('the agent opens the live queue', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.getByTestId('menu-cases').click();
    await agent.getByTestId('cases-table').waitFor();
    await agent.getByTestId('cases-view-unassigned').click();
    await agent.locator('[data-testid="cases-count-unassigned"]', { hasText: '0' }).waitFor();
    expect(agent.url()).toContain('/app/cases');
  });

  it('a contact submits a case in the portal and sees what we promise', async () => {
    await signIn(contactPage, server.url, 'portal', contactEmail);
    await contactPage.getByTestId('portal-home').waitFor();
    await contactPage.getByTestId('portal-nav-cases').click();
    await contactPage.getByTestId('portal-cases').waitFor();
    await contactPage.getByTestId('portal-case-new').click();
    await contactPage.getByTestId('portal-case-subject').fill(subject);
    await contactPage.getByTestId('portal-case-body').fill('今天早上开始，打印机一直显示 E04，无法打印。');
    await contactPage.getByTestId('portal-case-submit').click();
    const detail = contactPage.getByTestId('portal-case-detail');
    await detail.waitFor();
    caseNumber = (await detail.getAttribute('data-case-number')) ?? '';
    expect(caseNumber).not.toBe('');
    // The SLA commitment is filled by the server when a policy applies; show it when present.
    const queue = await api.send<{ items: Array<{ number: string; sla?: unknown }> }>('GET', '/api/cases');
    expect(queue.items.some((c) => c.number === caseNumber)).toBe(true);
    if ((await contactPage.getByTestId('portal-commitment').count()) > 0) {
      expect(await contactPage.getByTestId('portal-commitment').textContent()).toMatch(/我们将在|我们已回复/);
    }
    await screenshot(contactPage, 'portal-case-created');
  });

  it('the case appears in the agent queue without a reload', async () => {
    await agent.getByTestId(`case-row-${caseNumber}`).waitFor({ timeout: 15_000 });
    await agent.locator('[data-testid="cases-count-unassigned"]', { hasText: '1' }).waitFor();
    await screenshot(agent, 'cases-queue');
  });

  it('the agent adds an internal note and a public reply, then solves the case', async () => {
    await agent.getByTestId(`case-link-${caseNumber}`).click();
    await agent.getByTestId('case-detail').waitFor();
    await agent.getByTestId('case-sla').waitFor();

    await agent.getByTestId('composer-tab-note').click();
    await agent.getByTestId('composer-body').fill(internalText);
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('case-message-internal').filter({ hasText: internalText }).waitFor();

    await agent.getByTestId('composer-tab-reply').click();
    await agent.getByTestId('composer-body').fill(publicText);
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('case-message').filter({ hasText: publicText }).waitFor();
    expect(await agent.getByTestId('case-message-internal').count()).toBe(1);
    expect(await agent.getByTestId('case-message-internal').textContent()).toContain('内部备注');

    await agent.getByTestId('case-status').click();
    await agent.getByTestId('case-status-option-solved').click();
    // Solving asks for the closing summary: cause, fix, and what the customer should know.
    await agent.getByTestId('solve-modal').waitFor();
    await agent.getByTestId('closing-cause').fill('进纸通道有异物');
    await agent.getByTestId('closing-fix').fill('重启并清理进纸通道');
    await agent.getByTestId('closing-notes').fill('如再次出现 E04，请先清理进纸通道。');
    await agent.getByTestId('solve-submit').click();
    await agent.locator('[data-testid="case-status-tag"][data-status="solved"]').waitFor();
    await screenshot(agent, 'case-detail-solved');
  });

  it('the contact sees the public reply but not the internal note, and reopens the case by replying', async () => {
    const detail = contactPage.getByTestId('portal-case-detail');
    await detail.getByTestId('case-message').filter({ hasText: publicText }).waitFor({ timeout: 15_000 });
    await contactPage.locator('[data-testid="portal-case-status"][data-status="solved"]').waitFor();
    expect(await detail.textContent()).not.toContain(internalText);
    expect(await contactPage.content()).not.toContain(internalText);
    expect(await contactPage.getByTestId('case-message-internal').count()).toBe(0);

    await contactPage.getByTestId('portal-reply-body').fill(reopenText);
    await contactPage.getByTestId('portal-reply-send').click();
    await contactPage.locator('[data-testid="portal-case-status"][data-status="open"]').waitFor();
    await detail.getByTestId('case-message').filter({ hasText: reopenText }).waitFor();
    await screenshot(contactPage, 'portal-case-reopened');

    // The agent's open case page follows without a reload.
    await agent.locator('[data-testid="case-status-tag"][data-status="open"]').waitFor({ timeout: 15_000 });
    await agent.getByTestId('case-message').filter({ hasText: reopenText }).waitFor();
  });

  it('the agent logs a phone case and puts it on hold with a reason', async () => {
    await agent.getByTestId('menu-cases').click();
    await agent.getByTestId('case-create').click();
    await agent.getByTestId('case-form').waitFor();
    await agent.getByTestId('case-customer').click();
    await agent
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '苏州示例精密' })
      .click();
    await agent.getByTestId('case-contact').click();
    await agent
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '赵联系' })
      .click();
    await agent.getByTestId('case-subject').fill('电话报修：扫码枪无法连接');
    await agent.getByTestId('case-body').fill('客户来电：扫码枪蓝牙无法配对。');
    await agent.getByTestId('case-save').click();
    await agent.getByTestId('case-detail').waitFor();
    expect(await agent.getByTestId('case-thread').textContent()).toContain('扫码枪蓝牙无法配对');

    await agent.getByTestId('case-status').click();
    await agent.getByTestId('case-status-option-on_hold').click();
    await agent.getByTestId('pause-reason').waitFor();
    await agent.getByTestId('pause-reason-ok').click();
    // The reason is required for on_hold: nothing is saved without it.
    await agent.locator('.ant-form-item-explain-error').first().waitFor();
    await agent.getByTestId('pause-reason').fill('等待备件到货');
    await agent.getByTestId('pause-reason-ok').click();
    await agent.locator('[data-testid="case-status-tag"][data-status="on_hold"]').waitFor();
    expect(await agent.getByTestId('case-pause-reason').textContent()).toContain('等待备件到货');
    await screenshot(agent, 'case-on-hold');
  });
});
