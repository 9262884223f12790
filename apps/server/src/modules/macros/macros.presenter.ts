import type { Macro } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { MacroRecord } from './macros.repository.js';

/** Shared macros are changed with macros.manage; personal ones by their owner. */
export function mayChangeMacro(m: Pick<MacroRecord, 'ownerId'>, p: Principal | null): boolean {
  if (!p || p.kind !== 'staff') return false;
  return m.ownerId === null ? p.permissions.has('macros.manage') : m.ownerId === p.userId;
}

export function presentMacro(m: MacroRecord, p: Principal | null): Macro {
  return {
    id: m.id,
    name: m.name,
    shared: m.ownerId === null,
    ownerId: m.ownerId,
    body: { 'zh-CN': m.bodyZh, en: m.bodyEn },
    actions: m.actions,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    version: m.version,
    actionsAllowed: mayChangeMacro(m, p) ? ['update', 'delete'] : [],
  };
}
