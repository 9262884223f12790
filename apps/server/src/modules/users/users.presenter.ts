import type { User } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import type { UserRecord } from './users.repository.js';

export function presentUser(u: UserRecord, ctx: ServiceContext): User {
  const p = ctx.principal;
  const canManage = p?.kind === 'staff' && p.permissions.has('users.manage');
  const actions: string[] = [];
  if (canManage) {
    actions.push('update');
    if (u.status === 'invited') actions.push('resendInvite');
    if (u.status === 'active' && !(p?.kind === 'staff' && p.userId === u.id)) actions.push('disable');
    if (u.status === 'disabled') actions.push('enable');
  }
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale,
    status: u.status,
    roleIds: u.roleIds,
    departments: u.departments,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    version: u.version,
    actions,
  };
}
