import {
  BotTarget,
  BotTargetCreate,
  BotTargetUpdate,
  Delivery,
  DeliveryQuery,
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
import { BotsService } from './bots.service.js';

const Params = Type.Object({ botId: Uuid });
const DeliveryParams = Type.Object({ botId: Uuid, deliveryId: Uuid });

export async function botRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['bots'];
  const manage = { access: access.staff('integrations.manage') };
  const service = (req: Parameters<typeof contextOf>[0]) => new BotsService(contextOf(req));

  app.get(
    '/bots',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Group bots (WeCom, DingTalk, Feishu)',
        response: { 200: Type.Array(BotTarget), ...errors },
      },
    },
    (req) => service(req).list(),
  );
  app.post(
    '/bots',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Add a group bot: its webhook address and signing secret are stored sealed and never returned',
        body: BotTargetCreate,
        response: { 201: BotTarget, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).create(req.body)),
  );
  app.get(
    '/bots/:botId',
    { config: manage, schema: { tags, params: Params, response: { 200: BotTarget, ...errors } } },
    (req) => service(req).get(req.params.botId),
  );
  app.patch(
    '/bots/:botId',
    {
      config: manage,
      schema: { tags, params: Params, body: BotTargetUpdate, response: { 200: BotTarget, ...errors } },
    },
    (req) => service(req).update(req.params.botId, req.body),
  );
  app.delete(
    '/bots/:botId',
    { config: manage, schema: { tags, params: Params, response: { 200: Ok, ...errors } } },
    async (req) => {
      await service(req).remove(req.params.botId);
      return { ok: true };
    },
  );
  app.post(
    '/bots/:botId/test',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Queue a test message',
        params: Params,
        response: { 201: Delivery, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).sendTest(req.params.botId)),
  );
  app.get(
    '/bots/:botId/deliveries',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The delivery log of a bot, newest first',
        params: Params,
        querystring: DeliveryQuery,
        response: { 200: Page(Delivery), ...errors },
      },
    },
    (req) => service(req).deliveries(req.params.botId, req.query),
  );
  app.post(
    '/bots/:botId/deliveries/:deliveryId/replay',
    {
      config: manage,
      schema: { tags, params: DeliveryParams, response: { 201: Delivery, ...errors } },
    },
    async (req, reply) =>
      reply.status(201).send(await service(req).replay(req.params.botId, req.params.deliveryId)),
  );
}
