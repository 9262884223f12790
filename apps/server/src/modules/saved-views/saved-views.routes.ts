import {
  Ok,
  SavedView,
  SavedViewCreate,
  SavedViewList,
  SavedViewListQuery,
  SavedViewParams,
  SavedViewUpdate,
} from '@aftercare/contracts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { SavedViewsService } from './saved-views.service.js';

const module = 'helpdesk' as const;

/** Saved views of the case queue: anyone who reads cases keeps their own and uses the shared ones. */
export async function savedViewRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const config = { access: access.staff('cases.read'), module };
  app.get(
    '/case-views',
    {
      config,
      schema: {
        tags,
        summary: 'Saved queue views: the user’s own first, then those shared with the workspace',
        description:
          'counts=true adds how many cases each view holds now (search counts are capped at 1000).',
        querystring: SavedViewListQuery,
        response: { 200: SavedViewList, ...errors },
      },
    },
    (req) => new SavedViewsService(contextOf(req)).list({ counts: req.query.counts }),
  );
  app.post(
    '/case-views',
    {
      config,
      schema: {
        tags,
        summary: 'Save the current queue query (view, filters, q, sort) under a name, private or shared',
        body: SavedViewCreate,
        response: { 201: SavedView, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await new SavedViewsService(contextOf(req)).create(req.body)),
  );
  app.patch(
    '/case-views/:viewId',
    {
      config,
      schema: {
        tags,
        summary: 'Rename, share or change a saved view (its owner; an admin for a shared one)',
        params: SavedViewParams,
        body: SavedViewUpdate,
        response: { 200: SavedView, ...errors },
      },
    },
    (req) => new SavedViewsService(contextOf(req)).update(req.params.viewId, req.body),
  );
  app.delete(
    '/case-views/:viewId',
    {
      config,
      schema: {
        tags,
        summary: 'Delete a saved view (its owner; an admin for a shared one)',
        params: SavedViewParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await new SavedViewsService(contextOf(req)).delete(req.params.viewId);
      return { ok: true };
    },
  );
}
