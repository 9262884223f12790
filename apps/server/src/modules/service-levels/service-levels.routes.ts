import { CaseCharge, PaidEscalationCreate, PaidEscalationQuote, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access, requireContact } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { PaidEscalationService } from './paid-escalation.service.js';

const Params = Type.Object({ caseId: Uuid });
const module = 'helpdesk' as const;

/** Paid escalation and the chargeable items of a case, for staff and in the portal. */
export async function serviceLevelRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const staff = (req: FastifyRequest) => new PaidEscalationService(contextOf(req));
  const portal = (req: FastifyRequest) => new PaidEscalationService(contextOf(req), requireContact(req));
  for (const side of ['staff', 'portal'] as const) {
    const prefix = side === 'staff' ? '/cases' : '/portal/cases';
    const svc = side === 'staff' ? staff : portal;
    const tags = side === 'staff' ? ['cases'] : ['portal'];
    const read = { access: side === 'staff' ? access.staff('cases.read') : access.contact(), module };
    const write = { access: side === 'staff' ? access.staff('cases.write') : access.contact(), module };
    app.get(
      `${prefix}/:caseId/paid-escalation`,
      {
        config: read,
        schema: {
          tags,
          summary:
            'The customer’s entitlement and the severities the case may be raised to, with their price',
          params: Params,
          response: { 200: PaidEscalationQuote, ...errors },
        },
      },
      (req) => svc(req).quote(req.params.caseId),
    );
    app.post(
      `${prefix}/:caseId/paid-escalations`,
      {
        config: write,
        schema: {
          tags,
          summary:
            'Raise the severity above the entitlement as a chargeable item (acceptCharge must be true)',
          description:
            'Records a case_charges item (kind paid_escalation, CNY cents from the price list) and recomputes ' +
            'the SLA targets for the new severity. 422 charge_not_accepted without acceptCharge; 400 when the ' +
            'severity is not more urgent than the current one or within the entitlement.',
          params: Params,
          body: PaidEscalationCreate,
          response: { 201: CaseCharge, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await svc(req).escalate(req.params.caseId, req.body)),
    );
    app.get(
      `${prefix}/:caseId/charges`,
      {
        config: read,
        schema: {
          tags,
          summary: 'Chargeable items of the case (paid escalations), oldest first',
          params: Params,
          response: { 200: Type.Array(CaseCharge), ...errors },
        },
      },
      (req) => svc(req).charges(req.params.caseId),
    );
  }
}
