import type { AgreementInput, CaseDiscipline, PlanInput, StatusSummaryInput } from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { CasesRepository, type CaseRecord } from './cases.repository.js';
import { loadDiscipline } from './discipline-ext.view.js';
import { DisciplineExtRepository } from './discipline-ext.repository.js';
import { contactSees } from './cases.portal.service.js';
import { syncPlanAttachmentsInTx, withPlanAttachments } from '../attachments/index.js';
import { DisciplineRepository, type AgreementRecord, type PlanStepRecord } from './discipline.repository.js';

function agreementAudited(a: AgreementRecord | null): Record<string, unknown> | null {
  return (
    a && {
      id: a.id,
      text: a.text,
      proposedBy: a.proposedBy,
      proposedAt: a.proposedAt,
      confirmedBy: a.confirmedBy,
      confirmedAt: a.confirmedAt,
    }
  );
}

function planAudited(plan: PlanStepRecord[]): Array<Record<string, unknown>> {
  return plan.map((s) => ({ id: s.id, title: s.title, expectedResult: s.expectedResult, done: !!s.doneAt }));
}

async function load(
  db: Executor,
  ctx: ServiceContext,
  caseId: string,
  contact: ContactPrincipal | null = null,
): Promise<CaseDiscipline> {
  const c = await new CasesRepository(db, ctx.workspace.id).find(caseId);
  if (!c) throw new AppError('not_found');
  return withPlanAttachments(db, ctx, caseId, await loadDiscipline(db, ctx, c, contact));
}

/**
 * The discipline of a case as staff keep it: the agreement they propose, status summaries and the action plan.
 * The closing summary is written with the status change that solves the case (CasesService.update).
 */
export class DisciplineService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The case, open for discipline writes: 404 when unknown, 409 case_closed once closed. */
  private async writable(tx: Executor, caseId: string): Promise<CaseRecord> {
    const c = await new CasesRepository(tx, this.ctx.workspace.id).find(caseId);
    if (!c) throw new AppError('not_found');
    if (c.status === 'closed') throw new AppError('case_closed');
    return c;
  }

  /** Proposes the agreement; a new text replaces the previous one and needs a new confirmation. */
  async proposeAgreement(caseId: string, input: AgreementInput): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineRepository(tx, this.ctx.workspace.id);
      const before = await repo.agreement(caseId);
      if ((before?.version ?? 0) !== input.version) throw new AppError('conflict');
      const after: AgreementRecord = {
        id: newId(),
        caseId,
        text: input.text.trim(),
        proposedById: this.ctx.actor.id,
        proposedBy: this.ctx.actor.name,
        proposedAt: this.ctx.clock.now().toISOString(),
        confirmedById: null,
        confirmedBy: null,
        confirmedAt: null,
        version: (before?.version ?? 0) + 1,
        confirmedVia: null,
      };
      if (!(await repo.replaceAgreement(after, before?.id ?? null))) throw new AppError('conflict');
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'agreement_proposed',
        changes: { agreement: { from: agreementAudited(before), to: agreementAudited(after) } },
      });
      await emit(tx, this.ctx, 'case.agreement_proposed', {
        caseId,
        customerId: c.customerId,
        agreementId: after.id,
        ...(before ? { replacedAgreementId: before.id } : {}),
      });
      return load(tx, this.ctx, caseId);
    });
  }

  async postSummary(caseId: string, input: StatusSummaryInput): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const summary = {
        id: newId(),
        caseId,
        problem: input.problem.trim(),
        doneSoFar: input.doneSoFar.trim(),
        difficulties: input.difficulties.trim(),
        nextSteps: input.nextSteps.trim(),
        authorId: this.ctx.actor.id,
        authorName: this.ctx.actor.name,
        createdAt: this.ctx.clock.now().toISOString(),
      };
      await new DisciplineRepository(tx, this.ctx.workspace.id).insertSummary(summary);
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'summary_posted',
        changes: {
          summary: {
            from: null,
            to: {
              id: summary.id,
              problem: summary.problem,
              doneSoFar: summary.doneSoFar,
              difficulties: summary.difficulties,
              nextSteps: summary.nextSteps,
            },
          },
        },
      });
      await emit(tx, this.ctx, 'case.summary_posted', {
        caseId,
        customerId: c.customerId,
        summaryId: summary.id,
      });
      return load(tx, this.ctx, caseId);
    });
  }

  /**
   * Replaces the ordered steps. A step sent with the id of one of the case's current steps keeps its done
   * state; any other step (no id, an unknown id or a repeated one) is new and not done.
   */
  async replacePlan(caseId: string, input: PlanInput): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineRepository(tx, this.ctx.workspace.id);
      if (
        !(await new DisciplineExtRepository(tx, this.ctx.workspace.id).bumpPlanVersion(caseId, input.version))
      )
        throw new AppError('conflict');
      const before = await repo.plan(caseId);
      const current = new Map(before.map((s) => [s.id, s]));
      const used = new Set<string>();
      const steps: PlanStepRecord[] = input.steps.map((s, i) => {
        const kept = s.id && !used.has(s.id) ? current.get(s.id) : undefined;
        if (kept) used.add(kept.id);
        return {
          id: kept?.id ?? newId(),
          caseId,
          position: i + 1,
          title: s.title.trim(),
          expectedResult: s.expectedResult.trim(),
          doneAt: kept?.doneAt ?? null,
          doneById: kept?.doneById ?? null,
          doneBy: kept?.doneBy ?? null,
        };
      });
      await repo.replacePlan(caseId, steps);
      await syncPlanAttachmentsInTx(
        tx,
        this.ctx,
        caseId,
        steps.map((s, i) => ({ id: s.id, attachmentIds: input.steps[i]?.attachmentIds })),
      );
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'plan_updated',
        changes: { plan: { from: planAudited(before), to: planAudited(steps) } },
      });
      await emit(tx, this.ctx, 'case.plan_updated', {
        caseId,
        customerId: c.customerId,
        steps: steps.length,
      });
      return load(tx, this.ctx, caseId);
    });
  }
}

/**
 * The discipline as the customer's contact takes part in it: confirming the agreement and ticking off plan
 * steps, on cases the contact can see (404 otherwise).
 */
export class PortalDisciplineService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly contact: ContactPrincipal,
  ) {}

  private async writable(tx: Executor, caseId: string): Promise<CaseRecord> {
    const c = await new CasesRepository(tx, this.ctx.workspace.id).find(caseId);
    if (!contactSees(this.contact, c)) throw new AppError('not_found');
    if (c.status === 'closed') throw new AppError('case_closed');
    return c;
  }

  /** Confirms the current agreement; 409 conflict when there is none waiting for confirmation. */
  async confirmAgreement(caseId: string): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineRepository(tx, this.ctx.workspace.id);
      const before = await repo.agreement(caseId);
      if (!before || before.confirmedAt) throw new AppError('conflict');
      const at = this.ctx.clock.now().toISOString();
      if (!(await repo.confirmAgreement(before.id, this.contact.contactId, this.ctx.actor.name, at)))
        throw new AppError('conflict');
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'agreement_confirmed',
        changes: {
          agreement: {
            from: agreementAudited(before),
            to: agreementAudited(await repo.agreement(caseId)),
          },
        },
      });
      await emit(tx, this.ctx, 'case.agreement_confirmed', {
        caseId,
        customerId: c.customerId,
        agreementId: before.id,
        contactId: this.contact.contactId,
      });
      return load(tx, this.ctx, caseId, this.contact);
    });
  }

  /** Ticks (or unticks) a step of the plan; doneBy is the contact's name. */
  async tickStep(caseId: string, stepId: string, done: boolean): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineRepository(tx, this.ctx.workspace.id);
      const step = (await repo.plan(caseId)).find((s) => s.id === stepId);
      if (!step) throw new AppError('not_found');
      if (Boolean(step.doneAt) === done) return load(tx, this.ctx, caseId, this.contact);
      const at = this.ctx.clock.now().toISOString();
      await repo.setStepDone(
        caseId,
        stepId,
        done ? { at, byId: this.contact.contactId, by: this.ctx.actor.name } : null,
      );
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: done ? 'plan_step_done' : 'plan_step_undone',
        changes: {
          planStep: {
            from: { id: step.id, title: step.title, doneAt: step.doneAt, doneBy: step.doneBy },
            to: {
              id: step.id,
              title: step.title,
              doneAt: done ? at : null,
              doneBy: done ? this.ctx.actor.name : null,
            },
          },
        },
      });
      await emit(tx, this.ctx, done ? 'case.plan_step_done' : 'case.plan_step_undone', {
        caseId,
        customerId: c.customerId,
        stepId,
        contactId: this.contact.contactId,
      });
      return load(tx, this.ctx, caseId, this.contact);
    });
  }
}
