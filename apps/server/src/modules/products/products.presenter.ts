import type { Edition, Product } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { EditionRecord, ProductRecord } from './products.repository.js';

function canWrite(principal: Principal | null): boolean {
  return principal?.kind === 'staff' && principal.permissions.has('products.write');
}

export function presentEdition(e: EditionRecord, principal: Principal | null): Edition {
  return { ...e, actions: canWrite(principal) ? ['update', 'delete'] : [] };
}

export function presentProduct(p: ProductRecord, principal: Principal | null): Product {
  return {
    ...p,
    editions: p.editions.map((e) => presentEdition(e, principal)),
    actions: canWrite(principal) ? ['update', 'delete', 'addEdition'] : [],
  };
}
