import { CaseContext, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { CaseContextService } from './case-context.service.js';

/** The customer at a glance beside a case (staff only). */
export async function caseContextRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/cases/:caseId/context',
    {
      config: { access: access.staff('cases.read'), module: 'helpdesk' },
      schema: {
        tags: ['cases'],
        summary:
          'The customer at a glance: tier, owner, contact, other open cases, recent orders, installed products',
        description: 'Orders and installed products are empty without orders.read / assets.read.',
        params: Type.Object({ caseId: Uuid }),
        response: { 200: CaseContext, ...errors },
      },
    },
    (req) => new CaseContextService(contextOf(req)).get(req.params.caseId),
  );
}
