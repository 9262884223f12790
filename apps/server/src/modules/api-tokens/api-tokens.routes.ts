import { ApiToken, ApiTokenCreate, ApiTokenCreated, Ok, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { ApiTokensService } from './api-tokens.service.js';

export async function apiTokenRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['api tokens'];
  app.get(
    '/api-tokens',
    {
      config: { access: access.staff('tokens.manage') },
      schema: { tags, summary: 'My API tokens', response: { 200: Type.Array(ApiToken), ...errors } },
    },
    (req) => new ApiTokensService(contextOf(req)).list(),
  );
  app.post(
    '/api-tokens',
    {
      config: { access: access.staff('tokens.manage') },
      schema: {
        tags,
        summary: 'Create a token; the secret is shown once',
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await new ApiTokensService(contextOf(req)).create(req.body)),
  );
  app.delete(
    '/api-tokens/:tokenId',
    {
      config: { access: access.staff('tokens.manage') },
      schema: {
        tags,
        summary: 'Revoke a token',
        params: Type.Object({ tokenId: Uuid }),
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await new ApiTokensService(contextOf(req)).revoke(req.params.tokenId);
      return { ok: true };
    },
  );
}
