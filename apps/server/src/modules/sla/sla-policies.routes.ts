import { Ok, SlaPolicy, SlaPolicyCreate, SlaPolicyOrder, SlaPolicyUpdate, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { SlaPoliciesService } from './sla-policies.service.js';

const Params = Type.Object({ policyId: Uuid });
const module = 'helpdesk' as const;

/** SLA policies (settings of the helpdesk module). */
export async function slaPolicyRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sla'];
  const read = { access: access.staff('cases.read'), module };
  const manage = { access: access.staff('sla.manage'), module };
  const svc = (req: Parameters<typeof contextOf>[0]) => new SlaPoliciesService(contextOf(req));
  app.get(
    '/sla-policies',
    {
      config: read,
      schema: {
        tags,
        summary: 'SLA policies in evaluation order (the first active policy that matches a case applies)',
        response: { 200: Type.Array(SlaPolicy), ...errors },
      },
    },
    (req) => svc(req).list(),
  );
  app.post(
    '/sla-policies',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a policy (placed last); targets are service minutes per severity',
        body: SlaPolicyCreate,
        response: { 201: SlaPolicy, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc(req).create(req.body)),
  );
  app.put(
    '/sla-policies/order',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set the evaluation order: every policy id, first to last',
        body: SlaPolicyOrder,
        response: { 200: Type.Array(SlaPolicy), ...errors },
      },
    },
    (req) => svc(req).reorder(req.body),
  );
  app.get(
    '/sla-policies/:policyId',
    { config: read, schema: { tags, params: Params, response: { 200: SlaPolicy, ...errors } } },
    (req) => svc(req).get(req.params.policyId),
  );
  app.patch(
    '/sla-policies/:policyId',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Change a policy; send the version you read (409 when stale). Open cases under it are recomputed.',
        params: Params,
        body: SlaPolicyUpdate,
        response: { 200: SlaPolicy, ...errors },
      },
    },
    (req) => svc(req).update(req.params.policyId, req.body),
  );
  app.delete(
    '/sla-policies/:policyId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a policy; cases under it keep their clocks',
        params: Params,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await svc(req).delete(req.params.policyId);
      return { ok: true };
    },
  );
}
