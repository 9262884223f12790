import type { Me } from '@aftercare/contracts';
import { randomUUID } from 'node:crypto';
import type { App } from '../src/app.js';
import { Client, sessionFrom, type Session } from './client.js';

let seq = 0;
export function unique(prefix = 'x'): string {
  seq += 1;
  return `${prefix}${seq}${randomUUID().slice(0, 8)}`;
}

export const PASSWORD = 'correct horse battery';

export interface Workspace {
  admin: Client;
  session: Session;
  me: Me;
  slug: string;
  email: string;
}

/** Signs up a new company through the API: its own workspace and administrator. */
export async function createWorkspace(
  app: App,
  overrides: { locale?: 'zh-CN' | 'en'; companyName?: string } = {},
): Promise<Workspace> {
  const slug = unique('ws').toLowerCase();
  const email = `${unique('admin')}@example.com`.toLowerCase();
  const reply = await new Client(app).post('/api/auth/signup', {
    companyName: overrides.companyName ?? `测试公司 ${slug}`,
    slug,
    name: '管理员',
    email,
    password: PASSWORD,
    locale: overrides.locale ?? 'zh-CN',
  });
  if (reply.status !== 201) throw new Error(`signup failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const session = sessionFrom(reply);
  return { admin: new Client(app, session), session, me: session.me, slug, email };
}

/** Invites a staff member with the given built-in role and signs them in. */
export async function createStaff(
  app: App,
  ws: Workspace,
  role: 'admin' | 'manager' | 'agent' | 'viewer' = 'agent',
  departments: Array<{ kind: string; lead?: boolean }> = [],
): Promise<{ client: Client; id: string; email: string }> {
  const roles = await ws.admin.get<Array<{ id: string; key: string | null }>>('/api/roles');
  const roleId = roles.body.find((r) => r.key === role)?.id;
  const deps = await ws.admin.get<Array<{ id: string; kind: string }>>('/api/departments');
  const email = `${unique(role)}@example.com`.toLowerCase();
  const invite = await ws.admin.post<{ user: { id: string }; inviteUrl: string }>('/api/users/invitations', {
    email,
    name: `${role} ${unique()}`,
    roleIds: [roleId],
    departments: departments.map((d) => ({
      departmentId: deps.body.find((x) => x.kind === d.kind)?.id,
      lead: d.lead ?? false,
    })),
  });
  if (invite.status !== 201)
    throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const token = new URL(invite.body.inviteUrl).searchParams.get('token');
  const accepted = await new Client(app).post('/api/auth/accept-invite', { token, password: PASSWORD });
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { client: new Client(app, sessionFrom(accepted)), id: invite.body.user.id, email };
}
