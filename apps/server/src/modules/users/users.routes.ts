import {
  InviteBody,
  InviteResult,
  Page,
  PageQuery,
  User,
  UserStatus,
  UserUpdate,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { UsersService } from './users.service.js';
import { UsersRepository } from './users.repository.js';

const Params = Type.Object({ userId: Uuid });
const Query = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(UserStatus),
  departmentId: Type.Optional(Uuid),
});

export async function userRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['staff'];
  app.get(
    '/users',
    {
      config: { access: access.staff('users.read') },
      schema: {
        tags,
        summary: 'Staff members',
        querystring: Query,
        response: { 200: Page(User), ...errors },
      },
    },
    (req) => new UsersService(contextOf(req)).list(req.query),
  );
  app.get(
    '/users/:userId',
    {
      config: { access: access.staff('users.read') },
      schema: { tags, params: Params, response: { 200: User, ...errors } },
    },
    (req) => new UsersService(contextOf(req)).get(req.params.userId),
  );
  app.post(
    '/users/invitations',
    {
      config: { access: access.staff('users.manage') },
      schema: {
        tags,
        summary: 'Invite a staff member by email',
        body: InviteBody,
        response: { 201: InviteResult, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await new UsersService(contextOf(req)).invite(req.body)),
  );
  app.post(
    '/users/:userId/resend-invite',
    {
      config: { access: access.staff('users.manage') },
      schema: { tags, params: Params, response: { 200: InviteResult, ...errors } },
    },
    (req) => new UsersService(contextOf(req)).resendInvite(req.params.userId),
  );
  app.patch(
    '/users/:userId',
    {
      config: { access: access.staff('users.manage') },
      schema: {
        tags,
        summary: 'Change name, roles, departments or status',
        params: Params,
        body: UserUpdate,
        response: { 200: User, ...errors },
      },
    },
    (req) => new UsersService(contextOf(req)).update(req.params.userId, req.body),
  );
  historyRoute(app, {
    path: '/users/:userId/history',
    param: 'userId',
    entityType: 'user',
    permission: 'users.read',
    tags,
    exists: (ctx, id) => new UsersRepository(ctx.database.db, ctx.workspace.id).find(id).then(Boolean),
  });
}
