import type {
  Locale,
  WebFormConfig,
  WebFormReceipt,
  WebFormSettings,
  WebFormSettingsUpdate,
  WebFormSubmission,
} from '@aftercare/contracts';
import { inTransaction, type Deps, type ServiceContext } from '../../platform/context.js';
import type { WorkspaceInfo } from '../../platform/auth/principal.js';
import { findWorkspaceBySlug } from '../../platform/auth/auth.repository.js';
import { nextNumber } from '../../platform/db/numbers.js';
import { newId } from '../../platform/ids.js';
import { AppError } from '../../platform/http/errors.js';
import { diff, recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { CasesRepository, createCaseInTx, type CaseRecord } from '../cases/index.js';
import { caseCommitments } from '../sla/index.js';
import { entitledSeverity } from '../service-levels/index.js';
import { CalendarsRepository, publishedHours } from '../calendars/index.js';
import { CustomersRepository } from '../customers/index.js';
import { ContactsRepository } from '../contacts/index.js';
import { WebFormRepository, type WebFormSettingsRecord } from './webform.repository.js';
import { DEFAULT_SETTINGS, presentSettings, receiptMessage } from './webform.presenter.js';
import {
  checkChallenge,
  checkFormToken,
  issueChallenge,
  issueFormToken,
  MAX_FORM_AGE_MS,
} from './webform.guard.js';

/** Submissions allowed per client address and per email address in their windows. */
export const RATE_LIMITS = {
  ip: { max: 10, windowMs: 10 * 60 * 1000 },
  email: { max: 5, windowMs: 60 * 60 * 1000 },
} as const;

/** Mailbox providers shared by many companies: a new customer per person, never one per domain. */
export const PUBLIC_MAIL_DOMAINS = new Set([
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  '139.com',
  '189.cn',
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
]);

function settingsAudited(s: WebFormSettingsRecord): Record<string, unknown> {
  const { version: _v, ...rest } = s;
  return rest;
}

/** Web form settings, as workspace admins manage them. */
export class WebFormSettingsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db = this.ctx.database.db) {
    return new WebFormRepository(db, this.ctx.workspace.id);
  }

  async get(): Promise<WebFormSettings> {
    const s = (await this.repo().settings()) ?? DEFAULT_SETTINGS;
    return presentSettings(s, this.ctx.config.publicUrl, this.ctx.workspace.slug);
  }

  async update(input: WebFormSettingsUpdate): Promise<WebFormSettings> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = (await repo.settings()) ?? DEFAULT_SETTINGS;
      if (before.version !== input.version) throw new AppError('conflict');
      const next = {
        enabled: input.enabled,
        caseType: input.caseType,
        fields: input.fields,
        allowedOrigins: [...new Set(input.allowedOrigins.map((o) => o.toLowerCase()))],
        thankYou: { 'zh-CN': input.thankYou['zh-CN'].trim(), en: input.thankYou.en.trim() },
      };
      if (!(await repo.save(next, before.version, this.ctx.clock.now().toISOString())))
        throw new AppError('conflict');
      const after = (await repo.settings()) as WebFormSettingsRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'webform',
        entityId: this.ctx.workspace.id,
        action: 'updated',
        changes: diff(settingsAudited(before), settingsAudited(after)),
      });
      await emit(tx, this.ctx, 'webform.updated', { enabled: after.enabled });
      return presentSettings(after, this.ctx.config.publicUrl, this.ctx.workspace.slug);
    });
  }
}

/** The frame-ancestors a workspace's form page may be embedded by (null: the form is not served). */
export async function formFrameAncestors(deps: Deps, slug: string): Promise<string[] | null> {
  const ws = await findWorkspaceBySlug(deps.database.db, slug);
  if (!ws || !ws.modules.helpdesk) return null;
  const s = await new WebFormRepository(deps.database.db, ws.id).settings();
  return s?.enabled ? s.allowedOrigins : null;
}

/** The public web form: anyone may read it and send it; spam is kept out in layers. */
export class PublicWebFormService {
  constructor(
    private readonly deps: Deps,
    private readonly requestId: string,
  ) {}

  /** The workspace behind a slug with its enabled form; 404 otherwise (no hint which part is missing). */
  private async open(slug: string): Promise<{ ws: WorkspaceInfo; settings: WebFormSettingsRecord }> {
    const ws = await findWorkspaceBySlug(this.deps.database.db, slug);
    if (!ws || !ws.modules.helpdesk) throw new AppError('not_found');
    const settings = await new WebFormRepository(this.deps.database.db, ws.id).settings();
    if (!settings?.enabled) throw new AppError('not_found');
    return { ws, settings };
  }

  async config(slug: string, locale: Locale): Promise<WebFormConfig> {
    const { ws, settings } = await this.open(slug);
    const calendar = await new CalendarsRepository(this.deps.database.db, ws.id).findDefault();
    const secret = this.deps.config.secret;
    const { token, nonce } = issueFormToken(secret, ws.id, this.deps.clock.now());
    return {
      workspaceName: ws.name,
      fields: settings.fields,
      hours: calendar ? publishedHours(calendar.spec, locale) : [],
      timeZone: calendar?.spec.timeZone ?? ws.timezone,
      formToken: token,
      challenge: await issueChallenge(secret, nonce).then((c) => ({
        parameters: { ...c.parameters },
        ...(c.signature ? { signature: c.signature } : {}),
      })),
    };
  }

  async submit(
    slug: string,
    input: WebFormSubmission,
    ip: string,
    acceptLocale: Locale,
  ): Promise<WebFormReceipt> {
    const { ws, settings } = await this.open(slug);
    const locale: Locale = input.locale ?? acceptLocale;
    const email = input.email.trim().toLowerCase();
    const now = this.deps.clock.now();
    const db = this.deps.database.db;

    // Rate limits first, committed on their own: refused attempts count too.
    const throttle = new WebFormRepository(db, ws.id);
    const ipHits = await throttle.hit(`ip:${ip}`, now, RATE_LIMITS.ip.windowMs);
    const emailHits = await throttle.hit(`email:${email}`, now, RATE_LIMITS.email.windowMs);
    if (ipHits > RATE_LIMITS.ip.max || emailHits > RATE_LIMITS.email.max) throw new AppError('rate_limited');

    if (input.website?.trim()) throw new AppError('submission_rejected');
    const secret = this.deps.config.secret;
    const token = checkFormToken(secret, ws.id, input.formToken, now);
    if (!token.ok) throw new AppError(token.reason === 'too_fast' ? 'submission_too_fast' : 'form_expired');
    if (!(await checkChallenge(secret, token.nonce, input.altcha))) throw new AppError('challenge_failed');

    const base: ServiceContext = {
      ...this.deps,
      workspace: ws,
      actor: { type: 'system', id: null, name: 'web form' },
      principal: null,
      requestId: this.requestId,
      locale,
    };
    return inTransaction(this.deps, async (tx) => {
      const repo = new WebFormRepository(tx, ws.id);
      // One case per handed-out form: the token and its solved challenge are spent with this commit, so a
      // replayed submission (or two sent at once) is refused. A failed submission leaves them unspent.
      if ((await repo.hit(`form:${token.nonce}`, now, MAX_FORM_AGE_MS)) > 1)
        throw new AppError('form_expired');
      const known = await repo.contactByEmail(email);
      let contactId: string;
      let customerId: string;
      let contactName: string;
      if (known) {
        contactId = known.id;
        customerId = known.customer_id;
        contactName = known.name;
      } else {
        customerId = await this.customerFor(tx, base, repo, email, input);
        contactId = newId();
        contactName = input.name.trim();
        await new ContactsRepository(tx, ws.id).insert(
          contactId,
          {
            customerId,
            name: contactName,
            email,
            phone: input.phone?.trim() || null,
            wechatId: null,
            title: null,
            birthday: null,
            locale,
            portalAccess: false,
            companyWide: false,
          },
          now.toISOString(),
        );
        await recordAudit(tx, base, {
          entityType: 'contact',
          entityId: contactId,
          action: 'created',
          after: { customerId, name: contactName, email, source: 'web_form' },
        });
        await emit(tx, base, 'contact.created', { contactId, customerId, source: 'web_form' });
      }
      const ctx: ServiceContext = { ...base, actor: { type: 'contact', id: contactId, name: contactName } };
      const extra = [
        input.company?.trim() ? `${locale === 'en' ? 'Company' : '公司'}: ${input.company.trim()}` : '',
        input.phone?.trim() ? `${locale === 'en' ? 'Phone' : '电话'}: ${input.phone.trim()}` : '',
      ].filter(Boolean);
      // A visitor cannot accept a paid escalation: the severity is capped to the customer's entitlement.
      const wanted = settings.fields.includes('severity') && input.severity ? input.severity : 'S3';
      const severity = await entitledSeverity(tx, ctx, customerId, wanted);
      const caseId = await createCaseInTx(tx, ctx, {
        customerId,
        contactId,
        subject: input.subject,
        type: settings.caseType,
        severity,
        channel: 'web_form',
        body: extra.length ? `${input.description.trim()}\n\n${extra.join('\n')}` : input.description,
        assigneeId: null,
      });
      const created = (await new CasesRepository(tx, ws.id).find(caseId)) as CaseRecord;
      const commitment = (await caseCommitments(tx, ctx, [created])).get(caseId) ?? null;
      return {
        caseNumber: created.number,
        commitment,
        message: receiptMessage(
          created.number,
          commitment,
          locale,
          severity === wanted ? null : { wanted, severity },
        ),
        thankYou: settings.thankYou[locale] || DEFAULT_SETTINGS.thankYou[locale],
      };
    });
  }

  /**
   * The customer a new email belongs to: the customer the form created earlier for the same company domain,
   * or a new one named by the company field (else the domain; for public mailbox domains the person's name).
   */
  private async customerFor(
    tx: Parameters<typeof createCaseInTx>[0],
    ctx: ServiceContext,
    repo: WebFormRepository,
    email: string,
    input: WebFormSubmission,
  ): Promise<string> {
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const shared = PUBLIC_MAIL_DOMAINS.has(domain);
    if (!shared) {
      const existing = await repo.customerForDomain(domain);
      if (existing) return existing;
    }
    const ws = ctx.workspace.id;
    let code: string;
    do code = `WEB-${String(await nextNumber(tx, ws, 'webform_customer')).padStart(5, '0')}`;
    while (await repo.customerCodeTaken(code));
    const id = newId();
    const name = (input.company?.trim() || (shared ? input.name.trim() : domain)).slice(0, 200);
    await new CustomersRepository(tx, ws).insert(
      id,
      {
        code,
        name,
        tier: 'standard',
        tags: ['web-form'],
        ownerId: null,
        phone: null,
        website: shared ? null : domain,
        province: null,
        city: null,
        address: null,
        latitude: null,
        longitude: null,
        notes: null,
      },
      ctx.clock.now().toISOString(),
    );
    if (!shared) await repo.rememberDomain(domain, id);
    await recordAudit(tx, ctx, {
      entityType: 'customer',
      entityId: id,
      action: 'created',
      after: { code, name, tier: 'standard', source: 'web_form' },
    });
    await emit(tx, ctx, 'customer.created', { customerId: id, source: 'web_form' });
    return id;
  }
}
