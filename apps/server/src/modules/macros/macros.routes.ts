import {
  CaseMacroParams,
  Macro,
  MacroApplied,
  MacroApply,
  MacroCreate,
  MacroParams,
  MacroUpdate,
  Ok,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { MacrosService } from './macros.service.js';

const module = 'helpdesk' as const;

/** Macros and canned replies. */
export async function macroRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['macros'];
  const read = { access: access.staff('cases.read'), module };
  const write = { access: access.staff('cases.write'), module };
  app.get(
    '/macros',
    {
      config: read,
      schema: {
        tags,
        summary: 'Shared macros and my own',
        response: { 200: Type.Array(Macro), ...errors },
      },
    },
    (req) => new MacrosService(contextOf(req)).list(),
  );
  app.post(
    '/macros',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a macro (shared ones need macros.manage)',
        description:
          'Bodies (zh-CN and en) may use {{customer.name}}, {{contact.name}}, {{case.number}}, {{case.subject}}, ' +
          '{{agent.name}}, {{commitment.answerBy}}; anything else is refused (unknown_variable, macro_syntax).',
        body: MacroCreate,
        response: { 201: Macro, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await new MacrosService(contextOf(req)).create(req.body)),
  );
  app.patch(
    '/macros/:macroId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a macro; send the version you read (409 when stale)',
        params: MacroParams,
        body: MacroUpdate,
        response: { 200: Macro, ...errors },
      },
    },
    (req) => new MacrosService(contextOf(req)).update(req.params.macroId, req.body),
  );
  app.delete(
    '/macros/:macroId',
    {
      config: write,
      schema: { tags, summary: 'Delete a macro', params: MacroParams, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await new MacrosService(contextOf(req)).delete(req.params.macroId);
      return { ok: true };
    },
  );
  app.post(
    '/cases/:caseId/macros/:macroId/apply',
    {
      config: write,
      schema: {
        tags,
        summary: 'Render a macro for a case (contact’s language, else mine); optionally apply its actions',
        description:
          'The reply is returned, not sent: it fills the reply editor. With applyActions the status, severity ' +
          'and assignee actions are applied to the case at the version sent (409 when stale).',
        params: CaseMacroParams,
        body: MacroApply,
        response: { 200: MacroApplied, ...errors },
      },
    },
    (req) => new MacrosService(contextOf(req)).apply(req.params.caseId, req.params.macroId, req.body),
  );
}
