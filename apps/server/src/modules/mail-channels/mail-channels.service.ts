import type {
  FieldError,
  MailChannel,
  MailChannelCreate,
  MailChannelList,
  MailChannelTestResult,
  MailChannelUpdate,
  MailOriginal,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { diff, recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { CasesRepository } from '../cases/index.js';
import {
  MailChannelsRepository,
  teamNames,
  type MailChannelFields,
  type MailChannelRecord,
} from './mail-channels.repository.js';
import { originalsOfCase } from './mail-inbound.repository.js';
import { presentChannel, presentOriginal } from './mail-channels.presenter.js';
import { imapSettingsOf, testImap } from './mail.imap.js';

/** What the audit log shows of a channel: never the password. */
function audited(c: MailChannelFields): Record<string, unknown> {
  const { imap, ...rest } = c;
  return { ...rest, ...(imap ? { imap: { ...imap, password: imap.password ? '(set)' : null } } : {}) };
}

type Input = Partial<Omit<MailChannelCreate, 'kind'>> & { kind: MailChannelCreate['kind'] };

/** Mail channels of the workspace: the SMTP receiver's addresses and the IMAP mailboxes polled. */
export class MailChannelsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db = this.ctx.database.db) {
    return new MailChannelsRepository(db, this.ctx.workspace.id);
  }

  private canManage(): boolean {
    const p = this.ctx.principal;
    return p?.kind === 'staff' && p.permissions.has('mail.manage');
  }

  private async present(items: MailChannelRecord[]): Promise<MailChannel[]> {
    const names = await teamNames(
      this.ctx.database.db,
      this.ctx.workspace.id,
      items.flatMap((c) => (c.teamId ? [c.teamId] : [])),
    );
    return items.map((c) =>
      presentChannel(c, c.teamId ? (names.get(c.teamId) ?? null) : null, this.canManage()),
    );
  }

  async list(): Promise<MailChannelList> {
    return {
      items: await this.present(await this.repo().list()),
      smtpReceiverPort: this.ctx.config.mailIn.smtpPort ?? null,
    };
  }

  async get(id: string): Promise<MailChannel> {
    const c = await this.repo().find(id);
    if (!c) throw new AppError('not_found');
    return (await this.present([c]))[0] as MailChannel;
  }

  /** The fields of a channel from its input over what it had, with a field error for every problem. */
  private async fields(input: Input, before: MailChannelRecord | null): Promise<MailChannelFields> {
    const errors: FieldError[] = [];
    const kind = input.kind;
    const address = (input.address ?? before?.address ?? '').trim().toLowerCase();
    if (!address) errors.push(fieldError('address', 'required'));
    else if (address.split('@')[0]?.includes('+')) errors.push(fieldError('address', 'invalid_value'));
    const teamId = input.teamId !== undefined ? input.teamId : (before?.teamId ?? null);
    if (teamId && !(await this.repo().teamExists(teamId)))
      errors.push(fieldError('teamId', 'unknown_reference'));
    let imap: MailChannelFields['imap'] = null;
    if (kind === 'imap') {
      const tls = input.imapTls ?? before?.imap?.tls ?? true;
      const sealed = input.imapPassword
        ? new SecretBox(this.ctx.config.secret).seal(input.imapPassword)
        : (before?.imap?.password ?? null);
      imap = {
        host: (input.imapHost ?? before?.imap?.host ?? '').trim(),
        port: input.imapPort ?? before?.imap?.port ?? (tls ? 993 : 143),
        tls,
        user: (input.imapUser ?? before?.imap?.user ?? '').trim(),
        password: sealed,
        folder: (input.imapFolder ?? before?.imap?.folder ?? 'INBOX').trim() || 'INBOX',
        pollSeconds: input.pollSeconds ?? before?.imap?.pollSeconds ?? 60,
      };
      if (!imap.host) errors.push(fieldError('imapHost', 'required'));
      if (!imap.user) errors.push(fieldError('imapUser', 'required'));
      if (!imap.password) errors.push(fieldError('imapPassword', 'required'));
    } else {
      for (const f of [
        'imapHost',
        'imapPort',
        'imapTls',
        'imapUser',
        'imapPassword',
        'imapFolder',
        'pollSeconds',
      ] as const)
        if (input[f] !== undefined) errors.push(fieldError(f, 'invalid_value'));
    }
    const name = (input.name ?? before?.name ?? '').trim();
    if (!name) errors.push(fieldError('name', 'required'));
    if (errors.length) throw invalidFields(errors);
    return {
      name,
      kind,
      address,
      teamId,
      caseType: input.caseType ?? before?.caseType ?? 'question',
      unknownSender: input.unknownSender ?? before?.unknownSender ?? 'create_contact',
      enabled: input.enabled ?? before?.enabled ?? true,
      imap,
    };
  }

  async create(input: MailChannelCreate): Promise<MailChannel> {
    const fields = await this.fields(input, null);
    const id = newId();
    try {
      await inTransaction(this.ctx, async (tx) => {
        await this.repo(tx).insert(id, fields, this.ctx.clock.now().toISOString());
        await recordAudit(tx, this.ctx, {
          entityType: 'mail_channel',
          entityId: id,
          action: 'created',
          after: audited(fields),
        });
        await emit(tx, this.ctx, 'mail_channel.created', { channelId: id, kind: fields.kind });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw invalidFields([fieldError('address', 'duplicate')]);
      throw err;
    }
    return this.get(id);
  }

  async update(id: string, input: MailChannelUpdate): Promise<MailChannel> {
    const before = await this.repo().find(id);
    if (!before) throw new AppError('not_found');
    const fields = await this.fields({ ...input, kind: before.kind }, before);
    const { version: _v, ...rest } = before;
    const moved =
      before.imap !== null &&
      (before.imap.host !== fields.imap?.host ||
        before.imap.user !== fields.imap?.user ||
        before.imap.folder !== fields.imap?.folder);
    try {
      await inTransaction(this.ctx, async (tx) => {
        if (
          !(await this.repo(tx).update(id, input.version, fields, moved, this.ctx.clock.now().toISOString()))
        )
          throw new AppError('conflict');
        await recordAudit(tx, this.ctx, {
          entityType: 'mail_channel',
          entityId: id,
          action: 'updated',
          changes: diff(audited(rest), audited(fields)),
        });
        await emit(tx, this.ctx, 'mail_channel.updated', { channelId: id });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw invalidFields([fieldError('address', 'duplicate')]);
      throw err;
    }
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const before = await this.repo(tx).find(id);
      if (!before) throw new AppError('not_found');
      await this.repo(tx).delete(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'mail_channel',
        entityId: id,
        action: 'deleted',
        before: audited(before),
      });
      await emit(tx, this.ctx, 'mail_channel.deleted', { channelId: id });
    });
  }

  /** Connects to the IMAP server with the stored settings: login and folder. */
  async test(id: string): Promise<MailChannelTestResult> {
    const c = await this.repo().find(id);
    if (!c) throw new AppError('not_found');
    if (c.kind !== 'imap') throw invalidFields([fieldError('kind', 'invalid_value')]);
    const settings = imapSettingsOf(this.ctx, c);
    if (!settings)
      return { ok: false, error: 'The stored password cannot be read: enter it again', messages: null };
    return testImap(settings);
  }

  /** The full originals of a case's messages that came in by mail. */
  async originals(caseId: string): Promise<MailOriginal[]> {
    if (!(await new CasesRepository(this.ctx.database.db, this.ctx.workspace.id).find(caseId)))
      throw new AppError('not_found');
    return (await originalsOfCase(this.ctx.database.db, this.ctx.workspace.id, caseId)).map(presentOriginal);
  }
}
