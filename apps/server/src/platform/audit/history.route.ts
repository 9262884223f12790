import { AuditEntry, type ModuleKey, type Permission } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../http/access.js';
import { contextOf, type ServiceContext } from '../context.js';
import { errors } from '../http/schemas.js';
import { AppError } from '../http/errors.js';
import { AuditRepository } from './audit.repository.js';

/**
 * GET <path>: the change history of one record, newest first. The record must exist in the caller's
 * workspace (and be visible to them), otherwise 404, like every other record route.
 */
export function historyRoute(
  base: FastifyInstance,
  opts: {
    path: string;
    param: string;
    entityType: string;
    permission: Permission;
    tags: string[];
    /** The module the record belongs to: the route answers 404 when it is off. */
    module?: ModuleKey;
    exists: (ctx: ServiceContext, id: string) => Promise<boolean>;
  },
): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    opts.path,
    {
      config: {
        access: access.staff(opts.permission),
        ...(opts.module ? { module: opts.module } : {}),
      },
      schema: {
        tags: opts.tags,
        summary: 'Change history (audit log) of the record',
        params: Type.Object({ [opts.param]: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ items: Type.Array(AuditEntry) }), ...errors },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const id = (req.params as Record<string, string>)[opts.param] as string;
      if (!(await opts.exists(ctx, id))) throw new AppError('not_found');
      if (!(ctx.principal?.kind === 'staff' && ctx.principal.permissions.has('audit.read')))
        throw new AppError('forbidden');
      const items = await new AuditRepository(ctx.database.db, ctx.workspace.id).listForEntity(
        opts.entityType,
        id,
        200,
      );
      return { items };
    },
  );
}
