import type { Department, DepartmentKind } from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { DepartmentsRepository, type DepartmentRecord } from './departments.repository.js';

export class DepartmentsService {
  constructor(private readonly ctx: ServiceContext) {}

  private present(d: DepartmentRecord): Department {
    const canManage =
      this.ctx.principal?.kind === 'staff' && this.ctx.principal.permissions.has('users.manage');
    return { ...d, actions: canManage ? (d.memberCount === 0 ? ['update', 'delete'] : ['update']) : [] };
  }

  async list(): Promise<Department[]> {
    return (await new DepartmentsRepository(this.ctx.database.db, this.ctx.workspace.id).list()).map((d) =>
      this.present(d),
    );
  }

  async create(input: { name: string; kind: DepartmentKind }): Promise<Department> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = new DepartmentsRepository(tx, this.ctx.workspace.id);
      const id = newId();
      await repo.insert(id, input.name, input.kind, this.ctx.clock.now().toISOString());
      const created = (await repo.find(id)) as DepartmentRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'department',
        entityId: id,
        action: 'created',
        after: this.present(created),
      });
      return this.present(created);
    });
  }

  async update(id: string, input: { name: string; kind: DepartmentKind }): Promise<Department> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = new DepartmentsRepository(tx, this.ctx.workspace.id);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      await repo.update(id, input.name, input.kind, this.ctx.clock.now().toISOString());
      const after = (await repo.find(id)) as DepartmentRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'department',
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
      const repo = new DepartmentsRepository(tx, this.ctx.workspace.id);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.memberCount > 0) throw invalidFields([fieldError('id', 'in_use')]);
      await repo.delete(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'department',
        entityId: id,
        action: 'deleted',
        before: this.present(before),
      });
    });
  }
}
