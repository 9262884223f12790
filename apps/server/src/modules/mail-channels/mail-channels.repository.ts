import type { Selectable } from 'kysely';
import { fromBool, toBool, type Db, type Executor } from '../../platform/db/database.js';
import type { MailChannelsTable } from '../../platform/db/schema.js';

export type MailChannelKind = 'smtp' | 'imap';
export type UnknownSenderPolicy = 'create_contact' | 'refuse';

export interface MailChannelRecord {
  id: string;
  workspaceId: string;
  name: string;
  kind: MailChannelKind;
  address: string;
  teamId: string | null;
  caseType: string;
  unknownSender: UnknownSenderPolicy;
  enabled: boolean;
  imap: {
    host: string;
    port: number;
    tls: boolean;
    user: string;
    /** Sealed with SecretBox; never leaves the server. */
    password: string | null;
    folder: string;
    pollSeconds: number;
  } | null;
  uidValidity: string | null;
  lastUid: number | null;
  polledAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type MailChannelFields = Omit<
  MailChannelRecord,
  | 'id'
  | 'workspaceId'
  | 'uidValidity'
  | 'lastUid'
  | 'polledAt'
  | 'lastError'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
>;

export function channelRecord(r: Selectable<MailChannelsTable>): MailChannelRecord {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    kind: r.kind as MailChannelKind,
    address: r.address,
    teamId: r.team_id,
    caseType: r.case_type,
    unknownSender: r.unknown_sender as UnknownSenderPolicy,
    enabled: toBool(r.enabled),
    imap:
      r.kind === 'imap'
        ? {
            host: r.imap_host ?? '',
            port: r.imap_port ?? 993,
            tls: toBool(r.imap_tls),
            user: r.imap_user ?? '',
            password: r.imap_password,
            folder: r.imap_folder ?? 'INBOX',
            pollSeconds: r.poll_seconds ?? 60,
          }
        : null,
    uidValidity: r.imap_uid_validity,
    lastUid: r.imap_last_uid === null ? null : Number(r.imap_last_uid),
    polledAt: r.polled_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function columns(f: MailChannelFields) {
  return {
    name: f.name,
    kind: f.kind,
    address: f.address,
    smtp_address: f.kind === 'smtp' ? f.address : null,
    team_id: f.teamId,
    case_type: f.caseType,
    unknown_sender: f.unknownSender,
    enabled: fromBool(f.enabled),
    imap_host: f.imap?.host ?? null,
    imap_port: f.imap?.port ?? null,
    imap_tls: f.imap ? fromBool(f.imap.tls) : null,
    imap_user: f.imap?.user ?? null,
    imap_password: f.imap?.password ?? null,
    imap_folder: f.imap?.folder ?? null,
    poll_seconds: f.imap?.pollSeconds ?? null,
  };
}

/**
 * The SMTP channel an envelope recipient names, in any workspace (the receiver does not know the workspace
 * yet): `support+tag@acme.example` matches the channel `support@acme.example`, case-insensitive.
 */
export async function findSmtpChannel(unscoped: Db, address: string): Promise<MailChannelRecord | undefined> {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return undefined;
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  const base = `${plus >= 0 ? local.slice(0, plus) : local}${lower.slice(at)}`;
  const r = await unscoped
    .selectFrom('mail_channels')
    .selectAll()
    .where('smtp_address', '=', base)
    .where('kind', '=', 'smtp')
    .executeTakeFirst();
  return r && toBool(r.enabled) ? channelRecord(r) : undefined;
}

/** Enabled IMAP channels of every workspace (or of the given ones), for the poll task. */
export async function enabledImapChannels(
  unscoped: Db,
  workspaceIds?: string[],
): Promise<MailChannelRecord[]> {
  let q = unscoped
    .selectFrom('mail_channels')
    .selectAll()
    .where('kind', '=', 'imap')
    .where('enabled', '=', fromBool(true));
  if (workspaceIds) {
    if (!workspaceIds.length) return [];
    q = q.where('workspace_id', 'in', workspaceIds);
  }
  return (await q.orderBy('created_at').execute()).map(channelRecord);
}

export class MailChannelsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async list(): Promise<MailChannelRecord[]> {
    const rows = await this.db
      .selectFrom('mail_channels')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(channelRecord);
  }

  async find(id: string): Promise<MailChannelRecord | undefined> {
    const r = await this.db
      .selectFrom('mail_channels')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && channelRecord(r);
  }

  async addresses(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('mail_channels')
      .select('address')
      .where('workspace_id', '=', this.workspaceId)
      .execute();
    return rows.map((r) => r.address);
  }

  async insert(id: string, f: MailChannelFields, now: string): Promise<void> {
    await this.db
      .insertInto('mail_channels')
      .values({
        workspace_id: this.workspaceId,
        id,
        ...columns(f),
        imap_uid_validity: null,
        imap_last_uid: null,
        polled_at: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  /** Optimistic: false when the version is stale. A new IMAP mailbox starts over (UIDs of another mailbox). */
  async update(
    id: string,
    version: number,
    f: MailChannelFields,
    resetImap: boolean,
    now: string,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('mail_channels')
      .set({
        ...columns(f),
        ...(resetImap ? { imap_uid_validity: null, imap_last_uid: null } : {}),
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
      .deleteFrom('mail_channels')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  /** Where the poll of a mailbox got to. Not versioned: only the poll task writes these columns. */
  async savePoll(
    id: string,
    state: { uidValidity?: string | null; lastUid?: number | null; error: string | null },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('mail_channels')
      .set({
        ...(state.uidValidity !== undefined ? { imap_uid_validity: state.uidValidity } : {}),
        ...(state.lastUid !== undefined ? { imap_last_uid: state.lastUid } : {}),
        last_error: state.error,
        polled_at: now,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async teamExists(id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Boolean(r);
  }
}

/** Team names by id, for the channels' presenter. */
export async function teamNames(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
