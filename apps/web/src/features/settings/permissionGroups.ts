import { Permissions, type Permission } from '@aftercare/contracts';

/** Permissions grouped by their area (`customers.read` → `customers`), in the contracts' order. */
export function permissionGroups(): { area: string; permissions: Permission[] }[] {
  const groups = new Map<string, Permission[]>();
  for (const p of Permissions) {
    const area = p.split('.')[0] ?? p;
    const list = groups.get(area) ?? [];
    list.push(p);
    groups.set(area, list);
  }
  return [...groups.entries()].map(([area, permissions]) => ({ area, permissions }));
}
