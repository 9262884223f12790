import { WorkspaceSettings, WorkspaceUpdate } from '@aftercare/contracts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { WorkspaceService } from './workspaces.service.js';

export async function workspaceRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['workspace'];
  app.get(
    '/workspace',
    {
      config: { access: access.staff() },
      schema: {
        tags,
        summary: 'Workspace settings and modules',
        response: { 200: WorkspaceSettings, ...errors },
      },
    },
    (req) => new WorkspaceService(contextOf(req)).get(),
  );
  app.patch(
    '/workspace',
    {
      config: { access: access.staff('workspace.manage') },
      schema: {
        tags,
        summary: 'Change settings or switch modules on and off',
        body: WorkspaceUpdate,
        response: { 200: WorkspaceSettings, ...errors },
      },
    },
    (req) => new WorkspaceService(contextOf(req)).update(req.body),
  );
}
