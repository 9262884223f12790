import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
let receiver: http.Server;
let port = 0;
const received: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
const admin = { email: 'hooks.admin@example.com', slug: 'hooks-co' };

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as AddressInfo).port;
  server = await startServer();
  browser = await launchBrowser();
  await new ApiSession(server.url).send('POST', '/api/auth/signup', {
    companyName: '集成测试有限公司',
    slug: admin.slug,
    name: '赵管理',
    email: admin.email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  ({ agent } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('webhooks and group bots in the browser', () => {
  it('the admin adds a webhook: a loopback address is refused until private targets are allowed', async () => {
    await signIn(agent, server.url, 'app', admin.email);
    await agent.goto(`${server.url}/app/settings/webhooks`);
    await agent.getByText('还没有 Webhook').waitFor();
    await agent.getByTestId('webhook-create').click();
    await agent.getByTestId('webhook-url').fill(`http://127.0.0.1:${port}/hooks`);
    await agent.getByTestId('webhook-save').click();
    await agent.locator('.ant-form-item-explain-error', { hasText: '内网' }).waitFor();
    await agent.keyboard.press('Escape');
    await agent.getByTestId('allow-private-targets').click();
    await agent.getByText('已允许内网目标').waitFor();
    await agent.getByTestId('webhook-create').click();
    await agent.getByTestId('webhook-url').fill(`http://127.0.0.1:${port}/hooks`);
    await agent.getByTestId('webhook-save').click();
    const secretField = agent.getByTestId('webhook-secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(agent, 'webhook-secret');
    await agent.getByTestId('webhook-secret-close').click();
    await secretField.waitFor({ state: 'detached' });
    await agent.getByTestId('webhook-log').click();
    await agent.getByText('还没有投递记录').waitFor();
    await agent.getByTestId('integration-test').click();
    // The server's delivery task sends it within a few seconds.
    await until(() => received.some((r) => r.url === '/hooks'));
    const hit = received.find((r) => r.url === '/hooks')!;
    const ts = String(hit.headers['x-aftercare-timestamp']);
    expect(hit.headers['x-aftercare-signature']).toBe(
      `sha256=${createHmac('sha256', secret).update(`${ts}.${hit.body}`).digest('hex')}`,
    );
    // The row is updated just after the request is answered.
    await new Promise((r) => setTimeout(r, 1000));
    await agent.getByTestId('delivery-reload').click();
    await agent.getByTestId('delivery-log').getByText('成功').waitFor();
    await screenshot(agent, 'webhook-log');
  });

  it('the admin adds a WeCom group bot and sends a test message; the page works on a phone', async () => {
    await agent.goto(`${server.url}/app/settings/bots`);
    await agent.getByText('还没有群机器人').waitFor();
    await agent.getByTestId('bot-create').click();
    await agent.getByTestId('bot-name').fill('售后值班群');
    await agent.getByTestId('bot-url').fill(`http://127.0.0.1:${port}/cgi-bin/webhook/send?key=e2e`);
    await agent.getByTestId('bot-save').click();
    await agent.getByTestId('bots-table').getByText('售后值班群').waitFor();
    await agent.getByTestId('bot-log').click();
    await agent.getByTestId('integration-test').click();
    await until(() => received.some((r) => r.url.startsWith('/cgi-bin/webhook/send')));
    const hit = received.find((r) => r.url.startsWith('/cgi-bin/webhook/send'))!;
    expect(JSON.parse(hit.body)).toMatchObject({ msgtype: 'markdown' });
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.goto(`${server.url}/app/settings/bots`);
    await agent.getByTestId('bots-table').getByText('售后值班群').waitFor();
    await screenshot(agent, 'bots-phone');
  });
});
