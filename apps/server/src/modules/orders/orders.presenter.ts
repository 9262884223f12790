import type { Order } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { OrderLineRecord, OrderRecord } from './orders.repository.js';

/** An order as staff see it; lists leave the lines out, the detail has them. */
export function presentOrder(
  o: OrderRecord,
  lines: OrderLineRecord[] | undefined,
  principal: Principal | null,
): Order {
  const canWrite = principal?.kind === 'staff' && principal.permissions.has('orders.write');
  return { ...o, ...(lines ? { lines } : {}), actions: canWrite ? ['update'] : [] };
}
