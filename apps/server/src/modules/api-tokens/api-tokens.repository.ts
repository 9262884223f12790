import type { Executor } from '../../platform/db/database.js';

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  scope: 'read' | 'write' | 'admin';
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export class ApiTokensRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async insert(row: Omit<ApiTokenRecord, 'lastUsedAt' | 'revokedAt'> & { tokenHash: string }): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        workspace_id: this.workspaceId,
        id: row.id,
        user_id: row.userId,
        name: row.name,
        scope: row.scope,
        prefix: row.prefix,
        token_hash: row.tokenHash,
        created_at: row.createdAt,
        last_used_at: null,
        expires_at: row.expiresAt,
        revoked_at: null,
      })
      .execute();
  }

  async listForUser(userId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select([
        'id',
        'user_id',
        'name',
        'scope',
        'prefix',
        'created_at',
        'last_used_at',
        'expires_at',
        'revoked_at',
      ])
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      name: r.name,
      scope: r.scope as ApiTokenRecord['scope'],
      prefix: r.prefix,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
    }));
  }

  async revoke(id: string, userId: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async exists(id: string, userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('api_tokens')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Boolean(r);
  }
}
