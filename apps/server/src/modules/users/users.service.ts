import type { InviteBody, Locale, User } from '@aftercare/contracts';
import type { Deps, ServiceContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { AuthRepository } from '../../platform/auth/auth.repository.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { UsersRepository, type UserRecord } from './users.repository.js';
import { presentUser } from './users.presenter.js';

export const INVITE_TTL_MS = 7 * 24 * 3600_000;

export interface NewUser {
  email: string;
  name: string;
  password: string | null;
  locale: Locale;
  status: 'active' | 'invited';
  roleIds: string[];
  departments: Array<{ departmentId: string; lead: boolean }>;
}

/** Creates a staff member inside a transaction (sign-up, CLI, invitations and the demo use this). */
export async function createUserInTx(
  tx: Executor,
  deps: Deps,
  workspaceId: string,
  input: NewUser,
): Promise<string> {
  const repo = new UsersRepository(tx, workspaceId);
  const email = input.email.trim().toLowerCase();
  if (await repo.emailTaken(email)) throw invalidFields([fieldError('email', 'duplicate')]);
  const roles = await repo.existingRoleIds(input.roleIds);
  if (roles.size !== new Set(input.roleIds).size)
    throw invalidFields([fieldError('roleIds', 'unknown_reference')]);
  const departmentIds = input.departments.map((d) => d.departmentId);
  if (new Set(departmentIds).size !== departmentIds.length)
    throw invalidFields([fieldError('departments', 'invalid_value')]);
  const departments = await repo.existingDepartmentIds(departmentIds);
  if (departments.size !== new Set(departmentIds).size)
    throw invalidFields([fieldError('departments', 'unknown_reference')]);
  const id = newId();
  const passwordHash = input.password ? await hashPassword(input.password, deps.config.argon2) : null;
  try {
    await repo.insert({
      id,
      email,
      name: input.name.trim(),
      passwordHash,
      locale: input.locale,
      status: input.status,
      now: deps.clock.now().toISOString(),
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalidFields([fieldError('email', 'duplicate')]);
    throw err;
  }
  await repo.setRoles(id, [...new Set(input.roleIds)]);
  await repo.setDepartments(id, input.departments);
  return id;
}

/** Issues a single-use, expiring token for a person; only its hash is stored. Returns the URL-safe token. */
export async function issueOneTimeToken(
  tx: Executor,
  deps: Deps,
  workspaceId: string,
  purpose: 'invite' | 'reset' | 'portal-invite',
  subject: { type: 'user' | 'contact'; id: string },
  ttlMs: number,
): Promise<string> {
  const secret = newSecret();
  const now = deps.clock.now();
  const repo = new AuthRepository(tx, workspaceId);
  await repo.expireOneTimeTokens(purpose, subject.id, now.toISOString());
  await repo.insertOneTimeToken({
    id: newId(),
    tokenHash: hashSecret(secret),
    purpose,
    subjectType: subject.type,
    subjectId: subject.id,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  });
  return `${workspaceId}.${secret}`;
}

export class UsersService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new UsersRepository(db, this.ctx.workspace.id);
  }

  async list(query: {
    q?: string | undefined;
    status?: string | undefined;
    departmentId?: string | undefined;
    page?: number | undefined;
    pageSize?: number | undefined;
  }) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.repo().list({
      q: query.q,
      status: query.status,
      departmentId: query.departmentId,
      page,
      pageSize,
    });
    return { items: items.map((u) => presentUser(u, this.ctx)), total, page, pageSize };
  }

  async get(id: string): Promise<User> {
    const user = await this.repo().find(id);
    if (!user) throw new AppError('not_found');
    return presentUser(user, this.ctx);
  }

  async invite(input: InviteBody): Promise<{ user: User; inviteUrl: string }> {
    const { id, token } = await inTransaction(this.ctx, async (tx) => {
      const id = await createUserInTx(tx, this.ctx, this.ctx.workspace.id, {
        email: input.email,
        name: input.name,
        password: null,
        locale: input.locale ?? this.ctx.workspace.defaultLocale,
        status: 'invited',
        roleIds: input.roleIds,
        departments: input.departments ?? [],
      });
      const created = (await this.repo(tx).find(id)) as UserRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'user',
        entityId: id,
        action: 'invited',
        after: presentUser(created, this.ctx),
      });
      const token = await issueOneTimeToken(
        tx,
        this.ctx,
        this.ctx.workspace.id,
        'invite',
        { type: 'user', id },
        INVITE_TTL_MS,
      );
      return { id, token };
    });
    const user = await this.get(id);
    const inviteUrl = `${this.ctx.config.publicUrl}/app/accept-invite?token=${encodeURIComponent(token)}`;
    this.ctx.mailer.sendLater(
      inviteMail(user.email, user.locale, this.ctx.workspace.name, this.ctx.actor.name ?? '', inviteUrl),
    );
    return { user, inviteUrl };
  }

  async resendInvite(id: string): Promise<{ user: User; inviteUrl: string }> {
    const user = await this.repo().find(id);
    if (!user) throw new AppError('not_found');
    if (user.status !== 'invited') throw new AppError('conflict');
    const token = await inTransaction(this.ctx, (tx) =>
      issueOneTimeToken(tx, this.ctx, this.ctx.workspace.id, 'invite', { type: 'user', id }, INVITE_TTL_MS),
    );
    const inviteUrl = `${this.ctx.config.publicUrl}/app/accept-invite?token=${encodeURIComponent(token)}`;
    this.ctx.mailer.sendLater(
      inviteMail(user.email, user.locale, this.ctx.workspace.name, this.ctx.actor.name ?? '', inviteUrl),
    );
    return { user: presentUser(user, this.ctx), inviteUrl };
  }

  async update(
    id: string,
    patch: {
      name?: string;
      roleIds?: string[];
      departments?: Array<{ departmentId: string; lead: boolean }>;
      status?: 'active' | 'disabled';
      version: number;
    },
  ): Promise<User> {
    const now = this.ctx.clock.now().toISOString();
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== patch.version) throw new AppError('conflict');
      if (patch.status === 'active' && before.status === 'invited')
        throw invalidFields([fieldError('status', 'invalid_value')]);
      if (patch.roleIds) {
        const found = await repo.existingRoleIds(patch.roleIds);
        if (found.size !== new Set(patch.roleIds).size)
          throw invalidFields([fieldError('roleIds', 'unknown_reference')]);
      }
      if (patch.departments) {
        const ids = patch.departments.map((d) => d.departmentId);
        if (new Set(ids).size !== ids.length)
          throw invalidFields([fieldError('departments', 'invalid_value')]);
        const found = await repo.existingDepartmentIds(ids);
        if (found.size !== new Set(ids).size)
          throw invalidFields([fieldError('departments', 'unknown_reference')]);
      }
      const ok = await repo.update(
        id,
        before.version,
        { ...(patch.name ? { name: patch.name } : {}), ...(patch.status ? { status: patch.status } : {}) },
        now,
      );
      if (!ok) throw new AppError('conflict');
      if (patch.roleIds) await repo.setRoles(id, [...new Set(patch.roleIds)]);
      if (patch.departments) await repo.setDepartments(id, patch.departments);
      if ((await repo.activeAdminIds()).length === 0) throw new AppError('last_admin');
      if (patch.status === 'disabled')
        await new AuthRepository(tx, this.ctx.workspace.id).revokeSessionsOf('user', id, now);
      const after = (await repo.find(id)) as UserRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'user',
        entityId: id,
        action: 'updated',
        before: presentUser(before, this.ctx),
        after: presentUser(after, this.ctx),
      });
    });
    return this.get(id);
  }
}

function inviteMail(to: string, locale: Locale, workspace: string, inviter: string, url: string) {
  return locale === 'en'
    ? {
        to,
        subject: `You are invited to ${workspace} on Aftercare`,
        text: `${inviter} invited you to join ${workspace}.\n\nSet your password here (valid for 7 days):\n${url}\n`,
      }
    : {
        to,
        subject: `邀请您加入 ${workspace}（Aftercare 售后服务平台）`,
        text: `${inviter} 邀请您加入 ${workspace}。\n\n请在 7 天内点击以下链接设置密码：\n${url}\n`,
      };
}
