import {
  AgreementInput,
  CaseDiscipline,
  PlanInput,
  PlanStepTick,
  StatusSummaryInput,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access, requireContact } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { DisciplineService, PortalDisciplineService } from './discipline.service.js';

const Params = Type.Object({ caseId: Uuid });
const StepParams = Type.Object({ caseId: Uuid, stepId: Uuid });
const module = 'helpdesk' as const;

/** Case discipline for staff: the agreement, status summaries and the action plan (the helpdesk module). */
export async function disciplineRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const write = { access: access.staff('cases.write'), module };
  app.put(
    '/cases/:caseId/agreement',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Propose the agreed outcome; a new text replaces the previous one and needs a new confirmation',
        params: Params,
        body: AgreementInput,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) => new DisciplineService(contextOf(req)).proposeAgreement(req.params.caseId, req.body),
  );
  app.post(
    '/cases/:caseId/summaries',
    {
      config: write,
      schema: {
        tags,
        summary: 'Post a status summary (problem, done so far, difficulties, next steps); latest first',
        params: Params,
        body: StatusSummaryInput,
        response: { 201: CaseDiscipline, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await new DisciplineService(contextOf(req)).postSummary(req.params.caseId, req.body)),
  );
  app.put(
    '/cases/:caseId/plan',
    {
      config: write,
      schema: {
        tags,
        summary: 'Replace the action plan with these ordered steps',
        description:
          'A step sent with the id of one of the current steps keeps its done state; every other step is new.',
        params: Params,
        body: PlanInput,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) => new DisciplineService(contextOf(req)).replacePlan(req.params.caseId, req.body),
  );
}

/** Case discipline in the customer portal: confirm the agreement, tick off plan steps. */
export async function portalDisciplineRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const config = { access: access.contact(), module };
  app.post(
    '/portal/cases/:caseId/agreement/confirm',
    {
      config,
      schema: {
        tags,
        summary: 'Confirm the proposed agreement (409 when there is none waiting for confirmation)',
        params: Params,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) =>
      new PortalDisciplineService(contextOf(req), requireContact(req)).confirmAgreement(req.params.caseId),
  );
  app.post(
    '/portal/cases/:caseId/plan/:stepId',
    {
      config,
      schema: {
        tags,
        summary: 'Tick off (or untick) a step of the action plan',
        params: StepParams,
        body: PlanStepTick,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) =>
      new PortalDisciplineService(contextOf(req), requireContact(req)).tickStep(
        req.params.caseId,
        req.params.stepId,
        req.body.done,
      ),
  );
}
