import { Ok, Role, RoleInput, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { RolesService } from './roles.service.js';

const Params = Type.Object({ roleId: Uuid });

export async function roleRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['staff'];
  app.get(
    '/roles',
    {
      config: { access: access.staff('users.read') },
      schema: {
        tags,
        summary: 'Roles and the permissions they grant',
        response: { 200: Type.Array(Role), ...errors },
      },
    },
    (req) => new RolesService(contextOf(req)).list(),
  );
  app.post(
    '/roles',
    {
      config: { access: access.staff('users.manage') },
      schema: { tags, body: RoleInput, response: { 201: Role, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await new RolesService(contextOf(req)).create(req.body)),
  );
  app.put(
    '/roles/:roleId',
    {
      config: { access: access.staff('users.manage') },
      schema: { tags, params: Params, body: RoleInput, response: { 200: Role, ...errors } },
    },
    (req) => new RolesService(contextOf(req)).update(req.params.roleId, req.body),
  );
  app.delete(
    '/roles/:roleId',
    {
      config: { access: access.staff('users.manage') },
      schema: { tags, params: Params, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await new RolesService(contextOf(req)).delete(req.params.roleId);
      return { ok: true };
    },
  );
}
