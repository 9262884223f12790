import type { ServiceContract, ServiceContractState } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { ServiceContractRecord } from './service-contracts.repository.js';

/** upcoming before startsOn, active from startsOn to endsOn (both inclusive), expired after. */
export function contractState(c: { startsOn: string; endsOn: string }, today: string): ServiceContractState {
  if (today < c.startsOn) return 'upcoming';
  if (today > c.endsOn) return 'expired';
  return 'active';
}

export function presentContract(
  c: ServiceContractRecord,
  principal: Principal | null,
  today: string,
): ServiceContract {
  const canWrite = principal?.kind === 'staff' && principal.permissions.has('contracts.manage');
  return {
    id: c.id,
    number: c.number,
    customerId: c.customerId,
    customerName: c.customerName,
    name: c.name,
    editionId: c.editionId,
    editionName: c.editionName,
    productName: c.productName,
    calendarId: c.calendarId,
    calendarName: c.calendarName,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    state: contractState(c, today),
    notes: c.notes,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
    actions: canWrite ? ['update'] : [],
  };
}
