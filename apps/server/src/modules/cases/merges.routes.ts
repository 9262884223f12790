import {
  CaseDetail,
  CaseMergeLinks,
  CaseMerge,
  CasePresence,
  CaseSplit,
  CaseSplitResult,
  PresenceUpdate,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access, requireContact } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { CaseMergesService } from './merges.service.js';

const Params = Type.Object({ caseId: Uuid });
const module = 'helpdesk' as const;

/** Merge, split, links and presence for staff. */
export async function caseMergeRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const read = { access: access.staff('cases.read'), module };
  const write = { access: access.staff('cases.write'), module };
  app.post(
    '/cases/:caseId/merge',
    {
      config: write,
      schema: {
        tags,
        summary: 'Merge this case into another case of the same customer; answers with the target case',
        description:
          'This case’s messages are copied into the target’s conversation (marked with their origin), this ' +
          'case is closed and both keep a link. Refused into itself, into a closed case or across customers ' +
          '(400 on targetCaseId), from a closed case (409 case_closed), with a stale version (409).',
        params: Params,
        body: CaseMerge,
        response: { 200: CaseDetail, ...errors },
      },
    },
    (req) => new CaseMergesService(contextOf(req)).merge(req.params.caseId, req.body),
  );
  app.post(
    '/cases/:caseId/split',
    {
      config: write,
      schema: {
        tags,
        summary: 'Make one message of this case a new case of the same customer and contact, linked back',
        params: Params,
        body: CaseSplit,
        response: { 201: CaseSplitResult, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await new CaseMergesService(contextOf(req)).split(req.params.caseId, req.body)),
  );
  app.get(
    '/cases/:caseId/merges',
    {
      config: read,
      schema: {
        tags,
        summary: 'Cases merged into or from this one, split from or to it, and messages copied by a merge',
        params: Params,
        response: { 200: CaseMergeLinks, ...errors },
      },
    },
    (req) => new CaseMergesService(contextOf(req)).links(req.params.caseId),
  );
  app.put(
    '/cases/:caseId/presence',
    {
      config: read,
      schema: {
        tags,
        summary: 'Heartbeat: I am viewing or replying to this case (left: gone); answers with the others',
        description: 'Send about every 10 s; an entry expires 30 s after its last heartbeat.',
        params: Params,
        body: PresenceUpdate,
        response: { 200: CasePresence, ...errors },
      },
    },
    (req) => new CaseMergesService(contextOf(req)).heartbeat(req.params.caseId, req.body),
  );
  app.get(
    '/cases/:caseId/presence',
    {
      config: read,
      schema: {
        tags,
        summary: 'The other staff viewing or replying to this case right now',
        params: Params,
        response: { 200: CasePresence, ...errors },
      },
    },
    (req) => new CaseMergesService(contextOf(req)).presence(req.params.caseId),
  );
}

/** Links of a case in the customer portal: only to cases the contact may see. */
export async function portalCaseMergeRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/portal/cases/:caseId/merges',
    {
      config: { access: access.contact(), module },
      schema: {
        tags: ['portal'],
        summary: 'Cases this one was merged into or from, split from or to (the contact’s own only)',
        params: Params,
        response: { 200: CaseMergeLinks, ...errors },
      },
    },
    (req) => new CaseMergesService(contextOf(req)).portalLinks(requireContact(req), req.params.caseId),
  );
}
