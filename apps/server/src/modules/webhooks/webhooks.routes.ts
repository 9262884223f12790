import {
  Delivery,
  DeliveryQuery,
  IntegrationSettings,
  IntegrationSettingsUpdate,
  Ok,
  Page,
  Uuid,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { WebhooksService } from './webhooks.service.js';

const Params = Type.Object({ webhookId: Uuid });
const DeliveryParams = Type.Object({ webhookId: Uuid, deliveryId: Uuid });

export async function webhookRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['webhooks'];
  const manage = { access: access.staff('integrations.manage') };
  const service = (req: Parameters<typeof contextOf>[0]) => new WebhooksService(contextOf(req));

  app.get(
    '/integration-settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Integration settings: whether webhooks and bots may target private network addresses',
        response: { 200: IntegrationSettings, ...errors },
      },
    },
    (req) => service(req).settings(),
  );
  app.put(
    '/integration-settings',
    {
      config: { access: access.staff('workspace.manage') },
      schema: {
        tags,
        summary:
          'Allow or refuse loopback, private and link-local targets (administrators only; off by default). Send the version you read',
        body: IntegrationSettingsUpdate,
        response: { 200: IntegrationSettings, ...errors },
      },
    },
    (req) => service(req).updateSettings(req.body),
  );
  app.get(
    '/webhooks',
    { config: manage, schema: { tags, response: { 200: Type.Array(WebhookEndpoint), ...errors } } },
    (req) => service(req).list(),
  );
  app.post(
    '/webhooks',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add an endpoint; the answer carries its signing secret, shown this once',
        body: WebhookEndpointCreate,
        response: { 201: WebhookEndpointWithSecret, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).create(req.body)),
  );
  app.get(
    '/webhooks/:webhookId',
    { config: manage, schema: { tags, params: Params, response: { 200: WebhookEndpoint, ...errors } } },
    (req) => service(req).get(req.params.webhookId),
  );
  app.patch(
    '/webhooks/:webhookId',
    {
      config: manage,
      schema: {
        tags,
        params: Params,
        body: WebhookEndpointUpdate,
        response: { 200: WebhookEndpoint, ...errors },
      },
    },
    (req) => service(req).update(req.params.webhookId, req.body),
  );
  app.delete(
    '/webhooks/:webhookId',
    { config: manage, schema: { tags, params: Params, response: { 200: Ok, ...errors } } },
    async (req) => {
      await service(req).remove(req.params.webhookId);
      return { ok: true };
    },
  );
  app.post(
    '/webhooks/:webhookId/rotate-secret',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A new signing secret, shown this once; the old one stops working at once',
        params: Params,
        response: { 200: WebhookEndpointWithSecret, ...errors },
      },
    },
    (req) => service(req).rotateSecret(req.params.webhookId),
  );
  app.post(
    '/webhooks/:webhookId/test',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Queue a webhook.test event for this endpoint',
        params: Params,
        response: { 201: Delivery, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).sendTest(req.params.webhookId)),
  );
  app.get(
    '/webhooks/:webhookId/deliveries',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The delivery log of an endpoint, newest first',
        params: Params,
        querystring: DeliveryQuery,
        response: { 200: Page(Delivery), ...errors },
      },
    },
    (req) => service(req).deliveries(req.params.webhookId, req.query),
  );
  app.post(
    '/webhooks/:webhookId/deliveries/:deliveryId/replay',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Send the same payload again as a new delivery',
        params: DeliveryParams,
        response: { 201: Delivery, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service(req).replay(req.params.webhookId, req.params.deliveryId)),
  );
}
