import type { SavedView } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { SavedViewRecord } from './saved-views.repository.js';

/** Who may change a view: its owner; an admin (workspace.manage) too when it is shared. */
export function canChange(v: SavedViewRecord, principal: Principal | null): boolean {
  if (principal?.kind !== 'staff') return false;
  if (v.ownerId === principal.userId) return true;
  return v.shared && principal.permissions.has('workspace.manage');
}

export function presentSavedView(v: SavedViewRecord, principal: Principal | null, count?: number): SavedView {
  return {
    id: v.id,
    name: v.name,
    shared: v.shared,
    ownerId: v.ownerId,
    ownerName: v.ownerName,
    query: v.query,
    ...(count === undefined ? {} : { count }),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    version: v.version,
    actions: canChange(v, principal) ? ['update', 'delete'] : [],
  };
}
