import type { ApiToken } from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { API_TOKEN_PREFIX } from '../../platform/auth/resolve.js';
import { requireStaffOf } from '../../platform/auth/principal.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { ApiTokensRepository, type ApiTokenRecord } from './api-tokens.repository.js';

/** Personal API tokens: hashed at rest, scoped (read / write / admin), never wider than their owner, revocable. */
export class ApiTokensService {
  constructor(private readonly ctx: ServiceContext) {}

  private present(t: ApiTokenRecord): ApiToken {
    const { userId: _userId, ...rest } = t;
    return { ...rest, actions: t.revokedAt ? [] : ['revoke'] };
  }

  async list(): Promise<ApiToken[]> {
    const me = requireStaffOf(this.ctx.principal);
    return (
      await new ApiTokensRepository(this.ctx.database.db, this.ctx.workspace.id).listForUser(me.userId)
    ).map((t) => this.present(t));
  }

  async create(input: {
    name: string;
    scope: 'read' | 'write' | 'admin';
    expiresAt?: string | undefined;
  }): Promise<{ token: ApiToken; secret: string }> {
    const me = requireStaffOf(this.ctx.principal);
    const now = this.ctx.clock.now();
    if (input.expiresAt && Date.parse(input.expiresAt) <= now.getTime())
      throw invalidFields([fieldError('expiresAt', 'invalid_value')]);
    if (input.scope === 'admin' && !me.permissions.has('workspace.manage'))
      throw invalidFields([fieldError('scope', 'invalid_value')]);
    const secret = newSecret();
    const full = `${API_TOKEN_PREFIX}${this.ctx.workspace.id}.${secret}`;
    const record: ApiTokenRecord = {
      id: newId(),
      userId: me.userId,
      name: input.name,
      scope: input.scope,
      prefix: `${API_TOKEN_PREFIX}…${secret.slice(-4)}`,
      createdAt: now.toISOString(),
      lastUsedAt: null,
      expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
      revokedAt: null,
    };
    await inTransaction(this.ctx, async (tx) => {
      await new ApiTokensRepository(tx, this.ctx.workspace.id).insert({
        ...record,
        tokenHash: hashSecret(secret),
      });
      await recordAudit(tx, this.ctx, {
        entityType: 'api_token',
        entityId: record.id,
        action: 'created',
        after: { name: record.name, scope: record.scope, expiresAt: record.expiresAt },
      });
    });
    return { token: this.present(record), secret: full };
  }

  async revoke(id: string): Promise<void> {
    const me = requireStaffOf(this.ctx.principal);
    await inTransaction(this.ctx, async (tx) => {
      const repo = new ApiTokensRepository(tx, this.ctx.workspace.id);
      if (!(await repo.exists(id, me.userId))) throw new AppError('not_found');
      await repo.revoke(id, me.userId, this.ctx.clock.now().toISOString());
      await recordAudit(tx, this.ctx, {
        entityType: 'api_token',
        entityId: id,
        action: 'revoked',
        changes: {},
      });
    });
  }
}
