import type { Contact } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { ContactRecord } from './contacts.repository.js';

export function presentContact(c: ContactRecord, principal: Principal | null): Contact {
  const canWrite = principal?.kind === 'staff' && principal.permissions.has('customers.write');
  const actions = canWrite ? ['update', 'delete', ...(c.email ? ['invitePortal'] : [])] : [];
  return { ...c, actions };
}
