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

interface Policy {
  id: string;
  name: string;
  position: number;
  active: boolean;
  version: number;
  calendarName: string;
  targets: { S1: { firstResponse: number } };
}
interface CaseSla {
  createdAt: string;
  sla: { policyName: string | null; targets: { kind: string; dueAt: string | null }[] } | null;
}

let server: Server;
let browser: Browser;
let agent: Page;
let api: ApiSession;
let customerId = '';
const admin = { email: 'sla.admin@example.com', slug: 'sla-policies-co' };
const NAME = '白金 S1 半小时响应';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: 'SLA 策略测试有限公司',
    slug: admin.slug,
    name: '郑管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  customerId = (
    await api.send<{ id: string }>('POST', '/api/customers', {
      code: 'CUST-P1',
      name: '无锡白金精工有限公司',
      tier: 'platinum',
    })
  ).id;
  ({ agent } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('SLA policies in the browser', () => {
  it('the admin creates a policy for platinum customers and checks the targets grid', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.getByTestId('menu-cases').waitFor();
    await agent.getByTestId('menu-sla-policies').click();
    const list = agent.getByTestId('policy-list');
    await list.getByText('标准服务').first().waitFor();
    expect(await agent.getByTestId('policy-row').count()).toBe(2);

    await agent.getByTestId('policy-create').click();
    const form = agent.getByTestId('policy-form');
    await form.waitFor();
    await agent.getByTestId('policy-name').fill(NAME);
    await agent.getByTestId('policy-tiers').click();
    await agent.locator('.ant-select-dropdown:visible .ant-select-item-option[title="白金"]').click();
    await agent.keyboard.press('Escape');
    await agent.getByTestId('policy-calendar').click();
    await agent.locator('.ant-select-dropdown:visible .ant-select-item-option[title="7×24"]').click();
    // A wrong cell is flagged next to the cell, and nothing is saved.
    const s1 = agent.getByTestId('policy-target-S1-firstResponse');
    await s1.fill('半小时');
    await agent.getByTestId('policy-save').click();
    await form.getByText('请输入时长，如 30m、4h 或 1d 2h').waitFor();
    await s1.fill('30m');
    await form.getByText('请输入时长，如 30m、4h 或 1d 2h').waitFor({ state: 'detached' });
    await screenshot(agent, 'sla-policy-form');
    await agent.getByTestId('policy-save').click();
    await form.waitFor({ state: 'detached' });

    const row = agent.getByTestId('policy-row').filter({ hasText: NAME });
    await row.getByText('3. ').waitFor();
    await row.getByText('客户等级: 白金').waitFor();
    await row.getByText('日历：7×24').waitFor();
    const stored = await api.send<Policy[]>('GET', '/api/sla-policies');
    const mine = stored.find((p) => p.name === NAME);
    expect(mine?.targets.S1.firstResponse).toBe(30);
    expect(mine?.position).toBe(3);
  });

  it('moves it to the top; a new S1 case of a platinum customer is then held to it', async () => {
    const row = agent.getByTestId('policy-row').filter({ hasText: NAME });
    await row.getByTestId('policy-up').click();
    await row.getByText('2. ').waitFor();
    await row.getByTestId('policy-up').click();
    await row.getByText('1. ').waitFor();
    expect(await row.getByTestId('policy-up').isDisabled()).toBe(true);
    const stored = await api.send<Policy[]>('GET', '/api/sla-policies');
    expect(stored[0]?.name).toBe(NAME);
    await screenshot(agent, 'sla-policies');

    const created = await api.send<{ id: string }>('POST', '/api/cases', {
      customerId,
      subject: '产线主控停机',
      type: 'incident',
      severity: 'S1',
      body: '整条产线停机，需要立即处理。',
    });
    const detail = await api.send<CaseSla>('GET', `/api/cases/${created.id}`);
    expect(detail.sla?.policyName).toBe(NAME);
    const first = detail.sla?.targets.find((x) => x.kind === 'first_response');
    // 7×24: 30 service minutes are 30 minutes of wall-clock time.
    expect(Date.parse(first?.dueAt ?? '') - Date.parse(detail.createdAt)).toBe(30 * 60_000);
  });

  it('a stale edit is refused with the reload offer, and reloading shows the latest version', async () => {
    const row = agent.getByTestId('policy-row').filter({ hasText: NAME });
    await row.getByTestId('policy-edit').click();
    const form = agent.getByTestId('policy-form');
    await form.waitFor();
    // Someone else renames the policy meanwhile.
    const [mine] = await api.send<Policy[]>('GET', '/api/sla-policies');
    await api.send('PATCH', `/api/sla-policies/${mine?.id ?? ''}`, {
      name: `${NAME}（新）`,
      version: mine?.version,
    });
    await agent.getByTestId('policy-target-S1-resolution').fill('6h');
    await agent.getByTestId('policy-save').click();
    const confirm = agent.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '记录已被修改' }).waitFor();
    await confirm.locator('.ant-btn-primary').click();
    await expect.poll(() => agent.getByTestId('policy-name').inputValue()).toBe(`${NAME}（新）`);
    expect(await agent.getByTestId('policy-target-S1-resolution').inputValue()).toBe('8h');
    await agent.locator('.ant-modal-close').click();
    await form.waitFor({ state: 'detached' });
  });

  it('the admin deactivates it', async () => {
    const row = agent.getByTestId('policy-row').filter({ hasText: NAME });
    await row.getByTestId('policy-active').click();
    await row.getByText('已停用').waitFor();
    const stored = await api.send<Policy[]>('GET', '/api/sla-policies');
    expect(stored.find((p) => p.name.startsWith(NAME))?.active).toBe(false);
    // On a phone the list wraps and the targets grid stacks, each cell naming its target.
    await agent.setViewportSize({ width: 390, height: 844 });
    await row.getByTestId('policy-edit').click();
    await agent
      .getByTestId('policy-form')
      .locator('.ant-input-group-addon', { hasText: '首次响应' })
      .first()
      .waitFor();
    await screenshot(agent, 'sla-policy-form-phone');
    await agent.locator('.ant-modal-close').click();
    await agent.getByTestId('policy-form').waitFor({ state: 'detached' });
    await screenshot(agent, 'sla-policies-phone');
    await agent.setViewportSize({ width: 1366, height: 900 });
    // The conditions card of the service-levels page shows the same list, with the same editor.
    await agent.goto(`${server.url}/app/settings/service-levels`);
    const card = agent.getByTestId('policy-conditions');
    await card.getByText(NAME).waitFor();
    await card.getByText('客户等级: 白金').first().waitFor();
  });
});
