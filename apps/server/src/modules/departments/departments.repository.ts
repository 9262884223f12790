import type { DepartmentKind } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';

export interface DepartmentRecord {
  id: string;
  name: string;
  kind: DepartmentKind;
  memberCount: number;
}

export class DepartmentsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async list(): Promise<DepartmentRecord[]> {
    const rows = await this.db
      .selectFrom('departments')
      .leftJoin('department_members', (j) =>
        j
          .onRef('department_members.workspace_id', '=', 'departments.workspace_id')
          .onRef('department_members.department_id', '=', 'departments.id'),
      )
      .select([
        'departments.id',
        'departments.name',
        'departments.kind',
        (eb) => eb.fn.count<number>('department_members.user_id').as('n'),
      ])
      .where('departments.workspace_id', '=', this.workspaceId)
      .groupBy(['departments.id', 'departments.name', 'departments.kind', 'departments.created_at'])
      .orderBy('departments.created_at')
      .orderBy('departments.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as DepartmentKind,
      memberCount: Number(r.n),
    }));
  }

  async find(id: string): Promise<DepartmentRecord | undefined> {
    return (await this.list()).find((d) => d.id === id);
  }

  async insert(id: string, name: string, kind: DepartmentKind, now: string): Promise<void> {
    await this.db
      .insertInto('departments')
      .values({ workspace_id: this.workspaceId, id, name, kind, created_at: now, updated_at: now })
      .execute();
  }

  async update(id: string, name: string, kind: DepartmentKind, now: string): Promise<void> {
    await this.db
      .updateTable('departments')
      .set({ name, kind, updated_at: now })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('departments')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }
}
