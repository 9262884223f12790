import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';
import type { ServiceContext } from '../context.js';
import { AuditRepository } from './audit.repository.js';

const IGNORED = new Set(['updatedAt', 'version', 'actions', 'createdAt', 'passwordHash', 'searchText']);
const SECRET = new Set(['password', 'passwordHash', 'tokenHash']);

type Plain = Record<string, unknown>;

/** What changed between two presentations of a record; secrets are never written to the log. */
export function diff(
  before: Plain | null,
  after: Plain | null,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED.has(key) || SECRET.has(key)) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}

export interface AuditEntryInput {
  entityType: string;
  entityId: string;
  action: string;
  before?: object | null;
  after?: object | null;
  changes?: Record<string, { from: unknown; to: unknown }>;
}

/**
 * Records a change in the audit log, inside the caller's transaction, so a change and its history commit
 * together or not at all.
 */
export async function recordAudit(tx: Executor, ctx: ServiceContext, entry: AuditEntryInput): Promise<void> {
  await recordAudits(tx, ctx, [entry]);
}

/** The same for many records at once (imports), in a few statements. */
export async function recordAudits(
  tx: Executor,
  ctx: ServiceContext,
  entries: AuditEntryInput[],
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  const rows = [];
  for (const entry of entries) {
    const changes =
      entry.changes ?? diff((entry.before ?? null) as Plain | null, (entry.after ?? null) as Plain | null);
    if (entry.action === 'updated' && Object.keys(changes).length === 0) continue;
    rows.push({
      id: newId(),
      at,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      changes,
      requestId: ctx.requestId,
    });
  }
  if (rows.length) await new AuditRepository(tx, ctx.workspace.id).insertMany(rows);
}
