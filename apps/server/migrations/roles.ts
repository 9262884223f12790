import type { Kysely } from 'kysely';

interface RoleRow {
  workspace_id: string;
  id: string;
  key: string | null;
  permissions: string;
}

/**
 * Adds permissions to the built-in roles of every existing workspace (idempotent): `added` maps a built-in
 * role key to the permissions it gains. New workspaces get them from `BuiltInRoles` in contracts. Permission
 * lists are JSON text, read and written in TypeScript because the JSON functions of the two databases differ.
 * Behaviour is frozen: migrations that shipped rely on it.
 */
export async function grantToBuiltInRoles(
  db: Kysely<unknown>,
  added: Record<string, string[]>,
): Promise<void> {
  const typed = db as unknown as Kysely<{ roles: RoleRow }>;
  const roles = await typed
    .selectFrom('roles')
    .select(['workspace_id', 'id', 'key', 'permissions'])
    .where('key', 'in', Object.keys(added))
    .execute();
  for (const role of roles) {
    const gained = added[role.key ?? ''];
    if (!gained) continue;
    const current = JSON.parse(role.permissions) as string[];
    const next = [...current, ...gained.filter((p) => !current.includes(p))];
    if (next.length === current.length) continue;
    await typed
      .updateTable('roles')
      .set({ permissions: JSON.stringify(next) })
      .where('workspace_id', '=', role.workspace_id)
      .where('id', '=', role.id)
      .execute();
  }
}
