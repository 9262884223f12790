import { BuiltInRoles, type BuiltInRoleKey, type Locale, type Role } from '@aftercare/contracts';

/** Built-in roles are named in the UI language; custom roles keep the name their creator gave. */
export function roleName(role: Pick<Role, 'key' | 'name'>, locale: Locale): string {
  if (role.key && role.key in BuiltInRoles) return BuiltInRoles[role.key as BuiltInRoleKey].name[locale];
  return role.name;
}
