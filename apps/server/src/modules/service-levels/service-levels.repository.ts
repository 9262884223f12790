import type { CaseSeverity } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';

export interface ChargeRecord {
  id: string;
  caseId: string;
  kind: 'paid_escalation';
  fromSeverity: CaseSeverity;
  toSeverity: CaseSeverity;
  amountCents: number;
  currency: 'CNY';
  requestedByType: string;
  requestedById: string | null;
  requestedByName: string | null;
  createdAt: string;
}

export interface ComplaintRecord {
  caseId: string;
  rootCause: string | null;
  correctiveAction: string | null;
}

/** Chargeable items and complaint records of cases. */
export class ServiceLevelsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async insertCharge(c: ChargeRecord): Promise<void> {
    await this.db
      .insertInto('case_charges')
      .values({
        workspace_id: this.workspaceId,
        id: c.id,
        case_id: c.caseId,
        kind: c.kind,
        from_severity: c.fromSeverity,
        to_severity: c.toSeverity,
        amount_cents: c.amountCents,
        currency: c.currency,
        requested_by_type: c.requestedByType,
        requested_by_id: c.requestedById,
        requested_by_name: c.requestedByName,
        created_at: c.createdAt,
      })
      .execute();
  }

  async charges(caseId: string): Promise<ChargeRecord[]> {
    const rows = await this.db
      .selectFrom('case_charges')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      kind: 'paid_escalation',
      fromSeverity: r.from_severity as CaseSeverity,
      toSeverity: r.to_severity as CaseSeverity,
      amountCents: Number(r.amount_cents),
      currency: 'CNY',
      requestedByType: r.requested_by_type,
      requestedById: r.requested_by_id,
      requestedByName: r.requested_by_name,
      createdAt: r.created_at,
    }));
  }

  async complaint(caseId: string): Promise<ComplaintRecord | undefined> {
    const r = await this.db
      .selectFrom('case_complaints')
      .select(['case_id', 'root_cause', 'corrective_action'])
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    return r && { caseId: r.case_id, rootCause: r.root_cause, correctiveAction: r.corrective_action };
  }

  async complaints(caseIds: string[]): Promise<ComplaintRecord[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('case_complaints')
      .select(['case_id', 'root_cause', 'corrective_action'])
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', 'in', caseIds)
      .execute();
    return rows.map((r) => ({
      caseId: r.case_id,
      rootCause: r.root_cause,
      correctiveAction: r.corrective_action,
    }));
  }

  async saveComplaint(c: ComplaintRecord, now: string): Promise<void> {
    const res = await this.db
      .updateTable('case_complaints')
      .set({ root_cause: c.rootCause, corrective_action: c.correctiveAction, updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('case_id', '=', c.caseId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      await this.db
        .insertInto('case_complaints')
        .values({
          workspace_id: this.workspaceId,
          case_id: c.caseId,
          root_cause: c.rootCause,
          corrective_action: c.correctiveAction,
          created_at: now,
          updated_at: now,
        })
        .execute();
  }

  /** Numbers of other complaints of the customer created in [from, to]. */
  async complaintsOfCustomer(
    customerId: string,
    exceptId: string,
    from: string,
    to: string,
  ): Promise<string[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select('number')
      .where('workspace_id', '=', this.workspaceId)
      .where('type', '=', 'complaint')
      .where('customer_id', '=', customerId)
      .where('id', '!=', exceptId)
      .where('created_at', '>=', from)
      .where('created_at', '<=', to)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.number);
  }

  /** Numbers of other complaints with the root cause, created in [from, to]. */
  async complaintsWithRootCause(
    rootCause: string,
    exceptId: string,
    from: string,
    to: string,
  ): Promise<string[]> {
    const rows = await this.db
      .selectFrom('case_complaints')
      .innerJoin('cases', (j) =>
        j
          .onRef('cases.workspace_id', '=', 'case_complaints.workspace_id')
          .onRef('cases.id', '=', 'case_complaints.case_id'),
      )
      .select('cases.number')
      .where('case_complaints.workspace_id', '=', this.workspaceId)
      .where('case_complaints.root_cause', '=', rootCause)
      .where('cases.type', '=', 'complaint')
      .where('cases.id', '!=', exceptId)
      .where('cases.created_at', '>=', from)
      .where('cases.created_at', '<=', to)
      .orderBy('cases.created_at')
      .execute();
    return rows.map((r) => r.number);
  }
}
