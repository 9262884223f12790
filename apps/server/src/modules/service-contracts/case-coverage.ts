import type { FieldError } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { fieldError } from '../../platform/http/errors.js';
import { workspaceToday } from '../assets/index.js';
import { ServiceContractsRepository } from './service-contracts.repository.js';

/** The service contract a case is served under and the installed product it is about. */
export interface CaseCoverage {
  contractId: string | null;
  assetId: string | null;
}

/**
 * Checks (and, on a new case, completes) a case's coverage. The contract and the asset must belong to the case's
 * customer (unknown_reference otherwise, like an id of another workspace). `contractId` undefined with
 * `pick: true` chooses the customer's contract in force today: the only one, or among several the only one
 * covering the asset's edition; none otherwise. null means "no contract".
 */
export async function resolveCaseCoverage(
  tx: Executor,
  ctx: ServiceContext,
  input: {
    customerId: string;
    contractId?: string | null | undefined;
    assetId?: string | null | undefined;
    pick: boolean;
  },
): Promise<{ coverage: CaseCoverage; errors: FieldError[] }> {
  const repo = new ServiceContractsRepository(tx, ctx.workspace.id);
  const errors: FieldError[] = [];
  let edition: string | null = null;
  const assetId = input.assetId ?? null;
  if (assetId) {
    const asset = await repo.asset(assetId);
    if (!asset || asset.customerId !== input.customerId)
      errors.push(fieldError('assetId', 'unknown_reference'));
    else edition = asset.editionId;
  }
  let contractId = input.contractId ?? null;
  if (contractId) {
    const contract = await repo.find(contractId);
    if (!contract || contract.customerId !== input.customerId)
      errors.push(fieldError('contractId', 'unknown_reference'));
  } else if (input.contractId === undefined && input.pick) {
    const active = await repo.activeOf(input.customerId, workspaceToday(ctx));
    const matching = active.length > 1 && edition ? active.filter((c) => c.editionId === edition) : active;
    contractId = matching.length === 1 ? (matching[0]?.id ?? null) : null;
  }
  return { coverage: { contractId, assetId }, errors };
}
