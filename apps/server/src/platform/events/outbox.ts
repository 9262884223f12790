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
  await tx
    .insertInto('outbox')
    .values({
      workspace_id: ctx.workspace.id,
      id: newId(),
      type,
      payload: JSON.stringify(payload),
      created_at: ctx.clock.now().toISOString(),
      processed_at: null,
    })
    .execute();
}
