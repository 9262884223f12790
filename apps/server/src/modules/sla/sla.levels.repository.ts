import type { CasePriority } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';

/** SQL for the service-level upkeep of cases: backfill, recompute batches, priority bumps. */
export class SlaLevelsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  /** Cases the engine never applied its SLA to (opened before 0004), oldest first. */
  async unappliedCaseIds(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('sla_applied_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * What a case's service contract and asset bring to policy selection: the edition (the asset's, else the
   * contract's), the contract, whether it is in force on `today`, and the contract's calendar (null: none).
   */
  async coverage(
    contractId: string | null,
    assetId: string | null,
    today: string,
  ): Promise<{
    contractId: string | null;
    editionId: string | null;
    hasActiveContract: boolean;
    calendarId: string | null;
  }> {
    const contract = contractId
      ? await this.db
          .selectFrom('service_contracts')
          .select(['id', 'edition_id', 'calendar_id', 'starts_on', 'ends_on'])
          .where('workspace_id', '=', this.workspaceId)
          .where('id', '=', contractId)
          .executeTakeFirst()
      : undefined;
    const asset = assetId
      ? await this.db
          .selectFrom('assets')
          .select(['edition_id'])
          .where('workspace_id', '=', this.workspaceId)
          .where('id', '=', assetId)
          .executeTakeFirst()
      : undefined;
    return {
      contractId: contract?.id ?? null,
      editionId: asset?.edition_id ?? contract?.edition_id ?? null,
      hasActiveContract: Boolean(contract && contract.starts_on <= today && contract.ends_on >= today),
      calendarId: contract?.calendar_id ?? null,
    };
  }

  /** The ids among these that name no edition (or service contract) of the workspace. */
  async unknownIds(
    table: 'customers' | 'editions' | 'service_contracts',
    ids: readonly string[],
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom(table)
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  /** Not solved or closed cases served under the contract, by id after `afterId`. */
  async openCaseIdsUnderContract(
    contractId: string,
    afterId: string | null,
    limit: number,
  ): Promise<string[]> {
    let q = this.db
      .selectFrom('cases')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('contract_id', '=', contractId)
      .where('status', 'not in', ['solved', 'closed']);
    if (afterId) q = q.where('id', '>', afterId);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** Not solved or closed cases whose clocks use the policy or calendar, by id after `afterId`. */
  async openCaseIdsUsing(
    using: { policyId: string } | { calendarId: string } | { contractId: string },
    afterId: string | null,
    limit: number,
  ): Promise<string[]> {
    if ('contractId' in using) return this.openCaseIdsUnderContract(using.contractId, afterId, limit);
    let q = this.db
      .selectFrom('case_sla')
      .innerJoin('cases', (j) =>
        j
          .onRef('cases.workspace_id', '=', 'case_sla.workspace_id')
          .onRef('cases.id', '=', 'case_sla.case_id'),
      )
      .select('cases.id')
      .where('case_sla.workspace_id', '=', this.workspaceId)
      .where('cases.status', 'not in', ['solved', 'closed']);
    q =
      'policyId' in using
        ? q.where('case_sla.policy_id', '=', using.policyId)
        : q.where('case_sla.calendar_id', '=', using.calendarId);
    if (afterId) q = q.where('cases.id', '>', afterId);
    const rows = await q.orderBy('cases.id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  async priority(caseId: string): Promise<CasePriority | undefined> {
    const r = await this.db
      .selectFrom('cases')
      .select('priority')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', caseId)
      .executeTakeFirst();
    return r?.priority as CasePriority | undefined;
  }

  /** Sets the priority and bumps the case's version (an agent's stale write then gets 409). */
  async setPriority(caseId: string, priority: CasePriority, now: string): Promise<void> {
    await this.db
      .updateTable('cases')
      .set((eb) => ({ priority, updated_at: now, version: eb('version', '+', 1) }))
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', caseId)
      .execute();
  }
}
