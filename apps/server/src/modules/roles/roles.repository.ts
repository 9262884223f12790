import type { Executor } from '../../platform/db/database.js';

export interface RoleRecord {
  id: string;
  key: string | null;
  name: string;
  permissions: string[];
}

export class RolesRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async list(): Promise<RoleRecord[]> {
    const rows = await this.db
      .selectFrom('roles')
      .select(['id', 'key', 'name', 'permissions'])
      .where('workspace_id', '=', this.workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, permissions: JSON.parse(r.permissions) as string[] }));
  }

  async find(id: string): Promise<RoleRecord | undefined> {
    const r = await this.db
      .selectFrom('roles')
      .select(['id', 'key', 'name', 'permissions'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && { ...r, permissions: JSON.parse(r.permissions) as string[] };
  }

  async insert(id: string, name: string, permissions: string[], now: string): Promise<void> {
    await this.db
      .insertInto('roles')
      .values({
        workspace_id: this.workspaceId,
        id,
        key: null,
        name,
        permissions: JSON.stringify(permissions),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async update(id: string, name: string, permissions: string[], now: string): Promise<void> {
    await this.db
      .updateTable('roles')
      .set({ name, permissions: JSON.stringify(permissions), updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async memberCount(id: string): Promise<number> {
    const r = await this.db
      .selectFrom('user_roles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', this.workspaceId)
      .where('role_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('roles')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }
}
