import {
  Customer,
  CustomerCreate,
  CustomerQuery,
  CustomerUpdate,
  Ok,
  Page,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { CustomersService } from './customers.service.js';

const Params = Type.Object({ customerId: Uuid });

export async function customerRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];
  app.get(
    '/customers',
    {
      config: { access: access.staff('customers.read') },
      schema: {
        tags,
        summary: 'Customer companies: search, filter, sort, page',
        querystring: CustomerQuery,
        response: { 200: Page(Customer), ...errors },
      },
    },
    (req) => new CustomersService(contextOf(req)).list(req.query),
  );
  app.post(
    '/customers',
    {
      config: { access: access.staff('customers.write') },
      schema: { tags, body: CustomerCreate, response: { 201: Customer, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await new CustomersService(contextOf(req)).create(req.body)),
  );
  app.get(
    '/customers/:customerId',
    {
      config: { access: access.staff('customers.read') },
      schema: { tags, params: Params, response: { 200: Customer, ...errors } },
    },
    (req) => new CustomersService(contextOf(req)).get(req.params.customerId),
  );
  app.patch(
    '/customers/:customerId',
    {
      config: { access: access.staff('customers.write') },
      schema: {
        tags,
        summary: 'Update; send the version you read (409 when stale)',
        params: Params,
        body: CustomerUpdate,
        response: { 200: Customer, ...errors },
      },
    },
    (req) => new CustomersService(contextOf(req)).update(req.params.customerId, req.body),
  );
  app.delete(
    '/customers/:customerId',
    {
      config: { access: access.staff('customers.write') },
      schema: { tags, params: Params, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await new CustomersService(contextOf(req)).delete(req.params.customerId);
      return { ok: true };
    },
  );
  historyRoute(app, {
    path: '/customers/:customerId/history',
    param: 'customerId',
    entityType: 'customer',
    permission: 'customers.read',
    tags,
    exists: (ctx, id) => new CustomersService(ctx).exists(id),
  });
}
