import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, sessionFrom } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-up and sign-in', () => {
  it('signs up a company: workspace, admin, session cookie, CSRF token', async () => {
    const ws = await createWorkspace(t.app);
    expect(ws.me.kind).toBe('staff');
    expect(ws.me.permissions).toContain('workspace.manage');
    expect(ws.me.csrfToken.length).toBeGreaterThan(20);
    const me = await ws.admin.get<{ email: string }>('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ws.email);
  });

  it('stores passwords as argon2id', async () => {
    const ws = await createWorkspace(t.app);
    const row = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('workspace_id', '=', ws.me.workspace.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('sets an HttpOnly, SameSite cookie and keeps only a hash of the session token', async () => {
    const ws = await createWorkspace(t.app);
    const res = await new Client(t.app).post('/api/auth/login', { email: ws.email, password: PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(([] as unknown[]).concat(res.headers['set-cookie'])[0]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const secret = sessionFrom(res).cookie.split('.')[1] as string;
    const rows = await t.database.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('workspace_id', '=', ws.me.workspace.id)
      .execute();
    expect(rows.some((r) => r.token_hash.includes(secret))).toBe(false);
  });

  it('refuses a wrong password with the error shape, in the user language', async () => {
    const ws = await createWorkspace(t.app);
    const zh = await new Client(t.app).post<{ error: { code: string; message: string; requestId: string } }>(
      '/api/auth/login',
      { email: ws.email, password: 'wrong password!' },
    );
    expect(zh.status).toBe(401);
    expect(zh.body.error.code).toBe('invalid_credentials');
    expect(zh.body.error.message).toBe('邮箱或密码不正确。');
    expect(zh.body.error.requestId).toBeTruthy();
    const en = await new Client(t.app)
      .withHeaders({ 'accept-language': 'en-US,en;q=0.9' })
      .post<{ error: { message: string } }>('/api/auth/login', {
        email: ws.email,
        password: 'wrong password!',
      });
    expect(en.body.error.message).toBe('Email or password is incorrect.');
  });

  it('rate-limits repeated failed logins, even with the right password afterwards', async () => {
    const ws = await createWorkspace(t.app);
    const anon = new Client(t.app).from('10.9.9.9');
    for (let i = 0; i < t.config.loginMaxFailures; i++) {
      expect(
        (await anon.post('/api/auth/login', { email: ws.email, password: 'nope nope nope' })).status,
      ).toBe(401);
    }
    const locked = await anon.post<{ error: { code: string } }>('/api/auth/login', {
      email: ws.email,
      password: PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    t.clock.advance(t.config.loginWindowMinutes * 60_000);
    expect((await anon.post('/api/auth/login', { email: ws.email, password: PASSWORD })).status).toBe(200);
  });

  it('requires the CSRF header on writes made with a session cookie', async () => {
    const ws = await createWorkspace(t.app);
    const res = await ws.admin.request<{ error: { code: string } }>(
      'PATCH',
      '/api/auth/me',
      { locale: 'en' },
      { 'x-csrf-token': 'forged' },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
    const ok = await ws.admin.patch<{ locale: string }>('/api/auth/me', { locale: 'en' });
    expect(ok.status).toBe(200);
    expect(ok.body.locale).toBe('en');
  });

  it('revokes the session on logout', async () => {
    const ws = await createWorkspace(t.app);
    expect((await ws.admin.post('/api/auth/logout')).status).toBe(200);
    expect((await ws.admin.get('/api/auth/me')).status).toBe(401);
  });

  it('invites staff with a single-use, expiring token', async () => {
    const ws = await createWorkspace(t.app);
    const roles = await ws.admin.get<Array<{ id: string; key: string }>>('/api/roles');
    const invite = await ws.admin.post<{ inviteUrl: string; user: { status: string } }>(
      '/api/users/invitations',
      {
        email: 'new.agent@example.com',
        name: '新同事',
        roleIds: [roles.body.find((r) => r.key === 'agent')?.id],
      },
    );
    expect(invite.status).toBe(201);
    expect(invite.body.user.status).toBe('invited');
    const token = new URL(invite.body.inviteUrl).searchParams.get('token');
    const anon = new Client(t.app);
    const accepted = await anon.post('/api/auth/accept-invite', { token, password: PASSWORD });
    expect(accepted.status).toBe(200);
    const again = await anon.post<{ error: { code: string } }>('/api/auth/accept-invite', {
      token,
      password: PASSWORD,
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('token_invalid');

    const second = await ws.admin.post<{ inviteUrl: string }>('/api/users/invitations', {
      email: 'late@example.com',
      name: 'Late',
      roleIds: [roles.body[0]?.id],
    });
    t.clock.advance(8 * 24 * 3600_000);
    const expired = await anon.post('/api/auth/accept-invite', {
      token: new URL(second.body.inviteUrl).searchParams.get('token'),
      password: PASSWORD,
    });
    expect(expired.status).toBe(400);
  });

  it('resets a password through a mailed single-use link', async () => {
    const ws = await createWorkspace(t.app);
    const mails: string[] = [];
    const original = t.app.deps.mailer.sendLater.bind(t.app.deps.mailer);
    t.app.deps.mailer.sendLater = (m) => {
      mails.push(m.text);
      original(m);
    };
    expect((await new Client(t.app).post('/api/auth/forgot-password', { email: ws.email })).status).toBe(200);
    expect(
      (await new Client(t.app).post('/api/auth/forgot-password', { email: 'nobody@example.com' })).status,
    ).toBe(200);
    t.app.deps.mailer.sendLater = original;
    expect(mails).toHaveLength(1);
    const token = new URL((mails[0] as string).match(/https?:\/\/\S+/)?.[0] as string).searchParams.get(
      'token',
    );
    const reset = await new Client(t.app).post('/api/auth/reset-password', {
      token,
      password: 'a brand new password',
    });
    expect(reset.status).toBe(200);
    expect((await ws.admin.get('/api/auth/me')).status).toBe(401);
    expect(
      (await new Client(t.app).post('/api/auth/login', { email: ws.email, password: 'a brand new password' }))
        .status,
    ).toBe(200);
  });

  it('keeps staff of a disabled account out', async () => {
    const ws = await createWorkspace(t.app);
    const agent = await createStaff(t.app, ws, 'agent');
    const user = await ws.admin.get<{ version: number }>(`/api/users/${agent.id}`);
    const res = await ws.admin.patch(`/api/users/${agent.id}`, {
      status: 'disabled',
      version: user.body.version,
    });
    expect(res.status).toBe(200);
    expect((await agent.client.get('/api/auth/me')).status).toBe(401);
  });
});
