import {
  Edition,
  EditionInput,
  EditionUpdate,
  Ok,
  Page,
  Product,
  ProductCreate,
  ProductQuery,
  ProductUpdate,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { ProductsService } from './products.service.js';

const Params = Type.Object({ productId: Uuid });
const EditionParams = Type.Object({ productId: Uuid, editionId: Uuid });

export async function productRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['products'];
  app.get(
    '/products',
    {
      config: { access: access.staff('products.read') },
      schema: {
        tags,
        summary: 'Products with their editions: search (SKU, name, category), filter, sort, page',
        querystring: ProductQuery,
        response: { 200: Page(Product), ...errors },
      },
    },
    (req) => new ProductsService(contextOf(req)).list(req.query),
  );
  app.post(
    '/products',
    {
      config: { access: access.staff('products.write') },
      schema: {
        tags,
        summary: 'Create a product, optionally with its editions',
        body: ProductCreate,
        response: { 201: Product, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await new ProductsService(contextOf(req)).create(req.body)),
  );
  app.get(
    '/products/:productId',
    {
      config: { access: access.staff('products.read') },
      schema: { tags, params: Params, response: { 200: Product, ...errors } },
    },
    (req) => new ProductsService(contextOf(req)).get(req.params.productId),
  );
  app.patch(
    '/products/:productId',
    {
      config: { access: access.staff('products.write') },
      schema: {
        tags,
        summary: 'Update; send the version you read (409 when stale)',
        params: Params,
        body: ProductUpdate,
        response: { 200: Product, ...errors },
      },
    },
    (req) => new ProductsService(contextOf(req)).update(req.params.productId, req.body),
  );
  app.delete(
    '/products/:productId',
    {
      config: { access: access.staff('products.write') },
      schema: {
        tags,
        summary: 'Delete; refused (field error in_use) while orders or assets refer to it',
        params: Params,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await new ProductsService(contextOf(req)).delete(req.params.productId);
      return { ok: true };
    },
  );
  app.post(
    '/products/:productId/editions',
    {
      config: { access: access.staff('products.write') },
      schema: { tags, params: Params, body: EditionInput, response: { 201: Edition, ...errors } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await new ProductsService(contextOf(req)).addEdition(req.params.productId, req.body)),
  );
  app.patch(
    '/products/:productId/editions/:editionId',
    {
      config: { access: access.staff('products.write') },
      schema: {
        tags,
        summary: 'Update an edition; send the version you read (409 when stale)',
        params: EditionParams,
        body: EditionUpdate,
        response: { 200: Edition, ...errors },
      },
    },
    (req) =>
      new ProductsService(contextOf(req)).updateEdition(req.params.productId, req.params.editionId, req.body),
  );
  app.delete(
    '/products/:productId/editions/:editionId',
    {
      config: { access: access.staff('products.write') },
      schema: {
        tags,
        summary: 'Delete an edition; refused (field error in_use) while orders or assets refer to it',
        params: EditionParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await new ProductsService(contextOf(req)).deleteEdition(req.params.productId, req.params.editionId);
      return { ok: true };
    },
  );
  historyRoute(app, {
    path: '/products/:productId/history',
    param: 'productId',
    entityType: 'product',
    permission: 'products.read',
    tags,
    exists: (ctx, id) => new ProductsService(ctx).exists(id),
  });
}
