import { Asset, AssetCreate, AssetQuery, AssetUpdate, Page, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { AssetsService } from './assets.service.js';

const Params = Type.Object({ assetId: Uuid });

export async function assetRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['assets'];
  app.get(
    '/assets',
    {
      config: { access: access.staff('assets.read') },
      schema: {
        tags,
        summary:
          'Installed base: search (serial, product, customer), filter by customer, product and warranty (in/out as of today)',
        querystring: AssetQuery,
        response: { 200: Page(Asset), ...errors },
      },
    },
    (req) => new AssetsService(contextOf(req)).list(req.query),
  );
  app.post(
    '/assets',
    {
      config: { access: access.staff('assets.write') },
      schema: {
        tags,
        summary:
          'Register an asset; the warranty end defaults to purchase date + the product’s warranty months',
        body: AssetCreate,
        response: { 201: Asset, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await new AssetsService(contextOf(req)).create(req.body)),
  );
  app.get(
    '/assets/:assetId',
    {
      config: { access: access.staff('assets.read') },
      schema: { tags, params: Params, response: { 200: Asset, ...errors } },
    },
    (req) => new AssetsService(contextOf(req)).get(req.params.assetId),
  );
  app.patch(
    '/assets/:assetId',
    {
      config: { access: access.staff('assets.write') },
      schema: {
        tags,
        summary: 'Update dates, status or notes; send the version you read (409 when stale)',
        params: Params,
        body: AssetUpdate,
        response: { 200: Asset, ...errors },
      },
    },
    (req) => new AssetsService(contextOf(req)).update(req.params.assetId, req.body),
  );
  historyRoute(app, {
    path: '/assets/:assetId/history',
    param: 'assetId',
    entityType: 'asset',
    permission: 'assets.read',
    tags,
    exists: (ctx, id) => new AssetsService(ctx).exists(id),
  });
}
