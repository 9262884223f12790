import {
  Page,
  ServiceContract,
  ServiceContractCreate,
  ServiceContractQuery,
  ServiceContractUpdate,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { ServiceContractsService } from './service-contracts.service.js';

const Params = Type.Object({ contractId: Uuid });

export async function serviceContractRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['service-contracts'];
  const service = (req: Parameters<typeof contextOf>[0]) => new ServiceContractsService(contextOf(req));
  app.get(
    '/service-contracts',
    {
      config: { access: access.staff('customers.read'), module: 'helpdesk' },
      schema: {
        tags,
        summary: 'Service contracts, by customer and state (upcoming / active / expired as of today)',
        querystring: ServiceContractQuery,
        response: { 200: Page(ServiceContract), ...errors },
      },
    },
    (req) => service(req).list(req.query),
  );
  app.post(
    '/service-contracts',
    {
      config: { access: access.staff('contracts.manage'), module: 'helpdesk' },
      schema: {
        tags,
        summary: 'Add a service contract to a customer (covered edition, service calendar, term)',
        body: ServiceContractCreate,
        response: { 201: ServiceContract, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).create(req.body)),
  );
  app.get(
    '/service-contracts/:contractId',
    {
      config: { access: access.staff('customers.read'), module: 'helpdesk' },
      schema: { tags, params: Params, response: { 200: ServiceContract, ...errors } },
    },
    (req) => service(req).get(req.params.contractId),
  );
  app.patch(
    '/service-contracts/:contractId',
    {
      config: { access: access.staff('contracts.manage'), module: 'helpdesk' },
      schema: {
        tags,
        summary:
          'Update a contract; send the version you read (409 when stale). A new calendar or edition recomputes the SLA of its open cases',
        params: Params,
        body: ServiceContractUpdate,
        response: { 200: ServiceContract, ...errors },
      },
    },
    (req) => service(req).update(req.params.contractId, req.body),
  );
  historyRoute(app, {
    path: '/service-contracts/:contractId/history',
    param: 'contractId',
    entityType: 'service_contract',
    permission: 'customers.read',
    tags,
    module: 'helpdesk',
    exists: (ctx, id) => new ServiceContractsService(ctx).exists(id),
  });
}
