import type { Executor } from './database.js';

/**
 * The next human number of a kind in a workspace (O-00001, T-1024…). Runs inside the caller's transaction;
 * the upsert locks the counter row, so concurrent callers get distinct numbers.
 */
export async function nextNumber(tx: Executor, workspaceId: string, kind: string): Promise<number> {
  const row = await tx
    .insertInto('counters')
    .values({ workspace_id: workspaceId, kind, value: 1 })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'kind']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

export function formatNumber(prefix: string, n: number, width = 5): string {
  return `${prefix}-${String(n).padStart(width, '0')}`;
}
