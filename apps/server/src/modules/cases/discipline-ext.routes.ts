import {
  AgreementLinkSent,
  AgreementLinkToken,
  AgreementLinkView,
  CaseDiscipline,
  CaseLinkInput,
  CaseLinkUpdate,
  CheckpointInput,
  CheckpointUpdate,
  DisciplineSettings,
  DisciplineSettingsInput,
  SummaryScheduleInput,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access, requireContact } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import {
  AgreementLinkService,
  DisciplineExtService,
  PortalDisciplineExtService,
} from './discipline-ext.service.js';

const Params = Type.Object({ caseId: Uuid });
const LinkParams = Type.Object({ caseId: Uuid, linkId: Uuid });
const CheckpointParams = Type.Object({ caseId: Uuid, checkpointId: Uuid });
const module = 'helpdesk' as const;

/**
 * Related problems, checkpoints, the status-summary schedule, the agreement's confirmation link and the
 * workspace's discipline defaults (staff).
 */
export async function disciplineExtRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const write = { access: access.staff('cases.write'), module };
  const svc = (req: Parameters<typeof contextOf>[0]) => new DisciplineExtService(contextOf(req));

  app.post(
    '/cases/:caseId/links',
    {
      config: write,
      schema: {
        tags,
        summary: 'Link a related problem: blocking (done inside this case), follow-up (after it) or separate',
        description:
          'separate opens a new case right away (same customer and contact, severity S3) linked both ways; a ' +
          'follow-up is recorded and may be opened as its own case later (PATCH openCase). Solving is refused ' +
          'while a blocking item is open.',
        params: Params,
        body: CaseLinkInput,
        response: { 201: CaseDiscipline, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc(req).addLink(req.params.caseId, req.body)),
  );
  app.patch(
    '/cases/:caseId/links/:linkId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Tick a blocking item or follow-up done (or not), or open a follow-up as its own case',
        params: LinkParams,
        body: CaseLinkUpdate,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) => svc(req).updateLink(req.params.caseId, req.params.linkId, req.body),
  );
  app.delete(
    '/cases/:caseId/links/:linkId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a related problem (a case opened for it stays)',
        params: LinkParams,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) => svc(req).deleteLink(req.params.caseId, req.params.linkId),
  );
  app.post(
    '/cases/:caseId/checkpoints',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a checkpoint agreed with the customer (reminded before, flagged when missed)',
        params: Params,
        body: CheckpointInput,
        response: { 201: CaseDiscipline, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc(req).addCheckpoint(req.params.caseId, req.body)),
  );
  app.patch(
    '/cases/:caseId/checkpoints/:checkpointId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Edit a checkpoint or tick it done (409 when version is stale)',
        params: CheckpointParams,
        body: CheckpointUpdate,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) => svc(req).updateCheckpoint(req.params.caseId, req.params.checkpointId, req.body),
  );
  app.delete(
    '/cases/:caseId/checkpoints/:checkpointId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a checkpoint',
        params: CheckpointParams,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) => svc(req).deleteCheckpoint(req.params.caseId, req.params.checkpointId),
  );
  app.put(
    '/cases/:caseId/summary-schedule',
    {
      config: write,
      schema: {
        tags,
        summary: 'Set the status-summary schedule of the case (every N service hours, none, or the default)',
        params: Params,
        body: SummaryScheduleInput,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) => svc(req).setSummarySchedule(req.params.caseId, req.body),
  );
  app.post(
    '/cases/:caseId/agreement/send',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mail the agreed outcome to the case contact with a single-use confirmation link (7 days)',
        params: Params,
        response: { 200: AgreementLinkSent, ...errors },
      },
    },
    (req) => svc(req).sendAgreementLink(req.params.caseId),
  );
  app.get(
    '/discipline/settings',
    {
      config: { access: access.staff('cases.read'), module },
      schema: {
        tags,
        summary: 'Discipline defaults: checkpoint reminder lead time, summary schedule of S1 / S2 cases',
        response: { 200: DisciplineSettings, ...errors },
      },
    },
    (req) => svc(req).settings(),
  );
  app.put(
    '/discipline/settings',
    {
      config: { access: access.staff('sla.manage'), module },
      schema: {
        tags,
        summary: 'Change the discipline defaults (409 when version is stale)',
        body: DisciplineSettingsInput,
        response: { 200: DisciplineSettings, ...errors },
      },
    },
    (req) => svc(req).saveSettings(req.body),
  );
}

/** The contact acknowledges a checkpoint; the public page of the confirmation link. */
export async function portalDisciplineExtRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/portal/cases/:caseId/checkpoints/:checkpointId/acknowledge',
    {
      config: { access: access.contact(), module },
      schema: {
        tags: ['portal'],
        summary: 'Acknowledge a checkpoint date agreed with the service team',
        params: CheckpointParams,
        response: { 200: CaseDiscipline, ...errors },
      },
    },
    (req) =>
      new PortalDisciplineExtService(contextOf(req), requireContact(req)).acknowledgeCheckpoint(
        req.params.caseId,
        req.params.checkpointId,
      ),
  );
  app.post(
    '/public/agreement-link',
    {
      config: { access: access.public() },
      schema: {
        tags: ['portal'],
        summary: 'The agreement a confirmation link is for (no sign-in; the link stays usable)',
        body: AgreementLinkToken,
        response: { 200: AgreementLinkView, ...errors },
      },
    },
    (req) => new AgreementLinkService(req.server.deps, req.locale).view(req.body.token),
  );
  app.post(
    '/public/agreement-link/confirm',
    {
      config: { access: access.public() },
      schema: {
        tags: ['portal'],
        summary:
          'Confirm the agreement by its link (single use; 400 token_invalid once used, expired or replaced)',
        body: AgreementLinkToken,
        response: { 200: AgreementLinkView, ...errors },
      },
    },
    (req) => new AgreementLinkService(req.server.deps, req.locale).confirm(req.body.token),
  );
}
