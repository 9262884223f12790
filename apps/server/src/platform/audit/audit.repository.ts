import type { Executor } from '../db/database.js';

export interface AuditRow {
  id: string;
  at: string;
  entityType: string;
  entityId: string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  requestId: string | null;
}

/** Append-only: this repository can insert and read, nothing else (and the database refuses updates). */
export class AuditRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async insert(row: AuditRow): Promise<void> {
    await this.insertMany([row]);
  }

  /** Inserts in chunks, well under both databases' limits on bound parameters. */
  async insertMany(rows: AuditRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('audit_log')
        .values(
          rows.slice(i, i + 500).map((row) => ({
            workspace_id: this.workspaceId,
            id: row.id,
            at: row.at,
            entity_type: row.entityType,
            entity_id: row.entityId,
            action: row.action,
            actor_type: row.actorType,
            actor_id: row.actorId,
            actor_name: row.actorName,
            changes: JSON.stringify(row.changes),
            request_id: row.requestId,
          })),
        )
        .execute();
    }
  }

  async listForEntity(entityType: string, entityId: string, limit: number): Promise<AuditRow[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      entityType: r.entity_type,
      entityId: r.entity_id,
      action: r.action,
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorName: r.actor_name,
      changes: JSON.parse(r.changes) as AuditRow['changes'],
      requestId: r.request_id,
    }));
  }
}
