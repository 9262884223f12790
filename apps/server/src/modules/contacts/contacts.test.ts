import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Contact, Customer } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom, type ErrorReply, type PageReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD, unique, type Workspace } from '../../../test/factories.js';
import { PNG_1PX, uploadFile } from '../../../test/multipart.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function customer(ws: Workspace, name = '上海华东机电'): Promise<Customer> {
  const res = await ws.admin.post<Customer>('/api/customers', { code: unique('C'), name });
  expect(res.status).toBe(201);
  return res.body;
}

const tokenOf = (url: string) => new URL(url).searchParams.get('token');

describe('contacts', () => {
  it('creates, reads, searches over name, email, phone and WeChat, filters and sorts', async () => {
    const ws = await createWorkspace(t.app);
    const a = await customer(ws);
    const b = await customer(ws, 'Nova Tech');
    const created = await ws.admin.post<Contact>('/api/contacts', {
      customerId: a.id,
      name: '张伟',
      email: 'Zhang.Wei@Example.COM',
      phone: '13800138000',
      wechatId: 'zw_wechat',
      title: '采购经理',
      birthday: '1985-06-01',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerId: a.id,
      customerName: '上海华东机电',
      email: 'zhang.wei@example.com',
      locale: 'zh-CN',
      portalAccess: false,
      companyWide: false,
      version: 1,
    });
    expect(created.body.actions).toEqual(['update', 'delete', 'invitePortal']);
    expect(created.body).not.toHaveProperty('passwordHash');
    await ws.admin.post('/api/contacts', { customerId: a.id, name: 'Alice', email: 'alice@example.com' });
    await ws.admin.post('/api/contacts', { customerId: b.id, name: 'Bob', phone: '021-5555' });

    const get = await ws.admin.get<Contact>(`/api/contacts/${created.body.id}`);
    expect(get.body.name).toBe('张伟');
    const search = async (q: string) =>
      (await ws.admin.get<PageReply<Contact>>(`/api/contacts?q=${encodeURIComponent(q)}`)).body.items.map(
        (c) => c.name,
      );
    expect(await search('ZW_WECHAT')).toEqual(['张伟']);
    expect(await search('138001')).toEqual(['张伟']);
    expect(await search('alice@')).toEqual(['Alice']);
    expect(await search('张')).toEqual(['张伟']);
    const ofB = await ws.admin.get<PageReply<Contact>>(`/api/contacts?customerId=${b.id}`);
    expect(ofB.body.items.map((c) => c.name)).toEqual(['Bob']);
    const sorted = await ws.admin.get<PageReply<Contact>>('/api/contacts?sort=-name&pageSize=2');
    expect(sorted.body.total).toBe(3);
    expect(sorted.body.items).toHaveLength(2);
    expect(sorted.body.items[0]?.name).toBe('张伟');
  });

  it('lists every invalid field at once and writes nothing', async () => {
    const ws = await createWorkspace(t.app);
    const res = await ws.admin.post<ErrorReply>('/api/contacts', {
      name: '',
      email: 'not-an-email',
      locale: 'fr',
      birthday: '1985-13-40',
      bogus: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details?.map((d) => d.field).sort()).toEqual([
      'birthday',
      'bogus',
      'customerId',
      'email',
      'locale',
      'name',
    ]);
    expect((await ws.admin.get<PageReply<Contact>>('/api/contacts')).body.total).toBe(0);
  });

  it('refuses an unknown customer, a duplicate email and portal access without an email', async () => {
    const ws = await createWorkspace(t.app);
    const c = await customer(ws);
    const unknown = await ws.admin.post<ErrorReply>('/api/contacts', {
      customerId: '0190f5e4-1111-7000-8000-000000000000',
      name: 'X',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { field: 'customerId', code: 'unknown_reference', message: '引用的记录不存在' },
    ]);
    await ws.admin.post('/api/contacts', { customerId: c.id, name: 'A', email: 'same@example.com' });
    const dup = await ws.admin.post<ErrorReply>('/api/contacts', {
      customerId: c.id,
      name: 'B',
      email: 'SAME@example.com',
      portalAccess: true,
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details?.map((d) => `${d.field}:${d.code}`)).toEqual(['email:duplicate']);
    const noEmail = await ws.admin.post<ErrorReply>('/api/contacts', {
      customerId: c.id,
      name: 'C',
      portalAccess: true,
    });
    expect(noEmail.body.error.details?.map((d) => `${d.field}:${d.code}`)).toEqual(['email:required']);
    // Contacts without an email do not collide with each other.
    expect((await ws.admin.post('/api/contacts', { customerId: c.id, name: 'D' })).status).toBe(201);
    expect((await ws.admin.post('/api/contacts', { customerId: c.id, name: 'E' })).status).toBe(201);
  });

  it('answers 409 to a stale write and keeps the history', async () => {
    const ws = await createWorkspace(t.app);
    const c = await customer(ws);
    const contact = (await ws.admin.post<Contact>('/api/contacts', { customerId: c.id, name: 'V1' })).body;
    const first = await ws.admin.patch<Contact>(`/api/contacts/${contact.id}`, {
      title: '总监',
      version: contact.version,
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await ws.admin.patch<ErrorReply>(`/api/contacts/${contact.id}`, {
      title: '经理',
      version: contact.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await ws.admin.get<Contact>(`/api/contacts/${contact.id}`)).body.title).toBe('总监');
    const history = await ws.admin.get<{
      items: Array<{ action: string; changes: Record<string, { from: unknown; to: unknown }> }>;
    }>(`/api/contacts/${contact.id}/history`);
    expect(history.body.items.map((h) => h.action)).toEqual(['updated', 'created']);
    expect(history.body.items[0]?.changes.title).toEqual({ from: null, to: '总监' });
  });

  it('deletes a contact', async () => {
    const ws = await createWorkspace(t.app);
    const c = await customer(ws);
    const contact = (await ws.admin.post<Contact>('/api/contacts', { customerId: c.id, name: 'Gone' })).body;
    expect((await ws.admin.delete(`/api/contacts/${contact.id}`)).status).toBe(200);
    expect((await ws.admin.get(`/api/contacts/${contact.id}`)).status).toBe(404);
    expect((await ws.admin.delete(`/api/contacts/${contact.id}`)).status).toBe(404);
  });

  it('refuses to delete a contact whose upload is on a case message (in use, not a database error)', async () => {
    const ws = await createWorkspace(t.app);
    const c = await customer(ws);
    const contact = (
      await ws.admin.post<Contact>('/api/contacts', {
        customerId: c.id,
        name: 'Uploader',
        email: `${unique('u')}@example.com`,
      })
    ).body;
    const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
    const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
      token: tokenOf(invite.body.inviteUrl),
      password: PASSWORD,
    });
    const portal = new Client(t.app, sessionFrom(accepted));
    const upload = await uploadFile<{ id: string }>(portal, '/api/portal/attachments', PNG_1PX, {
      filename: 'photo.png',
    });
    expect(upload.status).toBe(201);
    const opened = await portal.post('/api/portal/cases', {
      subject: '设备故障',
      body: '见截图',
      attachmentIds: [upload.body.id],
    });
    expect(opened.status).toBe(201);
    const res = await ws.admin.delete<ErrorReply>(`/api/contacts/${contact.id}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'id', code: 'in_use' })]);
    expect((await ws.admin.get(`/api/contacts/${contact.id}`)).status).toBe(200);
  });

  it('invites a contact to the portal, once per link, and signs them out when access is turned off', async () => {
    const ws = await createWorkspace(t.app);
    const c = await customer(ws);
    const noEmail = (await ws.admin.post<Contact>('/api/contacts', { customerId: c.id, name: 'No mail' }))
      .body;
    const refused = await ws.admin.post<ErrorReply>(`/api/contacts/${noEmail.id}/portal-invite`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details?.map((d) => `${d.field}:${d.code}`)).toEqual(['email:required']);

    const contact = (
      await ws.admin.post<Contact>('/api/contacts', {
        customerId: c.id,
        name: 'Portal User',
        email: `${unique('p')}@example.com`,
        locale: 'en',
      })
    ).body;
    const mail = vi.spyOn(t.app.deps.mailer, 'sendLater').mockImplementation(() => undefined);
    const invite = await ws.admin.post<{ inviteUrl: string }>(`/api/contacts/${contact.id}/portal-invite`);
    expect(invite.status).toBe(200);
    expect(invite.body.inviteUrl).toMatch(/^http:\/\/aftercare\.test\/portal\/accept-invite\?token=/);
    expect(mail).toHaveBeenCalledTimes(1);
    const sent = mail.mock.calls[0]?.[0];
    expect(sent?.to).toBe(contact.email);
    expect(sent?.subject).toMatch(/customer portal/);
    expect(sent?.text).toContain(invite.body.inviteUrl);
    mail.mockRestore();

    const invited = (await ws.admin.get<Contact>(`/api/contacts/${contact.id}`)).body;
    expect(invited.portalAccess).toBe(true);
    const withAccess = await ws.admin.get<PageReply<Contact>>('/api/contacts?portalAccess=true');
    expect(withAccess.body.items.map((x) => x.id)).toEqual([contact.id]);
    const without = await ws.admin.get<PageReply<Contact>>('/api/contacts?portalAccess=false');
    expect(without.body.items.map((x) => x.id)).toEqual([noEmail.id]);
    expect(invited.version).toBe(2);

    const accepted = await new Client(t.app).post('/api/portal/auth/accept-invite', {
      token: tokenOf(invite.body.inviteUrl),
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
    const portal = new Client(t.app, sessionFrom(accepted));
    expect((await portal.get('/api/portal/company')).status).toBe(200);
    const again = await new Client(t.app).post<ErrorReply>('/api/portal/auth/accept-invite', {
      token: tokenOf(invite.body.inviteUrl),
      password: PASSWORD,
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('token_invalid');

    const off = await ws.admin.patch<Contact>(`/api/contacts/${contact.id}`, {
      portalAccess: false,
      version: invited.version,
    });
    expect(off.status).toBe(200);
    expect((await portal.get('/api/portal/company')).status).toBe(401);
    const signIn = await new Client(t.app).post('/api/portal/auth/login', {
      email: contact.email,
      password: PASSWORD,
    });
    expect(signIn.status).toBe(403);
    expect((signIn.body as ErrorReply).error.code).toBe('account_disabled');

    const history = await ws.admin.get<{ items: Array<{ action: string }> }>(
      `/api/contacts/${contact.id}/history`,
    );
    expect(history.body.items.map((h) => h.action)).toEqual([
      'updated',
      'portal_invitation_accepted',
      'portal_invited',
      'created',
    ]);
  });

  it('lets a viewer read but not write or invite', async () => {
    const ws = await createWorkspace(t.app);
    const c = await customer(ws);
    const contact = (
      await ws.admin.post<Contact>('/api/contacts', { customerId: c.id, name: 'X', email: 'x@example.com' })
    ).body;
    const viewer = await createStaff(t.app, ws, 'viewer');
    const list = await viewer.client.get<PageReply<Contact>>('/api/contacts');
    expect(list.status).toBe(200);
    expect(list.body.items[0]?.actions).toEqual([]);
    expect((await viewer.client.get(`/api/contacts/${contact.id}/history`)).status).toBe(200);
    for (const res of [
      await viewer.client.post<ErrorReply>('/api/contacts', { customerId: c.id, name: 'Y' }),
      await viewer.client.patch<ErrorReply>(`/api/contacts/${contact.id}`, { name: 'Z', version: 1 }),
      await viewer.client.delete<ErrorReply>(`/api/contacts/${contact.id}`),
      await viewer.client.post<ErrorReply>(`/api/contacts/${contact.id}/portal-invite`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});
