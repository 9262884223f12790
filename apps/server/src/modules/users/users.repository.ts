import type { Locale } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { fromBool, toBool } from '../../platform/db/database.js';
import { containsText } from '../../platform/db/sql.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  status: 'active' | 'invited' | 'disabled';
  passwordHash: string | null;
  roleIds: string[];
  departments: Array<{ departmentId: string; name: string; kind: string; lead: boolean }>;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface UserListQuery {
  q?: string | undefined;
  status?: string | undefined;
  departmentId?: string | undefined;
  page: number;
  pageSize: number;
}

export class UsersRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async insert(row: {
    id: string;
    email: string;
    name: string;
    passwordHash: string | null;
    locale: Locale;
    status: string;
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        workspace_id: this.workspaceId,
        id: row.id,
        email: row.email,
        name: row.name,
        password_hash: row.passwordHash,
        locale: row.locale,
        status: row.status,
        last_login_at: null,
        created_at: row.now,
        updated_at: row.now,
        version: 1,
      })
      .execute();
  }

  async emailTaken(email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('email', '=', email)
      .executeTakeFirst();
    return Boolean(row);
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? this.find(row.id) : undefined;
  }

  async find(id: string): Promise<UserRecord | undefined> {
    const [user] = await this.hydrate(
      await this.db
        .selectFrom('users')
        .selectAll()
        .where('workspace_id', '=', this.workspaceId)
        .where('id', '=', id)
        .execute(),
    );
    return user;
  }

  async list(query: UserListQuery): Promise<{ items: UserRecord[]; total: number }> {
    let base = this.db.selectFrom('users').where('users.workspace_id', '=', this.workspaceId);
    if (query.q)
      base = base.where((eb) =>
        eb.or([
          containsText(eb, 'users.name', query.q as string),
          containsText(eb, 'users.email', query.q as string),
        ]),
      );
    if (query.status) base = base.where('users.status', '=', query.status);
    if (query.departmentId) {
      const dep = query.departmentId;
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('department_members')
            .select('department_members.user_id')
            .whereRef('department_members.workspace_id', '=', 'users.workspace_id')
            .whereRef('department_members.user_id', '=', 'users.id')
            .where('department_members.department_id', '=', dep),
        ),
      );
    }
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll('users')
      .orderBy('users.name')
      .orderBy('users.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: await this.hydrate(rows), total: Number(total.n) };
  }

  private async hydrate(
    rows: Array<{
      id: string;
      email: string;
      name: string;
      locale: string;
      status: string;
      password_hash: string | null;
      last_login_at: string | null;
      created_at: string;
      updated_at: string;
      version: number;
    }>,
  ): Promise<UserRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const roles = await this.db
      .selectFrom('user_roles')
      .select(['user_id', 'role_id'])
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', 'in', ids)
      .execute();
    const deps = await this.db
      .selectFrom('department_members')
      .innerJoin('departments', (j) =>
        j
          .onRef('departments.workspace_id', '=', 'department_members.workspace_id')
          .onRef('departments.id', '=', 'department_members.department_id'),
      )
      .select([
        'department_members.user_id',
        'department_members.department_id',
        'department_members.lead',
        'departments.name',
        'departments.kind',
      ])
      .where('department_members.workspace_id', '=', this.workspaceId)
      .where('department_members.user_id', 'in', ids)
      .orderBy('departments.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      locale: r.locale as Locale,
      status: r.status as UserRecord['status'],
      passwordHash: r.password_hash,
      roleIds: roles.filter((x) => x.user_id === r.id).map((x) => x.role_id),
      departments: deps
        .filter((d) => d.user_id === r.id)
        .map((d) => ({ departmentId: d.department_id, name: d.name, kind: d.kind, lead: toBool(d.lead) })),
      lastLoginAt: r.last_login_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }));
  }

  async update(
    id: string,
    version: number,
    patch: { name?: string; status?: string; locale?: Locale; passwordHash?: string; lastLoginAt?: string },
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('users')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
        ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Sign-in bookkeeping; not a change to the record, so it does not bump the version. */
  async markLogin(id: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ last_login_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async setRoles(userId: string, roleIds: string[]): Promise<void> {
    await this.db
      .deleteFrom('user_roles')
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .execute();
    if (roleIds.length) {
      await this.db
        .insertInto('user_roles')
        .values(
          roleIds.map((roleId) => ({ workspace_id: this.workspaceId, user_id: userId, role_id: roleId })),
        )
        .execute();
    }
  }

  async setDepartments(
    userId: string,
    memberships: Array<{ departmentId: string; lead: boolean }>,
  ): Promise<void> {
    await this.db
      .deleteFrom('department_members')
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .execute();
    if (memberships.length) {
      await this.db
        .insertInto('department_members')
        .values(
          memberships.map((m) => ({
            workspace_id: this.workspaceId,
            user_id: userId,
            department_id: m.departmentId,
            lead: fromBool(m.lead),
          })),
        )
        .execute();
    }
  }

  async existingRoleIds(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.db
      .selectFrom('roles')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async existingDepartmentIds(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.db
      .selectFrom('departments')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Active users holding workspace.manage through any role. */
  async activeAdminIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('users')
      .innerJoin('user_roles', (j) =>
        j
          .onRef('user_roles.workspace_id', '=', 'users.workspace_id')
          .onRef('user_roles.user_id', '=', 'users.id'),
      )
      .innerJoin('roles', (j) =>
        j
          .onRef('roles.workspace_id', '=', 'user_roles.workspace_id')
          .onRef('roles.id', '=', 'user_roles.role_id'),
      )
      .select(['users.id', 'roles.permissions'])
      .where('users.workspace_id', '=', this.workspaceId)
      .where('users.status', '=', 'active')
      .execute();
    return [
      ...new Set(
        rows
          .filter((r) => (JSON.parse(r.permissions) as string[]).includes('workspace.manage'))
          .map((r) => r.id),
      ),
    ];
  }
}
