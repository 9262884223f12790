import {
  CasePage,
  CaseCounts,
  CaseCreate,
  CaseDetail,
  CaseMessage,
  CaseQuery,
  CaseUpdate,
  MessageCreate,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { CasesService } from './cases.service.js';

const Params = Type.Object({ caseId: Uuid });
const module = 'helpdesk' as const;

/** Support cases for staff (the helpdesk module). */
export async function caseRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const read = { access: access.staff('cases.read'), module };
  const write = { access: access.staff('cases.write'), module };
  app.get(
    '/cases',
    {
      config: read,
      schema: {
        tags,
        summary: 'The case queue: views, filters, search (number, subject, customer, message text)',
        description:
          'Default order is SLA risk: the nearest next deadline first, cases without one last, then oldest ' +
          'first. view: all, mine (assigned to me, not solved/closed), unassigned (not solved/closed), waiting ' +
          '(pending), open (not solved/closed). Filters: status, severity, type, channel (lists), customerId, ' +
          'assigneeId, createdFrom/createdTo, slaState (ok, warning, breached, paused). q: full-text search, ' +
          'every word (jieba-segmented) must match; hits come newest first and total counts at most 1000.',
        querystring: CaseQuery,
        response: { 200: CasePage, ...errors },
      },
    },
    (req) => new CasesService(contextOf(req)).list(req.query),
  );
  app.get(
    '/cases/counts',
    {
      config: read,
      schema: {
        tags,
        summary: 'How many cases each queue view holds',
        response: { 200: CaseCounts, ...errors },
      },
    },
    (req) => new CasesService(contextOf(req)).counts(),
  );
  app.post(
    '/cases',
    {
      config: write,
      schema: {
        tags,
        summary: 'Open a case for a customer (phone, visit, email or API); the body is its first message',
        body: CaseCreate,
        response: { 201: CaseDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await new CasesService(contextOf(req)).create(req.body)),
  );
  app.get(
    '/cases/:caseId',
    {
      config: read,
      schema: {
        tags,
        summary: 'One case with its whole conversation, internal notes included',
        params: Params,
        response: { 200: CaseDetail, ...errors },
      },
    },
    (req) => new CasesService(contextOf(req)).get(req.params.caseId),
  );
  app.patch(
    '/cases/:caseId',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Change subject, type, severity, status or assignee; send the version you read (409 when stale)',
        description:
          'Status: any case that is not closed can move to open, pending, on_hold (pauseReason required) or ' +
          'solved; a solved case can be closed or reopened; closed is final (409 case_closed).',
        params: Params,
        body: CaseUpdate,
        response: { 200: CaseDetail, ...errors },
      },
    },
    (req) => new CasesService(contextOf(req)).update(req.params.caseId, req.body),
  );
  app.post(
    '/cases/:caseId/messages',
    {
      config: write,
      schema: {
        tags,
        summary: 'Reply to the customer (public) or add an internal note',
        description:
          'HTML is sanitised (basic formatting and http/https/mailto links only); plain text is escaped. ' +
          'The first public reply opens a new case.',
        params: Params,
        body: MessageCreate,
        response: { 201: CaseMessage, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await new CasesService(contextOf(req)).addMessage(req.params.caseId, req.body)),
  );
  historyRoute(app, {
    path: '/cases/:caseId/history',
    param: 'caseId',
    entityType: 'case',
    permission: 'cases.read',
    tags,
    module,
    exists: (ctx, id) => new CasesService(ctx).exists(id),
  });
}
