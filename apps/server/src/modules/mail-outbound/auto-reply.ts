import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { MailOutboundRepository } from './mail-outbound.repository.js';

/** At most this many automatic answers (acknowledgements) go to one address… */
export const AUTO_REPLY_LIMIT = 3;
/** …within this window. */
export const AUTO_REPLY_WINDOW_MS = 60 * 60_000;

/**
 * Whether an automatic answer may go to this address now, and if so counts it (inside the caller's transaction).
 * Keeps two robots (or a sender who opens many cases at once) from answering each other without end.
 *
 * The inbound mail module has its own `mayAutoReply(tx, workspaceId, address, now)` with the same purpose; the
 * lead merges the two into one function and one table when both branches land.
 */
export async function autoReplyAllowed(
  tx: Executor,
  workspaceId: string,
  address: string,
  now: Date,
): Promise<boolean> {
  const repo = new MailOutboundRepository(tx, workspaceId);
  const key = address.trim().toLowerCase();
  const since = new Date(now.getTime() - AUTO_REPLY_WINDOW_MS).toISOString();
  if ((await repo.autoRepliesSince(key, since)) >= AUTO_REPLY_LIMIT) return false;
  await repo.recordAutoReply(newId(), key, now.toISOString());
  return true;
}
