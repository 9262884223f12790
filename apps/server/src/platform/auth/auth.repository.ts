import { ModuleKeys, type Locale, type ModuleKey, type Permission } from '@aftercare/contracts';
import type { Db, Executor } from '../db/database.js';
import { toBool } from '../db/database.js';
import type { WorkspaceInfo } from './principal.js';

export interface SessionRow {
  id: string;
  csrfToken: string;
  subjectType: string;
  subjectId: string;
  lastSeenAt: string;
}

/** Workspace rows are global; this is the one place that reads them for request handling. */
export async function findWorkspaceById(db: Executor, id: string): Promise<WorkspaceInfo | undefined> {
  const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWorkspaceInfo(row) : undefined;
}

export async function findWorkspaceBySlug(db: Executor, slug: string): Promise<WorkspaceInfo | undefined> {
  const row = await db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toWorkspaceInfo(row) : undefined;
}

export function toWorkspaceInfo(row: {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  default_locale: string;
  modules: string;
}): WorkspaceInfo {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    defaultLocale: row.default_locale as Locale,
    modules: parseModules(row.modules),
  };
}

export function parseModules(json: string): Record<ModuleKey, boolean> {
  const raw = JSON.parse(json) as Partial<Record<string, boolean>>;
  return Object.fromEntries(ModuleKeys.map((k) => [k, raw[k] ?? false])) as Record<ModuleKey, boolean>;
}

/** Sessions, one-time tokens and API tokens of one workspace. */
export class AuthRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async insertSession(row: {
    id: string;
    tokenHash: string;
    csrfToken: string;
    subjectType: 'user' | 'contact';
    subjectId: string;
    ip: string | null;
    userAgent: string | null;
    now: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        workspace_id: this.workspaceId,
        id: row.id,
        token_hash: row.tokenHash,
        csrf_token: row.csrfToken,
        subject_type: row.subjectType,
        subject_id: row.subjectId,
        ip: row.ip,
        user_agent: row.userAgent,
        created_at: row.now,
        last_seen_at: row.now,
        expires_at: row.expiresAt,
        revoked_at: null,
      })
      .execute();
  }

  async findLiveSession(tokenHash: string, now: string): Promise<SessionRow | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['id', 'csrf_token', 'subject_type', 'subject_id', 'last_seen_at'])
      .where('workspace_id', '=', this.workspaceId)
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        csrfToken: row.csrf_token,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        lastSeenAt: row.last_seen_at,
      }
    );
  }

  async touchSession(id: string, now: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async revokeSession(id: string, now: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Revokes every live session of a person, e.g. after a password change or when an account is disabled. */
  async revokeSessionsOf(
    subjectType: 'user' | 'contact',
    subjectId: string,
    now: string,
    exceptId?: string,
  ): Promise<void> {
    let q = this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .where('revoked_at', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async staffIdentity(
    userId: string,
  ): Promise<
    { name: string; email: string; locale: string; status: string; permissions: Permission[] } | undefined
  > {
    // The user and their roles are independent reads: on PostgreSQL they go out at once.
    const [user, roles] = await Promise.all([
      this.db
        .selectFrom('users')
        .select(['name', 'email', 'locale', 'status'])
        .where('workspace_id', '=', this.workspaceId)
        .where('id', '=', userId)
        .executeTakeFirst(),
      this.db
        .selectFrom('user_roles')
        .innerJoin('roles', (j) =>
          j
            .onRef('roles.workspace_id', '=', 'user_roles.workspace_id')
            .onRef('roles.id', '=', 'user_roles.role_id'),
        )
        .select('roles.permissions')
        .where('user_roles.workspace_id', '=', this.workspaceId)
        .where('user_roles.user_id', '=', userId)
        .execute(),
    ]);
    if (!user) return undefined;
    const permissions = new Set<Permission>();
    for (const r of roles) for (const p of JSON.parse(r.permissions) as Permission[]) permissions.add(p);
    return { ...user, permissions: [...permissions] };
  }

  async contactIdentity(contactId: string): Promise<
    | {
        name: string;
        email: string;
        locale: string;
        portalAccess: boolean;
        companyWide: boolean;
        customerId: string;
        customerName: string;
      }
    | undefined
  > {
    const row = await this.db
      .selectFrom('contacts')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'contacts.workspace_id')
          .onRef('customers.id', '=', 'contacts.customer_id'),
      )
      .select([
        'contacts.name',
        'contacts.email',
        'contacts.locale',
        'contacts.portal_access',
        'contacts.company_wide',
        'contacts.customer_id',
        'customers.name as customer_name',
      ])
      .where('contacts.workspace_id', '=', this.workspaceId)
      .where('contacts.id', '=', contactId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      name: row.name,
      email: row.email ?? '',
      locale: row.locale,
      portalAccess: toBool(row.portal_access),
      companyWide: toBool(row.company_wide),
      customerId: row.customer_id,
      customerName: row.customer_name,
    };
  }

  async findApiToken(tokenHash: string): Promise<
    | {
        id: string;
        userId: string;
        scope: string;
        expiresAt: string | null;
        revokedAt: string | null;
        lastUsedAt: string | null;
      }
    | undefined
  > {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'scope', 'expires_at', 'revoked_at', 'last_used_at'])
      .where('workspace_id', '=', this.workspaceId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        scope: row.scope,
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
        lastUsedAt: row.last_used_at,
      }
    );
  }

  async touchApiToken(id: string, now: string): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async insertOneTimeToken(row: {
    id: string;
    tokenHash: string;
    purpose: string;
    subjectType: 'user' | 'contact';
    subjectId: string;
    now: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('one_time_tokens')
      .values({
        workspace_id: this.workspaceId,
        id: row.id,
        token_hash: row.tokenHash,
        purpose: row.purpose,
        subject_type: row.subjectType,
        subject_id: row.subjectId,
        expires_at: row.expiresAt,
        used_at: null,
        created_at: row.now,
      })
      .execute();
  }

  /**
   * Marks a one-time token used and returns it, in one statement, so two concurrent uses cannot both succeed.
   */
  async consumeOneTimeToken(
    tokenHash: string,
    purpose: string,
    now: string,
  ): Promise<{ subjectType: string; subjectId: string } | undefined> {
    const row = await this.db
      .selectFrom('one_time_tokens')
      .select(['id', 'subject_type', 'subject_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    const res = await this.db
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return undefined;
    return { subjectType: row.subject_type, subjectId: row.subject_id };
  }

  /** Invalidates earlier unused tokens of the same purpose for a person (a new reset link replaces the old one). */
  async expireOneTimeTokens(purpose: string, subjectId: string, now: string): Promise<void> {
    await this.db
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('purpose', '=', purpose)
      .where('subject_id', '=', subjectId)
      .where('used_at', 'is', null)
      .execute();
  }
}

/** Login throttling is keyed by IP and by email, before any workspace is known: a global table. */
export class ThrottleRepository {
  constructor(private readonly db: Db) {}

  async failures(keys: string[], windowStart: string): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await this.db
      .selectFrom('login_throttle')
      .select(['failures'])
      .where('key', 'in', keys)
      .where('window_start', '=', windowStart)
      .execute();
    return rows.reduce((m, r) => Math.max(m, r.failures), 0);
  }

  async recordFailure(keys: string[], windowStart: string): Promise<void> {
    for (const key of keys) {
      await this.db
        .insertInto('login_throttle')
        .values({ key, window_start: windowStart, failures: 1 })
        .onConflict((oc) =>
          oc
            .columns(['key', 'window_start'])
            .doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1) })),
        )
        .execute();
    }
  }

  async clear(keys: string[], windowStart: string): Promise<void> {
    if (keys.length)
      await this.db
        .deleteFrom('login_throttle')
        .where('key', 'in', keys)
        .where('window_start', '=', windowStart)
        .execute();
  }

  async prune(before: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('window_start', '<', before).execute();
  }
}
