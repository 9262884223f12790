import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department, Role, User } from '@aftercare/contracts';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { Client, type ErrorReply } from '../../../test/client.js';
import { createStaff, createWorkspace, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('staff administration', () => {
  it('starts a workspace with built-in roles and the seven departments', async () => {
    const ws = await createWorkspace(t.app);
    const roles = (await ws.admin.get<Role[]>('/api/roles')).body;
    expect(roles.map((r) => r.key)).toEqual(['admin', 'manager', 'agent', 'viewer']);
    const deps = (await ws.admin.get<Department[]>('/api/departments')).body;
    expect(deps.map((d) => d.kind)).toEqual([
      'support',
      'technical',
      'sales',
      'finance',
      'logistics',
      'rd',
      'field',
    ]);
    expect(deps[0]?.name).toBe('客服部');
  });

  it('invites into departments with leads, filters by department, and refuses a duplicate email', async () => {
    const ws = await createWorkspace(t.app);
    const lead = await createStaff(t.app, ws, 'manager', [{ kind: 'finance', lead: true }]);
    const user = (await ws.admin.get<User>(`/api/users/${lead.id}`)).body;
    expect(user.status).toBe('active');
    expect(user.departments).toEqual([expect.objectContaining({ kind: 'finance', lead: true })]);
    const finance = (await ws.admin.get<Department[]>('/api/departments')).body.find(
      (d) => d.kind === 'finance',
    );
    expect(finance?.memberCount).toBe(1);
    const list = await ws.admin.get<{ items: User[] }>(`/api/users?departmentId=${finance?.id}`);
    expect(list.body.items.map((u) => u.id)).toEqual([lead.id]);
    const dup = await ws.admin.post<ErrorReply>('/api/users/invitations', {
      email: lead.email.toUpperCase(),
      name: 'Again',
      roleIds: user.roleIds,
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details).toEqual([expect.objectContaining({ field: 'email', code: 'duplicate' })]);
  });

  it('refuses a department listed twice with a field error, on invitation and on update', async () => {
    const ws = await createWorkspace(t.app);
    const staff = await createStaff(t.app, ws, 'agent');
    const roles = (await ws.admin.get<Role[]>('/api/roles')).body;
    const finance = (await ws.admin.get<Department[]>('/api/departments')).body.find(
      (d) => d.kind === 'finance',
    );
    const twice = [
      { departmentId: finance?.id, lead: true },
      { departmentId: finance?.id, lead: false },
    ];
    const invite = await ws.admin.post<ErrorReply>('/api/users/invitations', {
      email: 'twice@example.com',
      name: 'Twice',
      roleIds: [roles[0]?.id],
      departments: twice,
    });
    expect(invite.status).toBe(400);
    expect(invite.body.error.details).toEqual([
      expect.objectContaining({ field: 'departments', code: 'invalid_value' }),
    ]);
    const user = (await ws.admin.get<User>(`/api/users/${staff.id}`)).body;
    const update = await ws.admin.patch<ErrorReply>(`/api/users/${staff.id}`, {
      departments: twice,
      version: user.version,
    });
    expect(update.status).toBe(400);
    expect(update.body.error.details).toEqual([
      expect.objectContaining({ field: 'departments', code: 'invalid_value' }),
    ]);
  });

  it('re-sending an invitation replaces the earlier link', async () => {
    const ws = await createWorkspace(t.app);
    const roles = (await ws.admin.get<Role[]>('/api/roles')).body;
    const first = await ws.admin.post<{ user: User; inviteUrl: string }>('/api/users/invitations', {
      email: 'resend@example.com',
      name: 'R',
      roleIds: [roles[2]?.id],
    });
    const second = await ws.admin.post<{ inviteUrl: string }>(
      `/api/users/${first.body.user.id}/resend-invite`,
    );
    const token = (u: string) => new URL(u).searchParams.get('token');
    expect(
      (
        await new Client(t.app).post('/api/auth/accept-invite', {
          token: token(first.body.inviteUrl),
          password: PASSWORD,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await new Client(t.app).post('/api/auth/accept-invite', {
          token: token(second.body.inviteUrl),
          password: PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  it('keeps at least one administrator', async () => {
    const ws = await createWorkspace(t.app);
    const roles = (await ws.admin.get<Role[]>('/api/roles')).body;
    const me = (await ws.admin.get<User>(`/api/users/${ws.me.id}`)).body;
    const demote = await ws.admin.patch<ErrorReply>(`/api/users/${ws.me.id}`, {
      roleIds: [roles.find((r) => r.key === 'agent')?.id],
      version: me.version,
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('last_admin');
    expect((await ws.admin.get<User>(`/api/users/${ws.me.id}`)).body.roleIds).toEqual(me.roleIds);
  });

  it('custom roles grant exactly their permissions and cannot be deleted while in use', async () => {
    const ws = await createWorkspace(t.app);
    const role = await ws.admin.post<Role>('/api/roles', {
      name: '客户查看',
      permissions: ['customers.read'],
    });
    expect(role.status).toBe(201);
    const roles = (await ws.admin.get<Role[]>('/api/roles')).body;
    const invite = await ws.admin.post<{ user: User; inviteUrl: string }>('/api/users/invitations', {
      email: 'custom@example.com',
      name: 'C',
      roleIds: [role.body.id],
    });
    const accepted = await new Client(t.app).post<{ permissions: string[] }>('/api/auth/accept-invite', {
      token: new URL(invite.body.inviteUrl).searchParams.get('token'),
      password: PASSWORD,
    });
    expect(accepted.body.permissions).toEqual(['customers.read']);
    expect((await ws.admin.delete<ErrorReply>(`/api/roles/${role.body.id}`)).status).toBe(400);
    const builtIn = roles.find((r) => r.key === 'viewer');
    expect((await ws.admin.delete(`/api/roles/${builtIn?.id}`)).status).toBe(400);
    const bad = await ws.admin.post<ErrorReply>('/api/roles', { name: 'x', permissions: ['everything'] });
    expect(bad.status).toBe(400);
  });

  it('workspace settings: timezone checked, stale version refused', async () => {
    const ws = await createWorkspace(t.app);
    const s = (await ws.admin.get<{ version: number; timezone: string }>('/api/workspace')).body;
    expect(s.timezone).toBe('Asia/Shanghai');
    const bad = await ws.admin.patch<ErrorReply>('/api/workspace', {
      timezone: 'Mars/Olympus',
      version: s.version,
    });
    expect(bad.body.error.details?.[0]?.field).toBe('timezone');
    expect(
      (await ws.admin.patch('/api/workspace', { timezone: 'Europe/Berlin', version: s.version })).status,
    ).toBe(200);
    expect((await ws.admin.patch('/api/workspace', { name: 'again', version: s.version })).status).toBe(409);
    const agent = await createStaff(t.app, ws, 'agent');
    expect(
      (await agent.client.patch('/api/workspace', { name: 'mine', version: s.version + 1 })).status,
    ).toBe(403);
  });
});
