import type {
  CaseCharge,
  CaseSeverity,
  PaidEscalationCreate,
  PaidEscalationQuote,
} from '@aftercare/contracts';
import { CaseSeverities } from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { CasesRepository, changesOf, type CaseRecord } from '../cases/index.js';
import { applyCaseSla } from '../sla/index.js';
import { customerTierOf, entitlementOf, loadServiceSettings, moreUrgent } from '../service-settings/index.js';
import { ServiceLevelsRepository, type ChargeRecord } from './service-levels.repository.js';

function presentCharge(c: ChargeRecord): CaseCharge {
  return {
    id: c.id,
    kind: c.kind,
    fromSeverity: c.fromSeverity,
    toSeverity: c.toSeverity,
    amountCents: c.amountCents,
    currency: c.currency,
    requestedByType: c.requestedByType,
    requestedByName: c.requestedByName,
    createdAt: c.createdAt,
  };
}

/**
 * The charge a new case at `severity` costs the customer: null when the severity is within the customer's
 * entitlement (free), else the entitlement and the price of `severity` from the service settings.
 */
export async function newCaseCharge(
  db: Executor,
  ctx: ServiceContext,
  customerId: string,
  severity: CaseSeverity,
): Promise<{ entitlement: CaseSeverity; amountCents: number } | null> {
  const settings = await loadServiceSettings(db, ctx.workspace.id);
  const entitlement = entitlementOf(settings, await customerTierOf(db, ctx.workspace.id, customerId));
  if (severity === 'S4' || !moreUrgent(severity, entitlement)) return null;
  return { entitlement, amountCents: settings.paidEscalation.prices[severity] };
}

/** The severity a customer may choose without a charge: `wanted` capped to the customer's entitlement. */
export async function entitledSeverity(
  db: Executor,
  ctx: ServiceContext,
  customerId: string,
  wanted: CaseSeverity,
): Promise<CaseSeverity> {
  const charge = await newCaseCharge(db, ctx, customerId, wanted);
  return charge ? charge.entitlement : wanted;
}

/**
 * Records a paid escalation of a case from `from` to `to` inside the caller's transaction: the chargeable item
 * (case_charges, requested by the context's actor), the audit entry and the `case.paid_escalation` event. The
 * caller has already changed the severity (or created the case at `to`) and applied the SLA.
 */
export async function recordPaidEscalation(
  tx: Executor,
  ctx: ServiceContext,
  c: Pick<CaseRecord, 'id' | 'customerId'>,
  from: CaseSeverity,
  to: CaseSeverity,
  amountCents: number,
): Promise<ChargeRecord> {
  const charge: ChargeRecord = {
    id: newId(),
    caseId: c.id,
    kind: 'paid_escalation',
    fromSeverity: from,
    toSeverity: to,
    amountCents,
    currency: 'CNY',
    requestedByType: ctx.actor.type,
    requestedById: ctx.actor.id,
    requestedByName: ctx.actor.name,
    createdAt: ctx.clock.now().toISOString(),
  };
  await new ServiceLevelsRepository(tx, ctx.workspace.id).insertCharge(charge);
  await recordAudit(tx, ctx, {
    entityType: 'case',
    entityId: c.id,
    action: 'paid_escalation',
    changes: {
      severity: { from, to },
      charge: { from: null, to: { id: charge.id, amountCents, currency: 'CNY' } },
    },
  });
  await emit(tx, ctx, 'case.paid_escalation', {
    caseId: c.id,
    customerId: c.customerId,
    chargeId: charge.id,
    fromSeverity: from,
    toSeverity: to,
    amountCents,
    currency: 'CNY',
  });
  return charge;
}

/**
 * Paid escalation: a contact (portal) or an agent on their behalf raises a case above the severity the
 * customer's tier may choose itself (its entitlement, in the service settings). The price of the new severity
 * is recorded as a chargeable item (case_charges, CNY cents) and the case's SLA targets are recomputed for the
 * new severity. Without acceptCharge: 422 charge_not_accepted, nothing written. `contact` limits to the
 * contact's own cases (others are not found).
 */
export class PaidEscalationService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly contact: ContactPrincipal | null = null,
  ) {}

  private async find(db: Executor, caseId: string): Promise<CaseRecord> {
    const c = await new CasesRepository(db, this.ctx.workspace.id).find(caseId);
    const visible =
      c &&
      (!this.contact ||
        (c.customerId === this.contact.customerId &&
          (this.contact.companyWide || c.contactId === this.contact.contactId)));
    if (!c || !visible) throw new AppError('not_found');
    return c;
  }

  async quote(caseId: string): Promise<PaidEscalationQuote> {
    const db = this.ctx.database.db;
    const c = await this.find(db, caseId);
    const settings = await loadServiceSettings(db, this.ctx.workspace.id);
    const entitlement = entitlementOf(
      settings,
      await customerTierOf(db, this.ctx.workspace.id, c.customerId),
    );
    const open = c.status !== 'solved' && c.status !== 'closed';
    const options = open
      ? CaseSeverities.filter(
          (s) => s !== 'S4' && moreUrgent(s, c.severity) && moreUrgent(s, entitlement),
        ).map((s) => ({
          severity: s,
          amountCents: settings.paidEscalation.prices[s as Exclude<CaseSeverity, 'S4'>],
        }))
      : [];
    return { entitlement, current: c.severity, options, currency: 'CNY' };
  }

  async charges(caseId: string): Promise<CaseCharge[]> {
    const db = this.ctx.database.db;
    await this.find(db, caseId);
    return (await new ServiceLevelsRepository(db, this.ctx.workspace.id).charges(caseId)).map(presentCharge);
  }

  async escalate(caseId: string, input: PaidEscalationCreate): Promise<CaseCharge> {
    return inTransaction(this.ctx, async (tx) => {
      const before = await this.find(tx, caseId);
      if (before.status === 'closed') throw new AppError('case_closed');
      if (before.status === 'solved') throw invalidFields([fieldError('severity', 'invalid_value')]);
      const settings = await loadServiceSettings(tx, this.ctx.workspace.id);
      const entitlement = entitlementOf(
        settings,
        await customerTierOf(tx, this.ctx.workspace.id, before.customerId),
      );
      const to = input.severity;
      if (!moreUrgent(to, before.severity)) throw invalidFields([fieldError('severity', 'not_higher')]);
      if (!moreUrgent(to, entitlement) || to === 'S4')
        throw invalidFields([fieldError('severity', 'not_above_entitlement')]);
      const amountCents = settings.paidEscalation.prices[to];
      if (!input.acceptCharge)
        throw new AppError('charge_not_accepted', { amountCents, currency: 'CNY', entitlement });

      const repo = new CasesRepository(tx, this.ctx.workspace.id);
      const now = this.ctx.clock.now().toISOString();
      if (!(await repo.update(before.id, before.version, { ...changesOf(before), severity: to }, now)))
        throw new AppError('conflict');
      const updated = (await repo.find(before.id)) as CaseRecord;
      await repo.setNextDeadline(before.id, await applyCaseSla(tx, this.ctx, before, updated));
      const charge = await recordPaidEscalation(tx, this.ctx, before, before.severity, to, amountCents);
      return presentCharge(charge);
    });
  }
}
