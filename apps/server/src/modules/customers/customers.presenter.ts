import type { Customer } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { CustomerRecord } from './customers.repository.js';

export function presentCustomer(c: CustomerRecord, principal: Principal | null): Customer {
  const canWrite = principal?.kind === 'staff' && principal.permissions.has('customers.write');
  return { ...c, actions: canWrite ? ['update', 'delete', 'addContact'] : [] };
}
