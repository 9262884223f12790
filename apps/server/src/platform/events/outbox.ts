import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';
import type { ServiceContext } from '../context.js';

/**
 * Writes a domain event in the same transaction as the change that caused it (transactional outbox).
 * Dispatchers (notifications, webhooks, search indexing) read the outbox after commit.
 */
export async function emit(
  tx: Executor,
  ctx: ServiceContext,
  type: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await emitMany(tx, ctx, [{ type, payload }]);
}

/** Several events in a few statements (imports). */
export async function emitMany(
  tx: Executor,
  ctx: ServiceContext,
  events: Array<{ type: string; payload: Record<string, unknown> }>,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  for (let i = 0; i < events.length; i += 500) {
    await tx
      .insertInto('outbox')
      .values(
        events.slice(i, i + 500).map((e) => ({
          workspace_id: ctx.workspace.id,
          id: newId(),
          type: e.type,
          payload: JSON.stringify(e.payload),
          created_at: at,
          processed_at: null,
        })),
      )
      .execute();
  }
}
