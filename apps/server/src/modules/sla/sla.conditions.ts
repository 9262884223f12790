import type { FieldError, PolicyConditions } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { fieldError } from '../../platform/http/errors.js';
import { SlaLevelsRepository } from './sla.levels.repository.js';

/** Field errors for policy conditions that name customers, editions or service contracts the workspace does not have. */
export async function conditionErrors(
  tx: Executor,
  workspaceId: string,
  conditions: PolicyConditions | undefined,
): Promise<FieldError[]> {
  if (!conditions) return [];
  const repo = new SlaLevelsRepository(tx, workspaceId);
  const errs: FieldError[] = [];
  if ((await repo.unknownIds('customers', conditions.customerIds ?? [])).length)
    errs.push(fieldError('conditions/customerIds', 'unknown_reference'));
  if ((await repo.unknownIds('editions', conditions.editionIds ?? [])).length)
    errs.push(fieldError('conditions/editionIds', 'unknown_reference'));
  if ((await repo.unknownIds('service_contracts', conditions.contractIds ?? [])).length)
    errs.push(fieldError('conditions/contractIds', 'unknown_reference'));
  return errs;
}
