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
let admin: Page;
let agent: Page;
let api: ApiSession;
const adminEmail = 'teams.admin@example.com';
const agentEmail = 'li.agent@example.com';
const cases: Array<{ id: string; number: string }> = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '团队测试有限公司',
    slug: 'teams-co',
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
      name: '李工程师',
      roleIds: [roles.find((r) => r.key === 'agent')?.id],
      departments: [],
    },
  );
  await new ApiSession(server.url).send('POST', '/api/auth/accept-invite', {
    token: new URL(invite.inviteUrl).searchParams.get('token'),
    password: PASSWORD,
  });
  const me = await api.send<{ id: string }>('GET', '/api/auth/me');
  const team = await api.send<{ id: string }>('POST', '/api/teams', {
    name: '一线支持',
    memberIds: [me.id, invite.user.id],
    leadId: me.id,
  });
  await api.send('POST', '/api/assignment-rules', { name: '全部', teamId: team.id, assign: 'least_loaded' });
  const customer = await api.send<{ id: string }>('POST', '/api/customers', {
    code: 'T1',
    name: '杭州示例机械',
  });
  for (const subject of ['打印机卡纸', '打印机无法开机']) {
    cases.push(
      await api.send<{ id: string; number: string }>('POST', '/api/cases', {
        customerId: customer.id,
        subject,
        body: `${subject}，请尽快处理`,
      }),
    );
  }
  ({ agent: admin, contact: agent } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('teams', () => {
  it('shows the team views with counts and the workload board', async () => {
    await signIn(admin, server.url, 'app', adminEmail);
    await admin.getByTestId('menu-cases').click();
    await admin.getByTestId('cases-view-team').click();
    await admin.locator('[data-testid="cases-count-team"]', { hasText: '2' }).waitFor();
    await admin.getByTestId('cases-view-at_risk').waitFor();
    await admin.getByTestId('menu-workload').click();
    await admin.getByTestId('workload-chart').waitFor();
    expect(await admin.getByTestId('workload-agent').count()).toBeGreaterThanOrEqual(2);
    await screenshot(admin, 'teams-workload');
  });

  it('shows who is replying on a case', async () => {
    const [first] = cases;
    if (!first) throw new Error('no case');
    await signIn(agent, server.url, 'app', agentEmail);
    await agent.getByTestId('menu-cases').waitFor();
    await agent.goto(`${server.url}/app/cases/${first.id}`);
    await admin.goto(`${server.url}/app/cases/${first.id}`);
    await admin.getByTestId('case-teamwork').waitFor();
    await agent.getByTestId('composer-body').fill('您好，我们正在处理');
    await admin.getByTestId('case-presence-replying').filter({ hasText: '李工程师' }).waitFor();
    await screenshot(admin, 'teams-presence');
    await agent.getByTestId('composer-body').fill('');
  });

  it('merges one case into another and shows the link on both sides', async () => {
    const [first, second] = cases;
    if (!first || !second) throw new Error('no cases');
    await admin.getByTestId('case-merge').click();
    await admin.getByTestId('merge-target').click();
    await admin
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: second.number })
      .click();
    await admin.getByTestId('merge-confirm').click();
    await admin.waitForURL(`**/app/cases/${second.id}`);
    await admin.getByTestId('case-link-merged_from').filter({ hasText: first.number }).waitFor();
    await admin.goto(`${server.url}/app/cases/${first.id}`);
    await admin.getByTestId('case-merged-into').filter({ hasText: second.number }).waitFor();
    await screenshot(admin, 'teams-merged');
  });
});
