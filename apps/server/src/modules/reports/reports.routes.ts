import { ReportsOverview } from '@aftercare/contracts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { ReportsService } from './reports.service.js';

export async function reportRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/reports/overview',
    {
      config: { access: access.staff('reports.read'), module: 'reports' },
      schema: {
        tags: ['reports'],
        summary: 'Dashboard figures (module: reports)',
        response: { 200: ReportsOverview, ...errors },
      },
    },
    (req) => new ReportsService(contextOf(req)).overview(),
  );
}
