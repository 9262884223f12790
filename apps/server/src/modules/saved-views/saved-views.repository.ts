import type { SavedViewQuery } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { fromBool, toBool } from '../../platform/db/database.js';

export interface SavedViewRecord {
  id: string;
  ownerId: string;
  ownerName: string;
  name: string;
  shared: boolean;
  query: SavedViewQuery;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SavedViewFields {
  name: string;
  shared: boolean;
  query: SavedViewQuery;
}

export class SavedViewsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private select() {
    return this.db
      .selectFrom('saved_views')
      .innerJoin('users', (j) =>
        j
          .onRef('users.workspace_id', '=', 'saved_views.workspace_id')
          .onRef('users.id', '=', 'saved_views.owner_id'),
      )
      .select([
        'saved_views.id',
        'saved_views.owner_id',
        'users.name as owner_name',
        'saved_views.name',
        'saved_views.shared',
        'saved_views.query',
        'saved_views.created_at',
        'saved_views.updated_at',
        'saved_views.version',
      ])
      .where('saved_views.workspace_id', '=', this.workspaceId);
  }

  /** The views a user sees: their own and every shared one; own first, then by name. */
  async visibleTo(userId: string): Promise<SavedViewRecord[]> {
    const rows = await this.select()
      .where((eb) =>
        eb.or([eb('saved_views.owner_id', '=', userId), eb('saved_views.shared', '=', fromBool(true))]),
      )
      .orderBy('saved_views.name')
      .orderBy('saved_views.id')
      .execute();
    const records = rows.map(toRecord);
    return [...records.filter((r) => r.ownerId === userId), ...records.filter((r) => r.ownerId !== userId)];
  }

  async find(id: string): Promise<SavedViewRecord | undefined> {
    const row = await this.select().where('saved_views.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async nameTaken(ownerId: string, name: string, exceptId?: string): Promise<boolean> {
    let q = this.db
      .selectFrom('saved_views')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('owner_id', '=', ownerId)
      .where('name', '=', name);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insert(id: string, ownerId: string, f: SavedViewFields, now: string): Promise<void> {
    await this.db
      .insertInto('saved_views')
      .values({
        workspace_id: this.workspaceId,
        id,
        owner_id: ownerId,
        name: f.name,
        shared: fromBool(f.shared),
        query: JSON.stringify(f.query),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  /** Optimistic update: false when someone else saved first. */
  async update(id: string, version: number, f: SavedViewFields, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('saved_views')
      .set({
        name: f.name,
        shared: fromBool(f.shared),
        query: JSON.stringify(f.query),
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('saved_views')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }
}

type Row = {
  id: string;
  owner_id: string;
  owner_name: string;
  name: string;
  shared: boolean | number;
  query: string;
  created_at: string;
  updated_at: string;
  version: number;
};

function toRecord(r: Row): SavedViewRecord {
  return {
    id: r.id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    name: r.name,
    shared: toBool(r.shared),
    query: JSON.parse(r.query) as SavedViewQuery,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
