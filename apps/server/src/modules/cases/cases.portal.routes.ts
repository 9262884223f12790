import {
  Page,
  PortalCase,
  PortalCaseCreate,
  PortalCaseDetail,
  PortalCaseQuery,
  PortalMessageCreate,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access, requireContact } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { PortalCasesService } from './cases.portal.service.js';

const Params = Type.Object({ caseId: Uuid });

function service(req: FastifyRequest): PortalCasesService {
  return new PortalCasesService(contextOf(req), requireContact(req));
}

/** Cases in the customer portal (the helpdesk module). */
export async function portalCaseRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const config = { access: access.contact(), module: 'helpdesk' as const };
  app.get(
    '/portal/cases',
    {
      config,
      schema: {
        tags,
        summary:
          'The contact’s cases (company-wide contacts: all of the company’s), newest first; q searches number, subject and public messages (never internal notes)',
        querystring: PortalCaseQuery,
        response: { 200: Page(PortalCase), ...errors },
      },
    },
    (req) => service(req).list(req.query),
  );
  app.post(
    '/portal/cases',
    {
      config,
      schema: {
        tags,
        summary:
          'Open a case; the body is its first message. A severity above the customer’s entitlement is a paid ' +
          'escalation: 422 charge_not_accepted (details: amountCents, currency, entitlement) unless acceptCharge',
        body: PortalCaseCreate,
        response: { 201: PortalCaseDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).create(req.body)),
  );
  app.get(
    '/portal/cases/:caseId',
    {
      config,
      schema: {
        tags,
        summary: 'One case with its public messages',
        params: Params,
        response: { 200: PortalCaseDetail, ...errors },
      },
    },
    (req) => service(req).get(req.params.caseId),
  );
  app.post(
    '/portal/cases/:caseId/messages',
    {
      config,
      schema: {
        tags,
        summary: 'Reply on a case; reopens a pending case, or a solved one within 7 days (409 after)',
        params: Params,
        body: PortalMessageCreate,
        response: { 201: PortalCaseDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).reply(req.params.caseId, req.body)),
  );
}
