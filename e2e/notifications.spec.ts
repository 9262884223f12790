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
  openContext,
} from './harness.js';

let server: Server;
let browser: Browser;
let agent: Page;
let phone: Page;
let api: ApiSession;
let agentId = '';
let customerId = '';
const adminEmail = 'notify.admin@example.com';
const agentEmail = 'zhao.agent@example.com';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '通知测试有限公司',
    slug: 'notify-co',
    name: '王管理',
    email: adminEmail,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  const roles = await api.send<Array<{ id: string; key: string | null }>>('GET', '/api/roles');
  const invite = await api.send<{ user: { id: string }; inviteUrl: string }>(
    'POST',
    '/api/users/invitations',
    {
      email: agentEmail,
      name: '赵工程师',
      roleIds: [roles.find((r) => r.key === 'agent')?.id],
      departments: [],
    },
  );
  agentId = invite.user.id;
  await new ApiSession(server.url).send('POST', '/api/auth/accept-invite', {
    token: new URL(invite.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  customerId = (
    await api.send<{ id: string }>('POST', '/api/customers', { code: 'N1', name: '宁波示例电器' })
  ).id;
  ({ agent } = await agentAndContactPages(browser));
  phone = await (
    await openContext(browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true })
  ).newPage();
  phone.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('notifications', () => {
  it('shows a case assigned by someone else on the bell without a reload, and leads to the case', async () => {
    await signIn(agent, server.url, 'app', agentEmail);
    await agent.getByTestId('notification-bell').waitFor();
    await agent.getByTestId('notification-bell').click();
    await agent.getByTestId('notification-empty').waitFor();
    await agent.keyboard.press('Escape');

    const created = await api.send<{ id: string; number: string }>('POST', '/api/cases', {
      customerId,
      subject: '冰箱不制冷',
      body: '冰箱不制冷，请尽快上门',
      assigneeId: agentId,
    });
    // the server dispatches every 2 s and the stream pushes the count: no reload
    await agent.locator('[data-testid="notification-badge"] .ant-badge-count', { hasText: '1' }).waitFor();
    await screenshot(agent, 'notifications-badge');
    await agent.getByTestId('notification-bell').click();
    const item = agent.getByTestId('notification-item').filter({ hasText: created.number });
    await item.waitFor();
    expect(await item.textContent()).toContain('冰箱不制冷');
    await screenshot(agent, 'notifications-drawer');
    await item.click();
    await agent.waitForURL(`**/app/cases/${created.id}`);
    await agent.locator('[data-testid="notification-badge"] .ant-badge-count').waitFor({ state: 'detached' });
  });

  it('lets a person switch a channel off on the profile page, on a phone', async () => {
    await signIn(phone, server.url, 'app', agentEmail);
    await phone.goto(`${server.url}/app/profile`);
    await phone.getByTestId('notification-preferences').waitFor();
    const sw = phone.getByTestId('pref-customer_replied-inApp');
    expect(await sw.getAttribute('aria-checked')).toBe('true');
    await sw.click();
    await phone.locator('[data-testid="pref-customer_replied-inApp"][aria-checked="false"]').waitFor();
    await screenshot(phone, 'notifications-preferences-phone');
    const me = new ApiSession(server.url);
    await me.send('POST', '/api/auth/login', { email: agentEmail, password: PASSWORD });
    const prefs = await me.send<{ items: Array<{ event: string; inApp: boolean }> }>(
      'GET',
      '/api/me/notification-preferences',
    );
    expect(prefs.items.find((p) => p.event === 'customer_replied')?.inApp).toBe(false);
  });
});
