import type { Locale, Me, SignupBody } from '@aftercare/contracts';
import type { Deps } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import {
  AuthRepository,
  findWorkspaceById,
  findWorkspaceBySlug,
  ThrottleRepository,
} from '../../platform/auth/auth.repository.js';
import { splitScopedSecret } from '../../platform/auth/resolve.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { createWorkspace } from '../workspaces/index.js';
import { issueOneTimeToken, UsersRepository } from '../users/index.js';
import { ContactCredentialsRepository, CredentialsRepository, type Credential } from './auth.repository.js';

export type AccountKind = 'staff' | 'contact';
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  locale: Locale;
}
export interface StartedSession {
  cookie: string;
  workspaceId: string;
}

const RESET_TTL_MS = 2 * 3600_000;

export class AuthService {
  constructor(
    private readonly deps: Deps,
    private readonly client: ClientInfo,
  ) {}

  async signup(body: SignupBody): Promise<StartedSession> {
    const created = await createWorkspace(this.deps, {
      companyName: body.companyName,
      slug: body.slug,
      locale: body.locale ?? this.client.locale,
      admin: { name: body.name, email: body.email, password: body.password },
    });
    return this.startSession(created.workspaceId, 'user', created.adminId);
  }

  async login(
    kind: AccountKind,
    email: string,
    password: string,
    workspaceSlug?: string,
  ): Promise<StartedSession> {
    const normalized = email.trim().toLowerCase();
    const throttle = new ThrottleRepository(this.deps.database.unscoped);
    const windowMs = this.deps.config.loginWindowMinutes * 60_000;
    const now = this.deps.clock.now();
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
    const keys = [`ip:${this.client.ip}`, `email:${normalized}`];
    if ((await throttle.failures(keys, windowStart)) >= this.deps.config.loginMaxFailures)
      throw new AppError('rate_limited');

    const creds = new CredentialsRepository(this.deps.database.unscoped);
    const candidates =
      kind === 'staff'
        ? await creds.staffByEmail(normalized, workspaceSlug)
        : await creds.contactsByEmail(normalized, workspaceSlug);
    if (candidates.length > 1) {
      // Several workspaces know this email: only those whose password matches count.
      const matching: Credential[] = [];
      for (const c of candidates)
        if (await verifyPassword(c.passwordHash, password, this.deps.config.argon2)) matching.push(c);
      if (matching.length > 1) throw new AppError('workspace_required');
      candidates.splice(0, candidates.length, ...matching);
      if (matching.length === 1)
        return this.finishLogin(kind, matching[0] as Credential, throttle, keys, windowStart);
    }
    const candidate = candidates[0];
    const ok = await verifyPassword(candidate?.passwordHash ?? null, password, this.deps.config.argon2);
    if (!candidate || !ok) {
      await throttle.recordFailure(keys, windowStart);
      throw new AppError('invalid_credentials');
    }
    return this.finishLogin(kind, candidate, throttle, keys, windowStart);
  }

  private async finishLogin(
    kind: AccountKind,
    c: Credential,
    throttle: ThrottleRepository,
    keys: string[],
    windowStart: string,
  ): Promise<StartedSession> {
    if (c.status !== 'active')
      throw new AppError(
        kind === 'staff' && c.status === 'invited' ? 'invalid_credentials' : 'account_disabled',
      );
    await throttle.clear(keys.slice(1), windowStart);
    const now = this.deps.clock.now().toISOString();
    if (kind === 'staff')
      await new UsersRepository(this.deps.database.db, c.workspaceId).markLogin(c.id, now);
    else await new ContactCredentialsRepository(this.deps.database.db, c.workspaceId).markLogin(c.id, now);
    return this.startSession(c.workspaceId, kind === 'staff' ? 'user' : 'contact', c.id);
  }

  async startSession(
    workspaceId: string,
    subjectType: 'user' | 'contact',
    subjectId: string,
  ): Promise<StartedSession> {
    const secret = newSecret();
    const now = this.deps.clock.now();
    await new AuthRepository(this.deps.database.db, workspaceId).insertSession({
      id: newId(),
      tokenHash: hashSecret(secret),
      csrfToken: newSecret(24),
      subjectType,
      subjectId,
      ip: this.client.ip,
      userAgent: this.client.userAgent?.slice(0, 300) ?? null,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.deps.config.sessionDays * 86_400_000).toISOString(),
    });
    return { cookie: `${workspaceId}.${secret}`, workspaceId };
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.via.type !== 'session') return;
    await new AuthRepository(this.deps.database.db, principal.workspace.id).revokeSession(
      principal.via.sessionId,
      this.deps.clock.now().toISOString(),
    );
  }

  async updateMe(
    principal: Principal,
    body: {
      name?: string | undefined;
      locale?: Locale | undefined;
      currentPassword?: string | undefined;
      newPassword?: string | undefined;
    },
  ): Promise<void> {
    const ws = principal.workspace.id;
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps, async (tx) => {
      let newHash: string | undefined;
      if (body.newPassword) {
        const stored =
          principal.kind === 'staff'
            ? (await new UsersRepository(tx, ws).find(principal.userId))?.passwordHash
            : (await new ContactCredentialsRepository(tx, ws).find(principal.contactId))?.passwordHash;
        if (!(await verifyPassword(stored ?? null, body.currentPassword ?? '', this.deps.config.argon2))) {
          throw invalidFields([fieldError('currentPassword', 'wrong_password')]);
        }
        newHash = await hashPassword(body.newPassword, this.deps.config.argon2);
      }
      const auth = new AuthRepository(tx, ws);
      if (principal.kind === 'staff') {
        const users = new UsersRepository(tx, ws);
        const user = await users.find(principal.userId);
        if (!user) throw new AppError('not_found');
        await users.update(
          user.id,
          user.version,
          {
            ...(body.name ? { name: body.name } : {}),
            ...(body.locale ? { locale: body.locale } : {}),
            ...(newHash ? { passwordHash: newHash } : {}),
          },
          now,
        );
        if (newHash)
          await auth.revokeSessionsOf(
            'user',
            user.id,
            now,
            principal.via.type === 'session' ? principal.via.sessionId : undefined,
          );
      } else {
        const contacts = new ContactCredentialsRepository(tx, ws);
        if (body.locale || body.name)
          await contacts.setLocale(principal.contactId, body.locale ?? principal.locale, body.name, now);
        if (newHash) {
          await contacts.setPassword(principal.contactId, newHash, now);
          await auth.revokeSessionsOf('contact', principal.contactId, now, principal.via.sessionId);
        }
      }
    });
  }

  /** Always answers the same, whether or not the email is known. */
  async forgotPassword(kind: AccountKind, email: string, workspaceSlug?: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    const creds = new CredentialsRepository(this.deps.database.unscoped);
    const candidates =
      kind === 'staff'
        ? await creds.staffByEmail(normalized, workspaceSlug)
        : await creds.contactsByEmail(normalized, workspaceSlug);
    for (const c of candidates.filter((x) => x.status === 'active')) {
      const subjectType = kind === 'staff' ? 'user' : 'contact';
      const token = await inTransaction(this.deps, (tx) =>
        issueOneTimeToken(
          tx,
          this.deps,
          c.workspaceId,
          'reset',
          { type: subjectType, id: c.id },
          RESET_TTL_MS,
        ),
      );
      const url = `${this.deps.config.publicUrl}/${kind === 'staff' ? 'app' : 'portal'}/reset-password?token=${encodeURIComponent(token)}`;
      const en = this.client.locale === 'en';
      this.deps.mailer.sendLater({
        to: normalized,
        subject: en ? 'Reset your Aftercare password' : '重置您的 Aftercare 密码',
        text: en
          ? `Open this link within 2 hours to choose a new password:\n${url}\n\nIf you did not ask for this, ignore this mail.`
          : `请在 2 小时内打开以下链接设置新密码：\n${url}\n\n如果不是您本人操作，请忽略此邮件。`,
      });
    }
  }

  /** Sets a new password from a reset link or an invitation; the token works once. Signs the person in. */
  async redeem(
    purpose: 'reset' | 'invite' | 'portal-invite',
    rawToken: string,
    password: string,
    name?: string,
  ): Promise<StartedSession> {
    const parsed = splitScopedSecret(rawToken);
    if (!parsed) throw new AppError('token_invalid');
    const workspace = await findWorkspaceById(this.deps.database.db, parsed.workspaceId);
    if (!workspace) throw new AppError('token_invalid');
    const ws = workspace.id;
    const hash = await hashPassword(password, this.deps.config.argon2);
    const now = this.deps.clock.now().toISOString();
    const subject = await inTransaction(this.deps, async (tx) => {
      const auth = new AuthRepository(tx, ws);
      const used = await auth.consumeOneTimeToken(hashSecret(parsed.secret), purpose, now);
      if (!used) throw new AppError('token_invalid');
      const ctx = { ...this.deps, workspace, principal: null, requestId: '', locale: this.client.locale };
      if (used.subjectType === 'user') {
        const users = new UsersRepository(tx, ws);
        const user = await users.find(used.subjectId);
        if (!user || user.status === 'disabled') throw new AppError('token_invalid');
        await users.update(
          user.id,
          user.version,
          {
            passwordHash: hash,
            ...(user.status === 'invited' ? { status: 'active' } : {}),
            ...(name ? { name } : {}),
          },
          now,
        );
        await auth.revokeSessionsOf('user', user.id, now);
        await recordAudit(
          tx,
          { ...ctx, actor: { type: 'user', id: user.id, name: name ?? user.name } },
          {
            entityType: 'user',
            entityId: user.id,
            action: purpose === 'reset' ? 'password_reset' : 'invitation_accepted',
            changes: user.status === 'invited' ? { status: { from: 'invited', to: 'active' } } : {},
          },
        );
        return { type: 'user' as const, id: user.id };
      }
      const contacts = new ContactCredentialsRepository(tx, ws);
      const contact = await contacts.find(used.subjectId);
      if (!contact) throw new AppError('token_invalid');
      await contacts.setPassword(used.subjectId, hash, now);
      await auth.revokeSessionsOf('contact', used.subjectId, now);
      await recordAudit(
        tx,
        { ...ctx, actor: { type: 'contact', id: used.subjectId, name: contact.name } },
        {
          entityType: 'contact',
          entityId: used.subjectId,
          action: purpose === 'reset' ? 'password_reset' : 'portal_invitation_accepted',
          changes: {},
        },
      );
      return { type: 'contact' as const, id: used.subjectId };
    });
    return this.startSession(ws, subject.type, subject.id);
  }

  async workspaceExists(slug: string): Promise<boolean> {
    return Boolean(await findWorkspaceBySlug(this.deps.database.db, slug));
  }
}

export function presentMe(p: Principal): Me {
  const base = {
    id: p.kind === 'staff' ? p.userId : p.contactId,
    name: p.name,
    email: p.email,
    locale: p.locale,
    csrfToken: p.via.type === 'session' ? p.via.csrfToken : '',
    workspace: {
      id: p.workspace.id,
      slug: p.workspace.slug,
      name: p.workspace.name,
      timezone: p.workspace.timezone,
      modules: p.workspace.modules,
    },
  };
  if (p.kind === 'staff') return { ...base, kind: 'staff', permissions: [...p.permissions], customer: null };
  return {
    ...base,
    kind: 'contact',
    permissions: [],
    customer: { id: p.customerId, name: p.customerName, companyWide: p.companyWide },
  };
}
