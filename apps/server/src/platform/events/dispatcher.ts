import type { Deps, ServiceContext } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import { nextAttemptAt } from '../retry.js';
import { loadWorkspaces, systemContext } from '../system-context.js';

/** One committed domain event, as a handler receives it. */
export interface OutboxEvent {
  workspaceId: string;
  id: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

/**
 * A consumer of domain events: notifications, outbound mail, bots, webhooks. `handle` runs inside the
 * transaction that marks the event dispatched, so what it writes (a notification row, a queued mail, a pending
 * webhook delivery) exists exactly when the event counts as dispatched: never lost, never written twice. It
 * must only write rows; network work belongs to the delivery queue the handler fills, which retries on its own.
 */
export interface EventHandler {
  name: string;
  handles(type: string): boolean;
  handle(tx: Tx, event: OutboxEvent, ctx: ServiceContext): Promise<void>;
  /**
   * Optional: runs after the transaction that dispatched the event has committed (live pushes to this process's
   * listeners). Best effort: its failure is ignored and never undoes the dispatch (readers poll as well).
   */
  afterCommit?(event: OutboxEvent, ctx: ServiceContext): Promise<void>;
}

/** How many events one pass reads. */
export const DISPATCH_BATCH = 100;
/** After this many failed attempts an event is set aside (processed, with its last error kept). */
export const DISPATCH_MAX_ATTEMPTS = 8;
export const DISPATCH_INTERVAL_MS = 2_000;

export interface DispatchResult {
  dispatched: number;
  failed: number;
}

/**
 * Hands pending outbox events, oldest first, to every handler that wants them. Each event is claimed by a
 * conditional update in its own transaction, so two processes never dispatch it twice; a handler's failure rolls
 * that event back and it is tried again later with backoff. `workspaceIds` limits the pass (tests).
 */
export async function dispatchOutbox(
  deps: Deps,
  handlers: readonly EventHandler[],
  now: Date,
  options: { workspaceIds?: string[]; limit?: number } = {},
): Promise<DispatchResult> {
  const db = deps.database.db;
  const at = now.toISOString();
  const result: DispatchResult = { dispatched: 0, failed: 0 };
  const pending = await pendingEvents(db, at, options.workspaceIds, options.limit ?? DISPATCH_BATCH);
  if (pending.length === 0) return result;
  const workspaces = await loadWorkspaces(
    db,
    pending.map((e) => e.workspace_id),
  );
  for (const row of pending) {
    const workspace = workspaces.get(row.workspace_id);
    if (!workspace) continue;
    const event: OutboxEvent = {
      workspaceId: row.workspace_id,
      id: row.id,
      type: row.type,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      createdAt: String(row.created_at),
    };
    const ctx = systemContext({ ...deps, clock: { now: () => now } }, workspace, 'dispatch');
    try {
      const done = await db.transaction().execute(async (tx) => {
        const claimed = await tx
          .updateTable('outbox')
          .set({ processed_at: at })
          .where('workspace_id', '=', row.workspace_id)
          .where('id', '=', row.id)
          .where('processed_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return false;
        for (const handler of handlers) if (handler.handles(event.type)) await handler.handle(tx, event, ctx);
        result.dispatched += 1;
        return true;
      });
      if (done)
        for (const handler of handlers)
          if (handler.afterCommit && handler.handles(event.type))
            await handler.afterCommit(event, ctx).catch(() => undefined);
    } catch (err) {
      result.failed += 1;
      const attempts = row.attempts + 1;
      const message = err instanceof Error ? err.message : String(err);
      await db
        .updateTable('outbox')
        .set({
          attempts,
          last_error: message.slice(0, 2000),
          next_attempt_at: nextAttemptAt(now, attempts, { baseMs: 5_000 }).toISOString(),
          processed_at: attempts >= DISPATCH_MAX_ATTEMPTS ? at : null,
        })
        .where('workspace_id', '=', row.workspace_id)
        .where('id', '=', row.id)
        .where('processed_at', 'is', null)
        .execute();
    }
  }
  return result;
}

function pendingEvents(db: Executor, at: string, workspaceIds: string[] | undefined, limit: number) {
  let q = db
    .selectFrom('outbox')
    .select(['workspace_id', 'id', 'type', 'payload', 'created_at', 'attempts'])
    .where('processed_at', 'is', null)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]));
  if (workspaceIds) {
    if (workspaceIds.length === 0) return Promise.resolve([]);
    q = q.where('workspace_id', 'in', workspaceIds);
  }
  return q.orderBy('created_at').orderBy('id').limit(limit).execute();
}
