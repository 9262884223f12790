import type {
  FieldError,
  MailPreview,
  MailPreviewRequest,
  ReturnMail,
  MailSettings,
  MailSettingsUpdate,
  MailTestResult,
  MessageDelivery,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { MailOutboundRepository, type MailSettingsData } from './mail-outbound.repository.js';
import { presentDelivery, presentSettings } from './mail-outbound.presenter.js';
import { classifyError, createTransport, loadMailSettings, mailSender } from './mail-transport.js';
import { renderAcknowledgement, renderTestMail } from './templates.js';

/** The settings without the password, as the audit log keeps them. */
const audited = (d: MailSettingsData, hasPassword: boolean) =>
  ({ ...d, hasPassword }) as unknown as Record<string, unknown>;

/** Outgoing mail: the workspace's SMTP settings and brand, the test mail, the preview, and "retry now". */
export class MailOutboundService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new MailOutboundRepository(db, this.ctx.workspace.id);
  }

  private present(data: MailSettingsData, passwordSealed: string | null, version: number): MailSettings {
    const sender = mailSender(this.ctx.config, data, passwordSealed, this.ctx.workspace.name);
    return presentSettings(data, {
      hasPassword: Boolean(passwordSealed),
      deliverable: sender.transport !== null,
      serverFrom: this.ctx.config.mail.from,
      version,
    });
  }

  async get(): Promise<MailSettings> {
    const s = await loadMailSettings(this.ctx.database.db, this.ctx.workspace.id, this.ctx.workspace.name);
    return this.present(s.data, s.passwordSealed, s.version);
  }

  async update(input: MailSettingsUpdate): Promise<MailSettings> {
    const { version, password, ...rest } = input;
    const data: MailSettingsData = {
      ...rest,
      host: rest.host.trim(),
      username: rest.username.trim(),
      fromName: rest.fromName.trim(),
      fromAddress: rest.fromAddress.trim(),
      replyToAddress: rest.replyToAddress.trim(),
    };
    const errs: FieldError[] = [];
    if (data.enabled) {
      if (!data.host) errs.push(fieldError('host', 'required'));
      else if (!/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(data.host))
        errs.push(fieldError('host', 'invalid_value'));
      if (!data.fromAddress) errs.push(fieldError('fromAddress', 'required'));
    }
    if (errs.length) throw invalidFields(errs);
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await loadMailSettings(tx, this.ctx.workspace.id, this.ctx.workspace.name);
      if (before.version !== version) throw new AppError('conflict');
      const sealed =
        password === undefined
          ? before.passwordSealed
          : password === ''
            ? null
            : new SecretBox(this.ctx.config.secret).seal(password);
      const now = this.ctx.clock.now().toISOString();
      if (!(await repo.saveSettings(data, sealed, version, now))) throw new AppError('conflict');
      await recordAudit(tx, this.ctx, {
        entityType: 'mail_settings',
        entityId: this.ctx.workspace.id,
        action: 'updated',
        before: audited(before.data, Boolean(before.passwordSealed)),
        after: audited(data, Boolean(sealed)),
      });
      await emit(tx, this.ctx, 'mail_settings.updated', { version: version + 1 });
      return this.present(data, sealed, version + 1);
    });
  }

  /** Sends a test mail to the signed-in staff member, now, with the stored settings; answers what happened. */
  async test(): Promise<MailTestResult> {
    const p = this.ctx.principal;
    if (p?.kind !== 'staff') throw new AppError('forbidden');
    const s = await loadMailSettings(this.ctx.database.db, this.ctx.workspace.id, this.ctx.workspace.name);
    const sender = mailSender(this.ctx.config, s.data, s.passwordSealed, this.ctx.workspace.name);
    if (!sender.transport)
      return { ok: false, to: p.email, response: 'No SMTP server is configured (mail settings or SMTP_URL)' };
    const rendered = renderTestMail({ brand: s.data.brand, locale: this.ctx.locale, caseNumber: '' });
    const transport = createTransport(sender.transport);
    try {
      const info = (await transport.sendMail({
        from: { name: sender.identity.fromName, address: sender.identity.fromAddress },
        to: p.email,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: { 'X-Aftercare-Workspace': this.ctx.workspace.slug, 'Auto-Submitted': 'auto-generated' },
      })) as { response?: unknown };
      return { ok: true, to: p.email, response: typeof info.response === 'string' ? info.response : 'sent' };
    } catch (err) {
      return { ok: false, to: p.email, response: classifyError(err).message };
    } finally {
      transport.close();
    }
  }

  /** The acknowledgement with sample data and the brand being edited, in both languages. */
  preview(input: MailPreviewRequest): MailPreview {
    const sample = (locale: 'zh-CN' | 'en') =>
      renderAcknowledgement(
        { brand: input.brand, locale, caseNumber: 'T-1001' },
        {
          caseNumber: 'T-1001',
          subject: locale === 'en' ? 'The printer does not start' : '打印机无法开机',
          contactName: locale === 'en' ? 'Alex Wang' : '王先生',
          answerBy: locale === 'en' ? 'Tue 24 Nov 10:30' : '11月24日 周二 10:30',
          hours:
            locale === 'en' ? ['Mon–Fri 09:00–12:00, 13:30–18:00'] : ['周一至周五 09:00–12:00、13:30–18:00'],
        },
      );
    return { 'zh-CN': sample('zh-CN'), en: sample('en') };
  }

  /** "Retry now": a failed mail of this case goes back to the queue. */
  async retry(caseId: string, mailId: string): Promise<MessageDelivery> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const mail = await repo.find(mailId);
      if (!mail || mail.caseId !== caseId) throw new AppError('not_found');
      if (!(await repo.requeue(mailId, this.ctx.clock.now().toISOString()))) throw new AppError('conflict');
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'mail_retried',
        after: { mailId, to: mail.to },
      });
      await emit(tx, this.ctx, 'mail.retried', { caseId, mailId });
      return presentDelivery((await repo.find(mailId)) ?? mail);
    });
  }
}

/**
 * Staff view of a case: every message gains the delivery state of its mail (one query for the whole case);
 * null where no mail was sent (notes, customer messages).
 */
export async function withDeliveries<T extends { messages: Array<{ id: string }> }>(
  db: Executor,
  ctx: ServiceContext,
  caseId: string,
  detail: T,
): Promise<T> {
  const byMessage = new Map<string, MessageDelivery>();
  for (const m of await new MailOutboundRepository(db, ctx.workspace.id).ofCase(caseId))
    if (m.messageId) byMessage.set(m.messageId, presentDelivery(m));
  return {
    ...detail,
    messages: detail.messages.map((m) => ({ ...m, delivery: byMessage.get(m.id) ?? null })),
  };
}

/** The mail told a return's contact, with its delivery state, for the staff view of the return. */
export async function returnDeliveries(
  db: Executor,
  workspaceId: string,
  returnId: string,
): Promise<ReturnMail[]> {
  return (await new MailOutboundRepository(db, workspaceId).ofReturn(returnId)).map((m) => ({
    mailId: m.id,
    subject: m.subject,
    to: m.to,
    status: m.status,
    attempts: m.attempts,
    ...(m.lastError && m.status !== 'sent' ? { lastError: m.lastError } : {}),
    ...(m.sentAt ? { sentAt: m.sentAt } : {}),
    createdAt: m.createdAt,
  }));
}
