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
const admin = { email: 'levels.admin@example.com', slug: 'levels-co' };
const contactEmail = 'zhou@customer.example.com';
let complaintId = '';
let incidentId = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '服务级别测试有限公司',
    slug: admin.slug,
    name: '吴管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const customer = await api.send<{ id: string }>('POST', '/api/customers', {
    code: 'CUST-L1',
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
  contactApi = new ApiSession(server.url);
  await contactApi.send('POST', '/api/portal/auth/accept-invite', {
    token: new URL(invite.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  complaintId = (
    await contactApi.send<{ id: string }>('POST', '/api/portal/cases', {
      subject: '工程师三天没有上门',
      type: 'complaint',
      body: '约好的上门维修一直没有人来。',
    })
  ).id;
  incidentId = (
    await contactApi.send<{ id: string }>('POST', '/api/portal/cases', {
      subject: '主轴异响',
      type: 'incident',
      severity: 'S3',
      body: '主轴运行时有异响。',
    })
  ).id;
  ({ agent, contact: contactPage } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('service levels in the browser', () => {
  it('the admin changes the reopen window in the service settings', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.getByTestId('menu-cases').waitFor();
    await agent.goto(`${server.url}/app/settings/service-levels`);
    const days = agent.getByTestId('settings-reopen-days');
    await days.waitFor();
    expect(await days.inputValue()).toBe('7');
    expect(await agent.getByTestId('severity-S1-name-zh-CN').inputValue()).toBe('紧急');
    await days.fill('5');
    await agent.getByTestId('service-settings-save').click();
    await agent.getByText('已保存').first().waitFor();
    const saved = await api.send<{ reopenWindowDays: number; version: number }>(
      'GET',
      '/api/service-settings',
    );
    expect(saved).toMatchObject({ reopenWindowDays: 5, version: 1 });
    await screenshot(agent, 'service-settings');
  });

  it('the agent sees the complaint escalated and solves it with a root cause and corrective action', async () => {
    await agent.goto(`${server.url}/app/cases`);
    await agent.getByTestId('queue-priority-T-1001').waitFor();
    await agent.goto(`${server.url}/app/cases/${complaintId}`);
    await agent.getByTestId('case-complaint').waitFor();
    await agent.getByTestId('case-service-levels').getByText('尚未填写').waitFor();
    await agent.getByTestId('case-status').click();
    await agent.getByTestId('case-status-option-solved').click();
    const modal = agent.getByTestId('solve-modal');
    await modal.waitFor();
    await agent.getByTestId('closing-cause').fill('排班冲突');
    await agent.getByTestId('closing-fix').fill('改派工程师当天上门');
    await agent.getByTestId('closing-notes').fill('如再遇延误请直接致电服务热线。');
    // Without the complaint fields the server names them next to the fields.
    await agent.getByTestId('solve-submit').click();
    await modal
      .locator('.ant-form-item', { has: agent.getByTestId('complaint-corrective-action') })
      .locator('.ant-form-item-explain-error')
      .first()
      .waitFor();
    await agent.getByTestId('complaint-root-cause').click();
    await agent.locator('.ant-select-item-option[title="服务响应不及时"]').click();
    await agent.getByTestId('complaint-corrective-action').fill('增加周末值班工程师');
    await agent.getByTestId('solve-submit').click();
    await agent.locator('[data-testid="case-status-tag"][data-status="solved"]').waitFor();
    await agent.getByTestId('case-complaint').getByText('增加周末值班工程师').waitFor();
    await screenshot(agent, 'complaint-solved');
  });

  it('the contact asks for a paid escalation: refused until the charge is accepted', async () => {
    await signIn(contactPage, server.url, 'portal', contactEmail);
    await contactPage.getByTestId('portal-home').waitFor();
    await contactPage.goto(`${server.url}/portal/cases/${incidentId}`);
    await contactPage.getByTestId('charges-empty').waitFor();
    await contactPage.getByTestId('paid-escalation-open').click();
    await contactPage.getByTestId('paid-escalation-severity').waitFor();
    await contactPage.getByTestId('paid-escalation-submit').click();
    await contactPage.getByText('请先确认接受费用').waitFor();
    await contactPage.getByTestId('paid-escalation-accept').click();
    await contactPage.getByTestId('paid-escalation-submit').click();
    await contactPage.getByTestId('charges').getByText('S3 → S2').waitFor();
    expect(await contactPage.getByTestId('charges').textContent()).toContain('800.00');
    await screenshot(contactPage, 'paid-escalation');
    const c = await api.send<{ severity: string }>('GET', `/api/cases/${incidentId}`);
    expect(c.severity).toBe('S2');
  });

  it('the contact opens a new case above the entitlement: the paid checkbox appears and is required', async () => {
    await contactPage.goto(`${server.url}/portal/cases/new`);
    await contactPage.getByTestId('severity-guide').waitFor();
    await contactPage.getByTestId('portal-case-subject').fill('整线停机');
    await contactPage.getByTestId('portal-case-body').fill('主控柜断电，整条产线停机。');
    expect(await contactPage.getByTestId('portal-case-accept-charge').count()).toBe(0);
    await contactPage.getByTestId('portal-case-severity').click();
    await contactPage.getByTestId('portal-case-severity-S1').getByText('2,000.00').waitFor();
    await contactPage.getByTestId('portal-case-severity-S1').click();
    const accept = contactPage.getByTestId('portal-case-accept-charge');
    await accept.waitFor();
    await contactPage.getByText(/我同意按 .*2,000\.00 收取加急服务费/).waitFor();
    await contactPage.getByTestId('portal-case-submit').click();
    await contactPage.getByText('请先确认接受费用').waitFor();
    await screenshot(contactPage, 'portal-new-case-paid');
    await accept.click();
    await contactPage.getByTestId('portal-case-submit').click();
    const detail = contactPage.getByTestId('portal-case-detail');
    await detail.waitFor();
    await contactPage.getByTestId('charges').getByText('S3 → S1').waitFor();
    const number = (await detail.getAttribute('data-case-number')) ?? '';
    const list = await api.send<{ items: Array<{ id: string; number: string; severity: string }> }>(
      'GET',
      `/api/cases?q=${number}`,
    );
    const created = list.items.find((c) => c.number === number);
    expect(created?.severity).toBe('S1');
    const charges = await api.send<Array<{ amountCents: number }>>(
      'GET',
      `/api/cases/${created?.id}/charges`,
    );
    expect(charges.map((c) => c.amountCents)).toEqual([200_000]);
  });
});
