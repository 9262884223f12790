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
} from './harness.js';

let server: Server;
let browser: Browser;
let agent: Page;
let api: ApiSession;
let customerId = '';
const admin = { email: 'contracts.admin@example.com', slug: 'contracts-co' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '合同测试有限公司',
    slug: admin.slug,
    name: '王管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  customerId = (
    await api.send<{ id: string }>('POST', '/api/customers', { code: 'VIP1', name: '上海高级客户' })
  ).id;
  ({ agent } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('service contracts in the browser', () => {
  it('the admin adds a 7×24 contract on the customer page', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.getByTestId('menu-cases').waitFor();
    await agent.goto(`${server.url}/app/customers/${customerId}`);
    const card = agent.getByTestId('customer-contracts');
    await card.getByText('暂无服务合同').waitFor();
    await agent.getByTestId('contract-add').click();
    await agent.getByTestId('contract-save').click();
    // The name is required: the form says so next to the field.
    await agent.getByTestId('contract-form').locator('.ant-form-item-explain-error').first().waitFor();
    await agent.getByTestId('contract-name').fill('白金服务合同');
    await agent.getByTestId('contract-calendar').click();
    await agent.locator('.ant-select-item-option[title="7×24"]').click();
    await agent.getByTestId('contract-save').click();
    await card.getByText('SC-00001').waitFor();
    await card.getByText('生效中').waitFor();
    const saved = await api.send<{ items: Array<{ number: string; calendarName: string | null }> }>(
      'GET',
      `/api/service-contracts?customerId=${customerId}`,
    );
    expect(saved.items).toMatchObject([{ number: 'SC-00001', calendarName: '7×24' }]);
    await screenshot(agent, 'customer-contracts');
  });

  it('a case logged for the customer runs under the contract and its 7×24 calendar', async () => {
    await agent.goto(`${server.url}/app/cases/new?customerId=${customerId}`);
    await agent.getByTestId('case-contract').waitFor();
    await agent.getByTestId('case-subject').fill('主机宕机');
    await agent.getByTestId('case-body').fill('周六夜间主机宕机，无法访问。');
    await agent.getByTestId('case-save').click();
    const line = agent.getByTestId('case-contract-line');
    await line.waitFor();
    expect(await line.textContent()).toBe('按合同 SC-00001 的 7×24 日历');
    expect(await agent.getByTestId('case-sla').textContent()).toContain('7×24');
    // Taking the contract off moves the case back to the policy's calendar.
    await agent.getByTestId('case-contract-select').locator('.ant-select-clear').click({ force: true });
    await line.waitFor({ state: 'detached' });
    await screenshot(agent, 'case-contract');
  });

  it('the SLA policy conditions card lists the policies with their conditions', async () => {
    await agent.goto(`${server.url}/app/settings/service-levels`);
    const card = agent.getByTestId('policy-conditions');
    await card.getByText('标准服务').first().waitFor();
    await card.getByTestId('policy-conditions-edit').first().click();
    await agent.getByTestId('policy-conditions-form').waitFor();
    await screenshot(agent, 'policy-conditions');
  });
});
