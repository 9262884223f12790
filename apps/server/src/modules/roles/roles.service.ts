import type { Permission, Role } from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { RolesRepository, type RoleRecord } from './roles.repository.js';

export class RolesService {
  constructor(private readonly ctx: ServiceContext) {}

  private present(r: RoleRecord): Role {
    const canManage =
      this.ctx.principal?.kind === 'staff' && this.ctx.principal.permissions.has('users.manage');
    return {
      id: r.id,
      key: r.key,
      name: r.name,
      permissions: r.permissions,
      builtIn: r.key !== null,
      actions: canManage && r.key === null ? ['update', 'delete'] : [],
    };
  }

  async list(): Promise<Role[]> {
    return (await new RolesRepository(this.ctx.database.db, this.ctx.workspace.id).list()).map((r) =>
      this.present(r),
    );
  }

  async create(input: { name: string; permissions: Permission[] }): Promise<Role> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = new RolesRepository(tx, this.ctx.workspace.id);
      const id = newId();
      const permissions = [...new Set(input.permissions)];
      await repo.insert(id, input.name, permissions, this.ctx.clock.now().toISOString());
      const role = (await repo.find(id)) as RoleRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'role',
        entityId: id,
        action: 'created',
        after: this.present(role),
      });
      return this.present(role);
    });
  }

  async update(id: string, input: { name: string; permissions: Permission[] }): Promise<Role> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = new RolesRepository(tx, this.ctx.workspace.id);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.key !== null) throw invalidFields([fieldError('name', 'invalid_value')]);
      await repo.update(id, input.name, [...new Set(input.permissions)], this.ctx.clock.now().toISOString());
      const after = (await repo.find(id)) as RoleRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'role',
        entityId: id,
        action: 'updated',
        before: this.present(before),
        after: this.present(after),
      });
      return this.present(after);
    });
  }

  async delete(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = new RolesRepository(tx, this.ctx.workspace.id);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.key !== null || (await repo.memberCount(id)) > 0)
        throw invalidFields([fieldError('id', 'in_use')]);
      await repo.delete(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'role',
        entityId: id,
        action: 'deleted',
        before: this.present(before),
      });
    });
  }
}
