import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
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

interface Calendar {
  id: string;
  name: string;
  version: number;
  spec: {
    weekly: { start: string; end: string }[][];
    holidays?: (string | { date: string; name?: string })[];
    workdays?: (string | { date: string; name?: string })[];
  };
}

let server: Server;
let browser: Browser;
let admin: Page;
let api: ApiSession;
const email = 'calendar.admin@example.com';

/** A Wednesday two to eight days ahead: inside the two-week preview, a working day of the new calendar. */
function nextWednesday(): string {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + 2);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const holiday = nextWednesday();

/** The input of an antd picker, whether the test id sits on the input or on its wrapper. */
const inputsOf = (page: Page, testId: string): Locator =>
  page.locator(`[data-testid="${testId}"]`).locator('xpath=descendant-or-self::input');

async function typeRange(page: Page, testId: string, start: string, end: string): Promise<void> {
  // Typed, then Tab to move on (Enter would submit the form).
  const inputs = inputsOf(page, testId);
  await inputs.nth(0).click();
  await inputs.nth(0).fill(start);
  await inputs.nth(0).press('Tab');
  await inputs.nth(1).fill(end);
  await inputs.nth(1).press('Tab');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.url);
  await api.send('POST', '/api/auth/signup', {
    companyName: '日历测试有限公司',
    slug: 'calendar-co',
    name: '郑管理',
    email,
    password: PASSWORD,
    locale: 'zh-CN',
  });
  ({ agent: admin } = await agentAndContactPages(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('service calendars in the browser', () => {
  it('lists the seeded calendars and refuses to delete one a policy uses', async () => {
    await signIn(admin, server.url, 'app', email);
    await admin.getByTestId('menu-cases').waitFor();
    await admin.getByTestId('menu-calendars').click();
    await admin.waitForURL('**/app/settings/calendars');
    await admin.getByTestId('calendar-row-标准服务时间').waitFor();
    // The default calendar is selected and previewed: Mon–Fri with a lunch break, as customers read it.
    await admin.getByTestId('published-line').getByText('周一至周五 09:00–12:00、13:30–18:00').waitFor();
    // 7×24 is used by a seeded SLA policy: the server refuses and the page says why.
    await admin.getByTestId('calendar-delete-7×24').click();
    await admin.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await admin.getByText('该记录仍被引用，无法删除').waitFor();
    const all = await api.send<Calendar[]>('GET', '/api/calendars');
    expect(all.map((c) => c.name).sort()).toEqual(['7×24', '标准服务时间'].sort());
  });

  it('adds a calendar with a lunch-break split shift and a holiday; the preview shows the day closed', async () => {
    await admin.getByTestId('calendar-create').click();
    await admin.getByTestId('calendar-create-name').fill('华东驻场服务');
    await admin.getByText('空白（添加班次前始终不服务）').click();
    await admin.getByTestId('calendar-create-submit').click();
    await admin.getByTestId('calendar-row-华东驻场服务').waitFor();
    const name = admin.getByTestId('calendar-name');
    await name.waitFor();
    // The editor switches to the new calendar once the list has it.
    await expect.poll(() => name.inputValue(), { timeout: 20_000 }).toBe('华东驻场服务');

    // Monday: 09:00–12:00 and 13:30–18:00, then copied to the other weekdays.
    await admin.getByTestId('shift-1-add').click();
    await typeRange(admin, 'shift-1-0', '09:00', '12:00');
    await admin.getByTestId('shift-1-add').click();
    await typeRange(admin, 'shift-1-1', '13:30', '18:00');
    await admin.getByTestId('copy-monday').click();
    await inputsOf(admin, 'shift-5-1').nth(0).waitFor();

    // A company holiday on a Wednesday.
    await admin.getByTestId('date-add').click();
    const date = inputsOf(admin, 'date-0').first();
    await date.click();
    await date.fill(holiday);
    await date.press('Tab');
    await admin.getByTestId('date-0-name').fill('公司年会');
    const patched = admin.waitForResponse(
      (r) => r.url().includes('/api/calendars/') && r.request().method() === 'PATCH',
    );
    await admin.getByTestId('calendar-save').click();
    expect((await patched).status()).toBe(200);
    await admin.getByText('已保存').first().waitFor();

    // Saved through the API as the editor shows it.
    const saved = (await api.send<Calendar[]>('GET', '/api/calendars')).find(
      (c) => c.name === '华东驻场服务',
    ) as Calendar;
    const split = [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ];
    expect(saved.spec.weekly).toEqual([[], split, split, split, split, split, []]);
    expect(saved.spec.holidays).toEqual([{ date: holiday, name: '公司年会' }]);
    expect(saved.version).toBe(2);
    const preview = await api.send<{ days: { date: string; kind: string; minutes: number }[] }>(
      'GET',
      `/api/calendars/${saved.id}/preview?from=${holiday}&days=1`,
    );
    expect(preview.days[0]).toMatchObject({ date: holiday, kind: 'holiday', minutes: 0 });

    // The preview of the page: the holiday is closed, the published hours show the lunch break.
    const day = admin.getByTestId(`next-${holiday}`);
    await day.getByText('公司年会').waitFor();
    expect(await day.getAttribute('data-kind')).toBe('holiday');
    expect(await day.getAttribute('data-minutes')).toBe('0');
    await day.getByText('不服务').waitFor();
    await admin.getByTestId('published-line').getByText('周一至周五 09:00–12:00、13:30–18:00').waitFor();
    const cell = admin.getByTestId(`month-${holiday}`);
    if ((await cell.count()) > 0) expect(await cell.getAttribute('data-kind')).toBe('holiday');
    await screenshot(admin, 'calendars');
  });

  it('puts a server field error next to its field and answers a stale save with the reload offer', async () => {
    // Overlapping shifts on Tuesday: the server names weekly/2/1, the page marks that picker.
    await admin.getByTestId('shift-2-add').click();
    await typeRange(admin, 'shift-2-2', '11:00', '14:00');
    await admin.getByTestId('calendar-save').click();
    await admin
      .locator('.ant-form-item', { has: admin.locator('[data-testid="shift-2-2"]') })
      .locator('.ant-form-item-explain-error')
      .first()
      .waitFor();
    await admin.getByTestId('shift-2-2-remove').click();

    // Someone else renames the calendar meanwhile: saving now is stale.
    const current = (await api.send<Calendar[]>('GET', '/api/calendars')).find(
      (c) => c.name === '华东驻场服务',
    ) as Calendar;
    await api.send('PATCH', `/api/calendars/${current.id}`, { name: '华东驻场', version: current.version });
    await admin.getByTestId('calendar-save').click();
    await admin.locator('.ant-modal-confirm').waitFor();
    await admin.locator('.ant-modal-confirm .ant-btn-primary').click();
    await admin.getByTestId('calendar-row-华东驻场').waitFor();
  });

  it('imports holidays from a pasted iCalendar file', async () => {
    await admin.getByTestId('ics-open').click();
    await admin
      .getByTestId('ics-text')
      .fill(
        [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'BEGIN:VEVENT',
          'UID:a@example.com',
          'DTSTART;VALUE=DATE:20271001',
          'DTEND;VALUE=DATE:20271002',
          'SUMMARY:国庆节',
          'END:VEVENT',
          'END:VCALENDAR',
        ].join('\r\n'),
      );
    await admin.getByText('找到 1 个事件').waitFor();
    await admin.getByTestId('ics-submit').click();
    await admin.getByTestId('ics-result').getByText('2027-10-01').waitFor();
    const after = (await api.send<Calendar[]>('GET', '/api/calendars')).find(
      (c) => c.name === '华东驻场',
    ) as Calendar;
    expect(after.spec.holidays).toEqual([
      { date: holiday, name: '公司年会' },
      '2027-10-01', // the import keeps dates, not the events' titles
    ]);
  });
  it('stacks the editor on a phone without sideways scrolling', async () => {
    const phone = await (
      await openContext(browser, { locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    phone.setDefaultTimeout(20_000);
    await signIn(phone, server.url, 'app', email);
    await phone.goto(`${server.url}/app/settings/calendars`);
    await phone.getByTestId('calendar-save').waitFor();
    await phone.getByTestId('calendar-preview').waitFor();
    const overflow = await phone.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(phone, 'calendars-phone');
    await phone.context().close();
  });
});
