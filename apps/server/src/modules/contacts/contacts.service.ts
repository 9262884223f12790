import type {
  Contact,
  ContactCreate,
  ContactQuery,
  ContactUpdate,
  FieldError,
  Locale,
  PageOf,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { parseSort } from '../../platform/http/sort.js';
import { AuthRepository } from '../../platform/auth/auth.repository.js';
import { issueOneTimeToken, INVITE_TTL_MS } from '../users/index.js';
import { ContactsRepository, type ContactFields, type ContactRecord } from './contacts.repository.js';
import { presentContact } from './contacts.presenter.js';
import { CaseIndexRepository } from '../cases/index.js';

const SORTS = {
  name: 'name',
  email: 'email',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

export class ContactsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db = this.ctx.database.db) {
    return new ContactsRepository(db, this.ctx.workspace.id);
  }

  private present = (c: ContactRecord): Contact => presentContact(c, this.ctx.principal);

  async list(query: ContactQuery): Promise<PageOf<Contact>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.repo().list({
      q: query.q?.trim() || undefined,
      customerId: query.customerId,
      portalAccess: query.portalAccess,
      sort: parseSort(query.sort, SORTS, { column: 'name', desc: false }),
      page,
      pageSize,
    });
    return { items: items.map(this.present), total, page, pageSize };
  }

  async get(id: string): Promise<Contact> {
    const c = await this.repo().find(id);
    if (!c) throw new AppError('not_found');
    return this.present(c);
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  async create(input: ContactCreate): Promise<Contact> {
    const fields: ContactFields = {
      customerId: input.customerId,
      name: input.name.trim(),
      email: normalizeEmail(input.email),
      phone: blankToNull(input.phone),
      wechatId: blankToNull(input.wechatId),
      title: blankToNull(input.title),
      birthday: input.birthday ?? null,
      locale: input.locale ?? this.ctx.workspace.defaultLocale,
      portalAccess: input.portalAccess ?? false,
      companyWide: input.companyWide ?? false,
    };
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const errs: FieldError[] = [];
      if (!(await repo.customerExists(fields.customerId)))
        errs.push(fieldError('customerId', 'unknown_reference'));
      await this.check(repo, fields, null, errs);
      const id = newId();
      try {
        await repo.insert(id, fields, this.ctx.clock.now().toISOString());
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('email', 'duplicate')]);
        throw err;
      }
      const created = this.present((await repo.find(id)) as ContactRecord);
      await recordAudit(tx, this.ctx, {
        entityType: 'contact',
        entityId: id,
        action: 'created',
        after: created,
      });
      await emit(tx, this.ctx, 'contact.created', { contactId: id, customerId: fields.customerId });
      return created;
    });
  }

  async update(id: string, input: ContactUpdate): Promise<Contact> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const fields: ContactFields = {
        customerId: before.customerId,
        name: input.name?.trim() ?? before.name,
        email: input.email === undefined ? before.email : normalizeEmail(input.email),
        phone: input.phone === undefined ? before.phone : blankToNull(input.phone),
        wechatId: input.wechatId === undefined ? before.wechatId : blankToNull(input.wechatId),
        title: input.title === undefined ? before.title : blankToNull(input.title),
        birthday: input.birthday === undefined ? before.birthday : input.birthday,
        locale: input.locale ?? before.locale,
        portalAccess: input.portalAccess ?? before.portalAccess,
        companyWide: input.companyWide ?? before.companyWide,
      };
      await this.check(repo, fields, id, []);
      const now = this.ctx.clock.now().toISOString();
      let ok: boolean;
      try {
        ok = await repo.update(id, before.version, fields, now);
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('email', 'duplicate')]);
        throw err;
      }
      if (!ok) throw new AppError('conflict');
      // Losing portal access ends every portal session of the contact at once.
      if (before.portalAccess && !fields.portalAccess)
        await new AuthRepository(tx, this.ctx.workspace.id).revokeSessionsOf('contact', id, now);
      if (fields.name !== before.name)
        await new CaseIndexRepository(tx, this.ctx.workspace.id).refreshContact(id);
      const after = this.present((await repo.find(id)) as ContactRecord);
      await recordAudit(tx, this.ctx, {
        entityType: 'contact',
        entityId: id,
        action: 'updated',
        before: this.present(before),
        after,
      });
      await emit(tx, this.ctx, 'contact.updated', { contactId: id, customerId: before.customerId });
      return after;
    });
  }

  async delete(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      try {
        await repo.delete(id);
      } catch (err) {
        if (isForeignKeyViolation(err)) throw invalidFields([fieldError('id', 'in_use')]);
        throw err;
      }
      await new AuthRepository(tx, this.ctx.workspace.id).revokeSessionsOf(
        'contact',
        id,
        this.ctx.clock.now().toISOString(),
      );
      await recordAudit(tx, this.ctx, {
        entityType: 'contact',
        entityId: id,
        action: 'deleted',
        before: this.present(before),
      });
      await emit(tx, this.ctx, 'contact.deleted', { contactId: id, customerId: before.customerId });
    });
  }

  /**
   * Gives the contact portal access and mails a single-use link to set a password. Sending again replaces
   * the earlier link.
   */
  async invite(id: string): Promise<{ inviteUrl: string }> {
    const { contact, token } = await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (!before.email) throw invalidFields([fieldError('email', 'required')]);
      if (!before.portalAccess) {
        const ok = await repo.update(
          id,
          before.version,
          { ...before, portalAccess: true },
          this.ctx.clock.now().toISOString(),
        );
        if (!ok) throw new AppError('conflict');
      }
      const token = await issueOneTimeToken(
        tx,
        this.ctx,
        this.ctx.workspace.id,
        'portal-invite',
        { type: 'contact', id },
        INVITE_TTL_MS,
      );
      await recordAudit(tx, this.ctx, {
        entityType: 'contact',
        entityId: id,
        action: 'portal_invited',
        changes: before.portalAccess ? {} : { portalAccess: { from: false, to: true } },
      });
      await emit(tx, this.ctx, 'contact.portal_invited', { contactId: id, customerId: before.customerId });
      return { contact: before, token };
    });
    const inviteUrl = `${this.ctx.config.publicUrl}/portal/accept-invite?token=${encodeURIComponent(token)}`;
    this.ctx.mailer.sendLater(
      portalInviteMail(
        contact.email as string,
        contact.locale,
        contact.name,
        this.ctx.workspace.name,
        contact.customerName,
        inviteUrl,
      ),
    );
    return { inviteUrl };
  }

  private async check(
    repo: ContactsRepository,
    f: ContactFields,
    selfId: string | null,
    errs: FieldError[],
  ): Promise<void> {
    if (f.email) {
      const other = await repo.findIdByEmail(f.email);
      if (other && other !== selfId) errs.push(fieldError('email', 'duplicate'));
    }
    // The email is the portal sign-in: portal access without one would be a door without a key.
    if (f.portalAccess && !f.email) errs.push(fieldError('email', 'required'));
    if (errs.length) throw invalidFields(errs);
  }
}

function normalizeEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}

function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function portalInviteMail(
  to: string,
  locale: Locale,
  name: string,
  workspace: string,
  company: string,
  url: string,
) {
  return locale === 'en'
    ? {
        to,
        subject: `Your ${workspace} customer portal account`,
        text:
          `Hello ${name},\n\n${workspace} has opened a customer portal account for you (${company}). ` +
          `There you can see your company's products, warranties and orders.\n\n` +
          `Set your password here (valid for 7 days):\n${url}\n`,
      }
    : {
        to,
        subject: `${workspace} 客户服务门户账号开通`,
        text:
          `${name}，您好：\n\n${workspace} 已为您（${company}）开通客户服务门户账号，` +
          `您可以在门户中查看贵公司的产品、保修和订单信息。\n\n` +
          `请在 7 天内点击以下链接设置密码：\n${url}\n`,
      };
}
