import type { Executor } from '../../platform/db/database.js';

export interface AgreementRecord {
  id: string;
  caseId: string;
  text: string;
  proposedById: string | null;
  proposedBy: string | null;
  proposedAt: string;
  confirmedById: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  /** 1 for a case's first agreement, one more for each that replaces it. */
  version: number;
  confirmedVia: 'portal' | 'link' | null;
}

export interface SummaryRecord {
  id: string;
  caseId: string;
  problem: string;
  doneSoFar: string;
  difficulties: string;
  nextSteps: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

export interface PlanStepRecord {
  id: string;
  caseId: string;
  position: number;
  title: string;
  expectedResult: string;
  doneAt: string | null;
  doneById: string | null;
  doneBy: string | null;
}

export interface ClosingSummaryRecord {
  caseId: string;
  cause: string;
  fix: string;
  customerNotes: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

/** Everything of a case's discipline, as stored. */
export interface DisciplineRecords {
  agreement: AgreementRecord | null;
  /** Latest first. */
  summaries: SummaryRecord[];
  /** In plan order. */
  plan: PlanStepRecord[];
  closingSummary: ClosingSummaryRecord | null;
}

/** Agreement, status summaries, action plan and closing summary of cases (tables of migration 0005). */
export class DisciplineRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async load(caseId: string): Promise<DisciplineRecords> {
    const [agreement, summaries, plan, closingSummary] = await Promise.all([
      this.agreement(caseId),
      this.summaries(caseId),
      this.plan(caseId),
      this.closingSummary(caseId),
    ]);
    return { agreement, summaries, plan, closingSummary };
  }

  async agreement(caseId: string): Promise<AgreementRecord | null> {
    const r = await this.db
      .selectFrom('case_agreements')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    return r
      ? {
          id: r.id,
          caseId: r.case_id,
          text: r.text,
          proposedById: r.proposed_by_id,
          proposedBy: r.proposed_by,
          proposedAt: r.proposed_at,
          confirmedById: r.confirmed_by_id,
          confirmedBy: r.confirmed_by,
          confirmedAt: r.confirmed_at,
          version: r.version,
          confirmedVia: r.confirmed_via === 'link' ? 'link' : r.confirmed_at ? 'portal' : null,
        }
      : null;
  }

  /**
   * The case's one current agreement: a new one replaces `expectedId` (null: there was none). False when the
   * current agreement is no longer that one (another agent proposed in between).
   */
  async replaceAgreement(a: AgreementRecord, expectedId: string | null): Promise<boolean> {
    if (expectedId) {
      const r = await this.db
        .deleteFrom('case_agreements')
        .where('workspace_id', '=', this.workspaceId)
        .where('case_id', '=', a.caseId)
        .where('id', '=', expectedId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) return false;
    }
    const r = await this.db
      .insertInto('case_agreements')
      .values({
        workspace_id: this.workspaceId,
        id: a.id,
        case_id: a.caseId,
        text: a.text,
        proposed_by_id: a.proposedById,
        proposed_by: a.proposedBy,
        proposed_at: a.proposedAt,
        confirmed_by_id: a.confirmedById,
        confirmed_by: a.confirmedBy,
        confirmed_at: a.confirmedAt,
        version: a.version,
        confirmed_via: a.confirmedVia,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'case_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Confirms the agreement if it is still unconfirmed; false when it was not (a concurrent confirmation). */
  async confirmAgreement(
    id: string,
    byId: string | null,
    by: string | null,
    at: string,
    via: 'portal' | 'link' = 'portal',
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('case_agreements')
      .set({ confirmed_by_id: byId, confirmed_by: by, confirmed_at: at, confirmed_via: via })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async summaries(caseId: string): Promise<SummaryRecord[]> {
    const rows = await this.db
      .selectFrom('case_summaries')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      problem: r.problem,
      doneSoFar: r.done_so_far,
      difficulties: r.difficulties,
      nextSteps: r.next_steps,
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: r.created_at,
    }));
  }

  async insertSummary(s: SummaryRecord): Promise<void> {
    await this.db
      .insertInto('case_summaries')
      .values({
        workspace_id: this.workspaceId,
        id: s.id,
        case_id: s.caseId,
        problem: s.problem,
        done_so_far: s.doneSoFar,
        difficulties: s.difficulties,
        next_steps: s.nextSteps,
        author_id: s.authorId,
        author_name: s.authorName,
        created_at: s.createdAt,
      })
      .execute();
  }

  async plan(caseId: string): Promise<PlanStepRecord[]> {
    const rows = await this.db
      .selectFrom('case_plan_steps')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('position', 'asc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      position: r.position,
      title: r.title,
      expectedResult: r.expected_result,
      doneAt: r.done_at,
      doneById: r.done_by_id,
      doneBy: r.done_by,
    }));
  }

  /** Replaces the whole plan of a case with these steps. */
  async replacePlan(caseId: string, steps: PlanStepRecord[]): Promise<void> {
    await this.db
      .deleteFrom('case_plan_steps')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .execute();
    if (!steps.length) return;
    await this.db
      .insertInto('case_plan_steps')
      .values(
        steps.map((s) => ({
          workspace_id: this.workspaceId,
          id: s.id,
          case_id: caseId,
          position: s.position,
          title: s.title,
          expected_result: s.expectedResult,
          done_at: s.doneAt,
          done_by_id: s.doneById,
          done_by: s.doneBy,
        })),
      )
      .execute();
  }

  async setStepDone(
    caseId: string,
    stepId: string,
    done: { at: string; byId: string | null; by: string | null } | null,
  ): Promise<void> {
    await this.db
      .updateTable('case_plan_steps')
      .set({ done_at: done?.at ?? null, done_by_id: done?.byId ?? null, done_by: done?.by ?? null })
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .where('id', '=', stepId)
      .execute();
  }

  async closingSummary(caseId: string): Promise<ClosingSummaryRecord | null> {
    const r = await this.db
      .selectFrom('case_closing_summaries')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    return r
      ? {
          caseId: r.case_id,
          cause: r.cause,
          fix: r.fix,
          customerNotes: r.customer_notes,
          authorId: r.author_id,
          authorName: r.author_name,
          createdAt: r.created_at,
        }
      : null;
  }

  async replaceClosingSummary(s: ClosingSummaryRecord): Promise<void> {
    await this.db
      .deleteFrom('case_closing_summaries')
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', s.caseId)
      .execute();
    await this.db
      .insertInto('case_closing_summaries')
      .values({
        workspace_id: this.workspaceId,
        case_id: s.caseId,
        cause: s.cause,
        fix: s.fix,
        customer_notes: s.customerNotes,
        author_id: s.authorId,
        author_name: s.authorName,
        created_at: s.createdAt,
      })
      .execute();
  }
}
