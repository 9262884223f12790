import {
  BuiltInRoles,
  ModuleKeys,
  type DepartmentKind,
  type Locale,
  type ModuleKey,
} from '@aftercare/contracts';
import type { Deps, ServiceContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import {
  builtInRoleKeys,
  WorkspaceSeedRepository,
  WorkspacesRepository,
  type WorkspaceRow,
} from './workspaces.repository.js';
import { createUserInTx } from '../users/index.js';
import { seedServiceLevels } from '../sla/index.js';

const DEFAULT_DEPARTMENTS: Record<Locale, Array<[string, DepartmentKind]>> = {
  'zh-CN': [
    ['客服部', 'support'],
    ['技术部', 'technical'],
    ['销售部', 'sales'],
    ['财务部', 'finance'],
    ['物流部', 'logistics'],
    ['研发部', 'rd'],
    ['外勤服务部', 'field'],
  ],
  en: [
    ['Support', 'support'],
    ['Technical', 'technical'],
    ['Sales', 'sales'],
    ['Finance', 'finance'],
    ['Logistics', 'logistics'],
    ['R&D', 'rd'],
    ['Field service', 'field'],
  ],
};

export interface NewWorkspace {
  companyName: string;
  slug: string;
  timezone?: string;
  locale?: Locale;
  admin: { name: string; email: string; password: string };
}

export interface CreatedWorkspace {
  workspaceId: string;
  adminId: string;
  roleIds: Record<string, string>;
  departmentIds: Record<DepartmentKind, string>;
}

/** A new workspace with its built-in roles, departments, modules and first administrator, in one transaction. */
export async function createWorkspace(deps: Deps, input: NewWorkspace): Promise<CreatedWorkspace> {
  const locale = input.locale ?? 'zh-CN';
  return inTransaction(deps, async (tx) => {
    const workspaces = new WorkspacesRepository(tx);
    if (await workspaces.slugTaken(input.slug)) throw invalidFields([fieldError('slug', 'duplicate')]);
    const now = deps.clock.now().toISOString();
    const workspaceId = newId();
    const modules = Object.fromEntries(ModuleKeys.map((k) => [k, true])) as Record<ModuleKey, boolean>;
    await workspaces.insert(
      {
        id: workspaceId,
        slug: input.slug,
        name: input.companyName,
        timezone: input.timezone ?? 'Asia/Shanghai',
        defaultLocale: locale,
        modules,
      },
      now,
    );
    const seed = new WorkspaceSeedRepository(tx, workspaceId);
    const roleIds: Record<string, string> = {};
    for (const key of builtInRoleKeys) {
      roleIds[key] = newId();
      await seed.insertRole(
        roleIds[key],
        key,
        BuiltInRoles[key].name[locale],
        BuiltInRoles[key].permissions,
        now,
      );
    }
    const departmentIds = {} as Record<DepartmentKind, string>;
    for (const [name, kind] of DEFAULT_DEPARTMENTS[locale]) {
      departmentIds[kind] = newId();
      await seed.insertDepartment(departmentIds[kind], name, kind, now);
    }
    await seedServiceLevels(tx, workspaceId, locale, input.timezone ?? 'Asia/Shanghai', now);
    const adminId = await createUserInTx(tx, deps, workspaceId, {
      email: input.admin.email,
      name: input.admin.name,
      password: input.admin.password,
      locale,
      status: 'active',
      roleIds: [roleIds.admin as string],
      departments: [],
    });
    return { workspaceId, adminId, roleIds, departmentIds };
  });
}

export class WorkspaceService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(): Promise<WorkspaceRow> {
    const row = await new WorkspacesRepository(this.ctx.database.db).get(this.ctx.workspace.id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  async update(patch: {
    name?: string;
    timezone?: string;
    defaultLocale?: Locale;
    modules?: Partial<Record<ModuleKey, boolean>>;
    version: number;
  }): Promise<WorkspaceRow> {
    if (patch.timezone && !isTimeZone(patch.timezone))
      throw invalidFields([fieldError('timezone', 'invalid_value')]);
    return inTransaction(this.ctx, async (tx: Tx) => {
      const repo = new WorkspacesRepository(tx);
      const before = await repo.get(this.ctx.workspace.id);
      if (!before) throw new AppError('not_found');
      if (before.version !== patch.version) throw new AppError('conflict');
      const next = {
        name: patch.name ?? before.name,
        timezone: patch.timezone ?? before.timezone,
        defaultLocale: patch.defaultLocale ?? before.defaultLocale,
        modules: { ...before.modules, ...patch.modules },
      };
      if (!(await repo.update(before.id, before.version, next, this.ctx.clock.now().toISOString())))
        throw new AppError('conflict');
      const after = (await repo.get(before.id)) as WorkspaceRow;
      await recordAudit(tx, this.ctx, {
        entityType: 'workspace',
        entityId: before.id,
        action: 'updated',
        before,
        after,
      });
      return after;
    });
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
