import type { Db, Executor } from '../../platform/db/database.js';
import { toBool } from '../../platform/db/database.js';

export interface Credential {
  workspaceId: string;
  workspaceSlug: string;
  id: string;
  passwordHash: string | null;
  status: string;
}

/**
 * Sign-in happens before a workspace is known: an email is looked up across workspaces. These are the only
 * cross-workspace reads in the product, and they run on the unscoped handle on purpose.
 */
export class CredentialsRepository {
  constructor(private readonly unscoped: Db) {}

  async staffByEmail(email: string, workspaceSlug?: string): Promise<Credential[]> {
    let q = this.unscoped
      .selectFrom('users')
      .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
      .select(['users.workspace_id', 'workspaces.slug', 'users.id', 'users.password_hash', 'users.status'])
      .where('users.email', '=', email);
    if (workspaceSlug) q = q.where('workspaces.slug', '=', workspaceSlug);
    const rows = await q.execute();
    return rows.map((r) => ({
      workspaceId: r.workspace_id,
      workspaceSlug: r.slug,
      id: r.id,
      passwordHash: r.password_hash,
      status: r.status,
    }));
  }

  async contactsByEmail(email: string, workspaceSlug?: string): Promise<Credential[]> {
    let q = this.unscoped
      .selectFrom('contacts')
      .innerJoin('workspaces', 'workspaces.id', 'contacts.workspace_id')
      .select([
        'contacts.workspace_id',
        'workspaces.slug',
        'contacts.id',
        'contacts.password_hash',
        'contacts.portal_access',
      ])
      .where('contacts.email', '=', email);
    if (workspaceSlug) q = q.where('workspaces.slug', '=', workspaceSlug);
    const rows = await q.execute();
    return rows.map((r) => ({
      workspaceId: r.workspace_id,
      workspaceSlug: r.slug,
      id: r.id,
      passwordHash: r.password_hash,
      status: toBool(r.portal_access) ? 'active' : 'disabled',
    }));
  }
}

/** Password and sign-in bookkeeping on a contact (the portal's account). */
export class ContactCredentialsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async setPassword(contactId: string, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('contacts')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', contactId)
      .execute();
  }

  async markLogin(contactId: string, now: string): Promise<void> {
    await this.db
      .updateTable('contacts')
      .set({ last_login_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', contactId)
      .execute();
  }

  async setLocale(contactId: string, locale: string, name: string | undefined, now: string): Promise<void> {
    await this.db
      .updateTable('contacts')
      .set({ locale, ...(name ? { name } : {}), updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', contactId)
      .execute();
  }

  async find(
    contactId: string,
  ): Promise<
    { passwordHash: string | null; email: string | null; name: string; locale: string } | undefined
  > {
    const r = await this.db
      .selectFrom('contacts')
      .select(['password_hash', 'email', 'name', 'locale'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', contactId)
      .executeTakeFirst();
    return r && { passwordHash: r.password_hash, email: r.email, name: r.name, locale: r.locale };
  }
}
