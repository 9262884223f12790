import {
  BuiltInRoles,
  type BuiltInRoleKey,
  type DepartmentKind,
  type Locale,
  type ModuleKey,
} from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { parseModules } from '../../platform/auth/auth.repository.js';

export interface WorkspaceRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  defaultLocale: Locale;
  modules: Record<ModuleKey, boolean>;
  version: number;
}

/** The workspaces table is the tenant root: rows are reached by their own id. */
export class WorkspacesRepository {
  constructor(private readonly db: Executor) {}

  async slugTaken(slug: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return Boolean(row);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('workspaces')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(row: Omit<WorkspaceRow, 'version'>, now: string): Promise<void> {
    await this.db
      .insertInto('workspaces')
      .values({
        id: row.id,
        slug: row.slug,
        name: row.name,
        timezone: row.timezone,
        default_locale: row.defaultLocale,
        modules: JSON.stringify(row.modules),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async get(id: string): Promise<WorkspaceRow | undefined> {
    const r = await this.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
    return (
      r && {
        id: r.id,
        slug: r.slug,
        name: r.name,
        timezone: r.timezone,
        defaultLocale: r.default_locale as Locale,
        modules: parseModules(r.modules),
        version: r.version,
      }
    );
  }

  /** Optimistic update: returns false when the version moved on. */
  async update(
    id: string,
    version: number,
    patch: { name: string; timezone: string; defaultLocale: Locale; modules: Record<ModuleKey, boolean> },
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('workspaces')
      .set({
        name: patch.name,
        timezone: patch.timezone,
        default_locale: patch.defaultLocale,
        modules: JSON.stringify(patch.modules),
        updated_at: now,
        version: version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}

/** Seed rows every new workspace starts with, written with the workspace's id. */
export class WorkspaceSeedRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async insertRole(
    id: string,
    key: BuiltInRoleKey | null,
    name: string,
    permissions: string[],
    now: string,
  ): Promise<void> {
    await this.db
      .insertInto('roles')
      .values({
        workspace_id: this.workspaceId,
        id,
        key,
        name,
        permissions: JSON.stringify(permissions),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async insertDepartment(id: string, name: string, kind: DepartmentKind, now: string): Promise<void> {
    await this.db
      .insertInto('departments')
      .values({ workspace_id: this.workspaceId, id, name, kind, created_at: now, updated_at: now })
      .execute();
  }
}

export const builtInRoleKeys = Object.keys(BuiltInRoles) as BuiltInRoleKey[];
