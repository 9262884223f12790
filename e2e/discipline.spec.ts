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
const admin = { email: 'discipline.admin@example.com', slug: 'discipline-co' };
const contactEmail = 'qian@customer.example.com';
const subject = '贴标机频繁卡纸';
const agreementText = '本周五前更换贴标机压轮，贴标恢复正常，连续 8 小时不卡纸。';
const problem = '贴标机每小时卡纸 3–4 次';
const doneSoFar = '远程检查了参数，确认压轮磨损';
const difficulties = '压轮备件需要从上海调货';
const nextSteps = '备件到货后上门更换，客户按计划自检';
const step1 = '清洁进纸通道并重新穿纸';
const step1Expected = '卡纸减少到每班不超过一次';
const step2 = '更换压轮';
const step2Expected = '连续 8 小时不卡纸';
const cause = '压轮磨损导致标签纸打滑';
const fix = '更换压轮并调整压力参数';
const customerNotes = '每周清洁一次进纸通道；压轮约每 12 个月更换一次。';
const reopenText = '今天又卡了一次纸，请再看看。';
let caseId = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '纪律测试有限公司',
    slug: admin.slug,
    name: '孙管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const customer = await api.send<{ id: string }>('POST', '/api/customers', {
    code: 'CUST-D1',
    name: '无锡示例包装有限公司',
    city: '无锡',
  });
  const contact = await api.send<{ id: string }>('POST', '/api/contacts', {
    customerId: customer.id,
    name: '钱联系',
    email: contactEmail,
    portalAccess: true,
    companyWide: true,
  });
  const invite = await api.send<{ inviteUrl: string }>('POST', `/api/contacts/${contact.id}/portal-invite`);
  const token = new URL(invite.inviteUrl).searchParams.get('token');
  expect(token).toBeTruthy();
  contactApi = new ApiSession(server.url);
  await contactApi.send('POST', '/api/portal/auth/accept-invite', { token, password: PASSWORD });
  const created = await contactApi.send<{ id: string }>('POST', '/api/portal/cases', {
    subject,
    body: '贴标机从周一开始频繁卡纸，影响生产。',
  });
  caseId = created.id;

  ({ agent, contact: contactPage } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('case discipline', () => {
  it('the agent proposes the agreed outcome', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.getByTestId('menu-cases').waitFor();
    await agent.goto(`${server.url}/app/cases/${caseId}`);
    await agent.getByTestId('case-detail').waitFor();
    await agent.getByTestId('case-tab-discipline').click();
    await agent.getByTestId('discipline').waitFor();
    await agent.getByTestId('plan-empty').waitFor();
    await agent.getByTestId('agreement-text-input').fill(agreementText);
    await agent.getByTestId('agreement-save').click();
    await agent.locator('[data-testid="agreement-state"][data-confirmed="false"]').waitFor();
    expect(await agent.getByTestId('agreement-card').textContent()).toContain(agreementText);
    expect(await agent.getByTestId('agreement-state').textContent()).toContain('待客户确认');
  });

  it('the contact confirms it in the portal', async () => {
    await signIn(contactPage, server.url, 'portal', contactEmail);
    await contactPage.getByTestId('portal-home').waitFor();
    await contactPage.goto(`${server.url}/portal/cases/${caseId}`);
    await contactPage.getByTestId('portal-case-detail').waitFor();
    await contactPage.locator('[data-testid="portal-agreement-state"][data-confirmed="false"]').waitFor();
    expect(await contactPage.getByTestId('portal-agreement').textContent()).toContain(agreementText);
    await contactPage.getByTestId('portal-agreement-confirm').click();
    await contactPage.locator('[data-testid="portal-agreement-state"][data-confirmed="true"]').waitFor();
    expect(await contactPage.getByTestId('portal-agreement-confirm').count()).toBe(0);
    expect(await contactPage.getByTestId('portal-agreement-state').textContent()).toContain('客户已确认');

    // The agent's page follows without a reload.
    await agent
      .locator('[data-testid="agreement-state"][data-confirmed="true"]')
      .waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId('agreement-state').textContent()).toContain('钱联系');
  });

  it('the agent posts a status summary and an action plan of two steps', async () => {
    await agent.getByTestId('summary-problem').fill(problem);
    await agent.getByTestId('summary-done').fill(doneSoFar);
    await agent.getByTestId('summary-difficulties').fill(difficulties);
    await agent.getByTestId('summary-next').fill(nextSteps);
    await agent.getByTestId('summary-save').click();
    await agent.getByTestId('summary-latest').filter({ hasText: problem }).waitFor();
    const latest = (await agent.getByTestId('summary-latest').textContent()) ?? '';
    for (const text of [doneSoFar, difficulties, nextSteps, '孙管理']) expect(latest).toContain(text);

    // Written in the wrong order, then moved up.
    const editor = agent.getByTestId('plan-editor');
    await editor.getByTestId('plan-step-title-0').fill(step2);
    await editor.getByTestId('plan-step-expected-0').fill(step2Expected);
    await editor.getByTestId('plan-add-step').click();
    await editor.getByTestId('plan-step-title-1').fill(step1);
    await editor.getByTestId('plan-step-expected-1').fill(step1Expected);
    await editor.getByTestId('plan-step-up-1').click();
    expect(await editor.getByTestId('plan-step-title-0').inputValue()).toBe(step1);
    await agent.getByTestId('plan-save').click();
    await agent.getByTestId('plan-step-1').filter({ hasText: step2 }).waitFor();
    expect(await agent.getByTestId('plan-step-0').textContent()).toContain(step1Expected);
    expect(await agent.getByTestId('plan-step-0').getAttribute('data-done')).toBe('false');
    await screenshot(agent, 'discipline-console');
  });

  it('the contact sees the summary and ticks step 1', async () => {
    await contactPage
      .getByTestId('portal-summary-latest')
      .filter({ hasText: problem })
      .waitFor({ timeout: 15_000 });
    expect(await contactPage.getByTestId('portal-summary-latest').textContent()).toContain(nextSteps);
    const first = contactPage.getByTestId('portal-plan-step-0');
    await first.filter({ hasText: step1 }).waitFor({ timeout: 15_000 });
    expect(await first.textContent()).toContain(step1Expected);
    expect(await contactPage.getByTestId('portal-plan-step-1').textContent()).toContain(step2);
    await first.getByRole('checkbox').click();
    await contactPage.locator('[data-testid="portal-plan-step-0"][data-done="true"]').waitFor();
    expect(await contactPage.getByTestId('portal-plan-step-1').getAttribute('data-done')).toBe('false');
    await screenshot(contactPage, 'discipline-portal');
  });

  it('the agent sees step 1 done and solves the case with a closing summary', async () => {
    await agent.locator('[data-testid="plan-step-0"][data-done="true"]').waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId('plan-step-0').textContent()).toContain('钱联系');

    await agent.getByTestId('case-status').click();
    await agent.getByTestId('case-status-option-solved').click();
    const modal = agent.getByTestId('solve-modal');
    await modal.waitFor();
    // Nothing written: the server names each missing field and the errors sit next to them.
    await agent.getByTestId('solve-submit').click();
    for (const field of ['closing-cause', 'closing-fix', 'closing-notes']) {
      await modal
        .locator('.ant-form-item', { has: agent.getByTestId(field) })
        .locator('.ant-form-item-explain-error')
        .first()
        .waitFor();
    }
    expect(await agent.locator('[data-testid="case-status-tag"][data-status="solved"]').count()).toBe(0);

    await agent.getByTestId('closing-cause').fill(cause);
    await agent.getByTestId('closing-fix').fill(fix);
    await agent.getByTestId('closing-notes').fill(customerNotes);
    await agent.getByTestId('solve-submit').click();
    await agent.locator('[data-testid="case-status-tag"][data-status="solved"]').waitFor();
    await agent.getByTestId('closing-summary').filter({ hasText: cause }).waitFor();
    expect(await agent.getByTestId('closing-summary').textContent()).toContain(customerNotes);
    await screenshot(agent, 'discipline-solved');
  });

  it('the contact sees the closing summary and reopens the case by replying', async () => {
    await contactPage
      .getByTestId('portal-closing-summary')
      .filter({ hasText: customerNotes })
      .waitFor({ timeout: 15_000 });
    const closing = (await contactPage.getByTestId('portal-closing-summary').textContent()) ?? '';
    expect(closing).toContain(cause);
    expect(closing).toContain(fix);
    await contactPage.locator('[data-testid="portal-case-status"][data-status="solved"]').waitFor();

    await contactPage.getByTestId('portal-reply-body').fill(reopenText);
    await contactPage.getByTestId('portal-reply-send').click();
    await contactPage.locator('[data-testid="portal-case-status"][data-status="open"]').waitFor();
    await contactPage.getByTestId('case-message').filter({ hasText: reopenText }).waitFor();
    expect(await contactPage.getByTestId('portal-closing-summary').count()).toBe(0);
    await agent.locator('[data-testid="case-status-tag"][data-status="open"]').waitFor({ timeout: 15_000 });
  });
});
