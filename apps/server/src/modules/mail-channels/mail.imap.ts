import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../platform/context.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import {
  enabledImapChannels,
  MailChannelsRepository,
  type MailChannelRecord,
} from './mail-channels.repository.js';
import { ingestMail } from './mail.ingest.js';

/** How often the poll task looks for channels that are due (each channel has its own interval). */
export const MAIL_POLL_INTERVAL_MS = 30_000;
/** Messages taken per channel per poll, at most; the rest come with the next poll. */
const BATCH = 50;

export interface ImapSettings {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
}

/** imapflow loads when a channel is first polled or tested, not at start-up. */
async function client(s: ImapSettings): Promise<ImapFlow> {
  const { ImapFlow } = await import('imapflow');
  return new ImapFlow({
    host: s.host,
    port: s.port,
    secure: s.tls,
    auth: { user: s.user, pass: s.password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}

function messageOf(err: unknown): string {
  const e = err as { responseText?: unknown; message?: unknown };
  const text =
    typeof e?.responseText === 'string' && e.responseText ? e.responseText : String(e?.message ?? err);
  return text.slice(0, 500);
}

/** Connects, logs in and opens the folder: what "test connection" checks. */
export async function testImap(
  s: ImapSettings,
): Promise<{ ok: boolean; error: string | null; messages: number | null }> {
  const c = await client(s);
  c.on('error', () => undefined);
  try {
    await c.connect();
    const status = await c.status(s.folder, { messages: true });
    return { ok: true, error: null, messages: status ? (status.messages ?? null) : null };
  } catch (err) {
    return { ok: false, error: messageOf(err), messages: null };
  } finally {
    await c.logout().catch(() => c.close());
  }
}

export function imapSettingsOf(deps: Deps, channel: MailChannelRecord): ImapSettings | null {
  const imap = channel.imap;
  if (!imap?.password) return null;
  const password = new SecretBox(deps.config.secret).open(imap.password);
  if (password === null) return null;
  return { host: imap.host, port: imap.port, tls: imap.tls, user: imap.user, password, folder: imap.folder };
}

export interface PollResult {
  channelId: string;
  ingested: number;
  error: string | null;
}

/**
 * Polls one mailbox: the unseen messages with a UID above the last one taken (per UIDVALIDITY), each ingested
 * and then flagged \Seen, and the UID saved. A crash between intake and the flag fetches the message again next
 * time; its Message-ID makes that harmless.
 */
export async function pollChannel(deps: Deps, channel: MailChannelRecord): Promise<PollResult> {
  const repo = new MailChannelsRepository(deps.database.db, channel.workspaceId);
  const now = () => deps.clock.now().toISOString();
  const settings = imapSettingsOf(deps, channel);
  if (!settings) {
    const error = 'The stored password cannot be read: enter it again';
    await repo.savePoll(channel.id, { error }, now());
    return { channelId: channel.id, ingested: 0, error };
  }
  const c = await client(settings);
  c.on('error', () => undefined);
  let ingested = 0;
  try {
    await c.connect();
    const lock = await c.getMailboxLock(settings.folder);
    try {
      const box = c.mailbox;
      const validity = box ? String(box.uidValidity) : '';
      let last = channel.uidValidity === validity ? (channel.lastUid ?? 0) : 0;
      if (channel.uidValidity !== validity)
        await repo.savePoll(channel.id, { uidValidity: validity, lastUid: 0, error: null }, now());
      const found = await c.search({ seen: false, uid: `${last + 1}:*` }, { uid: true });
      const uids = (found || [])
        .filter((u) => u > last)
        .sort((a, b) => a - b)
        .slice(0, BATCH);
      for (const uid of uids) {
        const msg = await c.fetchOne(String(uid), { source: true }, { uid: true });
        if (msg && msg.source) {
          await ingestMail(deps, channel, msg.source, { recipients: [channel.address] });
          ingested++;
        }
        await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        last = uid;
        await repo.savePoll(channel.id, { lastUid: last, error: null }, now());
      }
      await repo.savePoll(channel.id, { error: null }, now());
    } finally {
      lock.release();
    }
    return { channelId: channel.id, ingested, error: null };
  } catch (err) {
    const error = messageOf(err);
    await repo.savePoll(channel.id, { error }, now());
    return { channelId: channel.id, ingested, error };
  } finally {
    await c.logout().catch(() => c.close());
  }
}

/** The periodic task: every enabled IMAP channel whose interval has passed (all of them with `force`). */
export async function runMailPoll(
  deps: Deps,
  at: Date,
  options: { workspaceIds?: string[]; force?: boolean } = {},
): Promise<PollResult[]> {
  const channels = await enabledImapChannels(deps.database.unscoped, options.workspaceIds);
  const results: PollResult[] = [];
  for (const channel of channels) {
    const every = (channel.imap?.pollSeconds ?? 60) * 1000;
    if (!options.force && channel.polledAt && Date.parse(channel.polledAt) + every > at.getTime()) continue;
    results.push(await pollChannel(deps, channel));
  }
  return results;
}
