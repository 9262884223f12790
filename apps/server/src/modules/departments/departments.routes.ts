import { Department, DepartmentInput, Ok, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { DepartmentsService } from './departments.service.js';

const Params = Type.Object({ departmentId: Uuid });

export async function departmentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['staff'];
  app.get(
    '/departments',
    {
      config: { access: access.staff() },
      schema: {
        tags,
        summary: 'Departments (support, technical, sales, finance, logistics, R&D, field…)',
        response: { 200: Type.Array(Department), ...errors },
      },
    },
    (req) => new DepartmentsService(contextOf(req)).list(),
  );
  app.post(
    '/departments',
    {
      config: { access: access.staff('users.manage') },
      schema: { tags, body: DepartmentInput, response: { 201: Department, ...errors } },
    },
    async (req, reply) =>
      reply.status(201).send(await new DepartmentsService(contextOf(req)).create(req.body)),
  );
  app.put(
    '/departments/:departmentId',
    {
      config: { access: access.staff('users.manage') },
      schema: { tags, params: Params, body: DepartmentInput, response: { 200: Department, ...errors } },
    },
    (req) => new DepartmentsService(contextOf(req)).update(req.params.departmentId, req.body),
  );
  app.delete(
    '/departments/:departmentId',
    {
      config: { access: access.staff('users.manage') },
      schema: { tags, params: Params, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await new DepartmentsService(contextOf(req)).delete(req.params.departmentId);
      return { ok: true };
    },
  );
}
