import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, Contact, Customer, Macro, MacroApplied } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fieldsOf } from '../../../test/client.js';
import { createStaff, createWorkspace } from '../../../test/factories.js';
import { ManualClock } from '../../platform/clock.js';

let t: TestApp;
beforeAll(async () => {
  // Monday 2026-03-02 09:00 in Shanghai: service hours are running.
  t = await createTestApp({ clock: new ManualClock(new Date('2026-03-02T01:00:00.000Z')) });
});
afterAll(() => t.close());

const BODY = {
  'zh-CN':
    '{{contact.name}} 您好，工单 {{case.number}}（{{case.subject}}）已由 {{agent.name}} 处理，{{customer.name}}，我们将在 {{commitment.answerBy}} 前答复。',
  en: 'Hello {{contact.name}}, case {{case.number}} ({{case.subject}}) for {{customer.name}} is with {{agent.name}}; we will answer by {{commitment.answerBy}}.',
};

async function world() {
  const ws = await createWorkspace(t.app);
  const customer = (await ws.admin.post<Customer>('/api/customers', { code: 'A', name: 'A&B <Tech>' })).body;
  const contactOf = async (locale: 'zh-CN' | 'en', name: string) =>
    (
      await ws.admin.post<Contact>('/api/contacts', {
        customerId: customer.id,
        name,
        email: `${name.replace(/\W/g, '').toLowerCase()}${Date.now()}@a.example.com`,
        locale,
      })
    ).body;
  const zh = await contactOf('zh-CN', '王工');
  const en = await contactOf('en', 'Ann "Smith"');
  const agent = await createStaff(t.app, ws, 'agent');
  const open = async (contactId: string | null) =>
    (
      await ws.admin.post<CaseDetail>('/api/cases', {
        customerId: customer.id,
        contactId,
        subject: 'Printer <jam>',
        body: '卡纸',
        severity: 'S2',
      })
    ).body;
  return { ws, customer, zh, en, agent, open };
}

describe('macros', () => {
  it('renders variables in the contact’s language, HTML-escaped, with the commitment formatted', async () => {
    const w = await world();
    const macro = await w.ws.admin.post<Macro>('/api/macros', { name: '确认收到', shared: true, body: BODY });
    expect(macro.status).toBe(201);
    expect(macro.body).toMatchObject({ shared: true, ownerId: null, actionsAllowed: ['update', 'delete'] });

    const enCase = await w.open(w.en.id);
    const en = await w.agent.client.post<MacroApplied>(
      `/api/cases/${enCase.id}/macros/${macro.body.id}/apply`,
      {
        version: enCase.version,
      },
    );
    expect(en.status).toBe(200);
    expect(en.body.locale).toBe('en');
    const answerBy = enCase.sla?.targets.find((x) => x.kind === 'first_response')?.dueAt;
    expect(answerBy).toBeTruthy();
    const when = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(answerBy as string));
    const agentName = w.agent.client.session?.me.name ?? '';
    expect(en.body.text).toBe(
      `Hello Ann "Smith", case ${enCase.number} (Printer <jam>) for A&B <Tech> is with ${agentName}; we will answer by ${when}.`,
    );
    expect(en.body.html).toContain('Hello Ann &quot;Smith&quot;');
    expect(en.body.html).toContain('(Printer &lt;jam&gt;) for A&amp;B &lt;Tech&gt;');
    expect(en.body.html).not.toContain('<jam>');

    const zhCase = await w.open(w.zh.id);
    const zh = await w.agent.client.post<MacroApplied>(
      `/api/cases/${zhCase.id}/macros/${macro.body.id}/apply`,
      {
        version: zhCase.version,
      },
    );
    expect(zh.body.locale).toBe('zh-CN');
    expect(zh.body.text).toContain(`王工 您好，工单 ${zhCase.number}`);
    expect(zh.body.text).toMatch(/我们将在 \d+月\d+日周[一二三四五六日] \d\d:\d\d 前答复。$/);

    // No contact: the agent's language (the admin reads Chinese).
    const bare = await w.open(null);
    const none = await w.ws.admin.post<MacroApplied>(`/api/cases/${bare.id}/macros/${macro.body.id}/apply`, {
      version: bare.version,
    });
    expect(none.body.locale).toBe('zh-CN');
    expect(none.body.text.startsWith(' 您好')).toBe(true);
  });

  it('refuses unknown variables and other template tags at save time, field by field', async () => {
    const w = await world();
    const bad = await w.ws.admin.post('/api/macros', {
      name: 'x',
      body: { 'zh-CN': '您好 {{customer.nmae}}', en: 'Hi {{{contact.name}}}' },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['body/en:macro_syntax', 'body/zh-CN:unknown_variable']);
    for (const en of [
      '{{#case.number}}x{{/case.number}}',
      '{{> partial}}',
      'Hi {{contact.name',
      '{{=<% %>=}}',
    ])
      expect(
        fieldsOf(await w.ws.admin.post('/api/macros', { name: 'x', body: { 'zh-CN': '好', en } })),
      ).toEqual(['body/en:macro_syntax']);
    expect(
      fieldsOf(await w.ws.admin.post('/api/macros', { name: 'x', body: { 'zh-CN': ' ', en: '' } })),
    ).toEqual(['body/zh-CN:required']);
  });

  it('keeps personal macros personal; shared ones need macros.manage', async () => {
    const w = await world();
    const other = await createStaff(t.app, w.ws, 'agent');
    const shared = await w.agent.client.post('/api/macros', { name: 'x', shared: true, body: BODY });
    expect(fieldsOf(shared)).toEqual(['shared:not_allowed']);
    const mine = await w.agent.client.post<Macro>('/api/macros', { name: '我的', body: BODY });
    expect(mine.status).toBe(201);
    expect(mine.body.shared).toBe(false);
    const team = await w.ws.admin.post<Macro>('/api/macros', { name: '共享', shared: true, body: BODY });

    expect((await other.client.get<Macro[]>('/api/macros')).body.map((m) => m.name)).toEqual(['共享']);
    expect((await w.agent.client.get<Macro[]>('/api/macros')).body.map((m) => m.name).sort()).toEqual([
      '共享',
      '我的',
    ]);
    const update = { name: 'y', body: BODY, version: mine.body.version };
    expect((await other.client.patch(`/api/macros/${mine.body.id}`, update)).status).toBe(404);
    expect((await other.client.delete(`/api/macros/${mine.body.id}`)).status).toBe(404);
    expect(
      (await w.agent.client.patch(`/api/macros/${team.body.id}`, { ...update, shared: true, version: 1 }))
        .status,
    ).toBe(403);
    const c = await w.open(null);
    expect(
      (await other.client.post(`/api/cases/${c.id}/macros/${mine.body.id}/apply`, { version: c.version }))
        .status,
    ).toBe(404);

    const renamed = await w.agent.client.patch<Macro>(`/api/macros/${mine.body.id}`, update);
    expect(renamed.body.name).toBe('y');
    expect((await w.agent.client.patch(`/api/macros/${mine.body.id}`, update)).status).toBe(409);
    expect((await w.agent.client.delete(`/api/macros/${mine.body.id}`)).status).toBe(200);
    expect((await w.agent.client.get<Macro[]>('/api/macros')).body.map((m) => m.name)).toEqual(['共享']);
  });

  it('applies its actions to the case at the version the agent saw', async () => {
    const w = await world();
    const macro = await w.ws.admin.post<Macro>('/api/macros', {
      name: '等待客户',
      shared: true,
      body: { 'zh-CN': '请提供日志', en: 'Please send the logs' },
      actions: { status: 'pending', severity: 'S3', assignToMe: true },
    });
    const c = await w.open(w.zh.id);
    const preview = await w.agent.client.post<MacroApplied>(
      `/api/cases/${c.id}/macros/${macro.body.id}/apply`,
      {
        version: c.version,
      },
    );
    expect(preview.body).toMatchObject({ text: '请提供日志', caseVersion: c.version });
    const unchanged = (await w.agent.client.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(unchanged.status).toBe('new');

    const applied = await w.agent.client.post<MacroApplied>(
      `/api/cases/${c.id}/macros/${macro.body.id}/apply`,
      {
        version: c.version,
        applyActions: true,
      },
    );
    expect(applied.status).toBe(200);
    const after = (await w.agent.client.get<CaseDetail>(`/api/cases/${c.id}`)).body;
    expect(after).toMatchObject({ status: 'pending', severity: 'S3', assigneeId: w.agent.id });
    expect(applied.body.caseVersion).toBe(after.version);

    const stale = await w.agent.client.post(`/api/cases/${c.id}/macros/${macro.body.id}/apply`, {
      version: c.version,
      applyActions: true,
    });
    expect(stale.status).toBe(409);
  });
});
