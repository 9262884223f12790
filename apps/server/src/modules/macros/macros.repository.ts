import type { MacroActions } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';

export interface MacroRecord {
  id: string;
  name: string;
  ownerId: string | null;
  bodyZh: string;
  bodyEn: string;
  actions: MacroActions;
  createdAt: string;
  updatedAt: string;
  version: number;
}

type MacroValues = Pick<MacroRecord, 'name' | 'ownerId' | 'bodyZh' | 'bodyEn' | 'actions'>;

/** Macros: shared ones (owner null) and each agent's personal ones. */
export class MacrosRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private base() {
    return this.db.selectFrom('macros').selectAll().where('workspace_id', '=', this.workspaceId);
  }

  /** Shared macros and the user's own, by name. */
  async visibleTo(userId: string): Promise<MacroRecord[]> {
    const rows = await this.base()
      .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]))
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async find(id: string): Promise<MacroRecord | undefined> {
    const r = await this.base().where('id', '=', id).executeTakeFirst();
    return r && toRecord(r);
  }

  async insert(id: string, m: MacroValues, now: string): Promise<void> {
    await this.db
      .insertInto('macros')
      .values({
        workspace_id: this.workspaceId,
        id,
        name: m.name,
        owner_id: m.ownerId,
        body_zh: m.bodyZh,
        body_en: m.bodyEn,
        actions: JSON.stringify(m.actions),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async update(id: string, version: number, m: MacroValues, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('macros')
      .set({
        name: m.name,
        owner_id: m.ownerId,
        body_zh: m.bodyZh,
        body_en: m.bodyEn,
        actions: JSON.stringify(m.actions),
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('macros')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** The preferred language of a contact (for rendering a reply to them). */
  async contactLocale(contactId: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('contacts')
      .select('locale')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', contactId)
      .executeTakeFirst();
    return r?.locale;
  }
}

function toRecord(r: {
  id: string;
  name: string;
  owner_id: string | null;
  body_zh: string;
  body_en: string;
  actions: string;
  created_at: string;
  updated_at: string;
  version: number;
}): MacroRecord {
  return {
    id: r.id,
    name: r.name,
    ownerId: r.owner_id,
    bodyZh: r.body_zh,
    bodyEn: r.body_en,
    actions: JSON.parse(r.actions) as MacroActions,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}
