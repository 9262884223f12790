import { MyMention, MyMentionQuery, Page } from '@aftercare/contracts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { MentionsService } from './mentions.service.js';

/** @mentions of the signed-in staff member (the helpdesk module). */
export async function mentionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/me/mentions',
    {
      config: { access: access.staff('cases.read'), module: 'helpdesk' },
      schema: {
        tags: ['cases'],
        summary: 'Messages that mentioned me, with their cases, newest first',
        querystring: MyMentionQuery,
        response: { 200: Page(MyMention), ...errors },
      },
    },
    (req) => new MentionsService(contextOf(req)).mine(req.query),
  );
}
