import type {
  FieldError,
  Locale,
  Macro,
  MacroApplied,
  MacroApply,
  MacroCreate,
  MacroUpdate,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { diff, recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { CasesRepository, CasesService, type CaseRecord } from '../cases/index.js';
import { caseCommitments } from '../sla/index.js';
import { MacrosRepository, type MacroRecord } from './macros.repository.js';
import { mayChangeMacro, presentMacro } from './macros.presenter.js';
import { formatInstant, renderMacro, templateErrors } from './macro-template.js';

function audited(m: MacroRecord): Record<string, unknown> {
  return { name: m.name, ownerId: m.ownerId, bodyZh: m.bodyZh, bodyEn: m.bodyEn, actions: m.actions };
}

/** Macros (canned replies): personal or shared, rendered for a case in the contact's language. */
export class MacrosService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new MacrosRepository(db, this.ctx.workspace.id);
  }

  private get staff() {
    const p = this.ctx.principal;
    if (!p || p.kind !== 'staff') throw new AppError('forbidden');
    return p;
  }

  /** A macro this user can see (shared, or their own); others' personal macros do not exist for them. */
  private async visible(repo: MacrosRepository, id: string): Promise<MacroRecord> {
    const m = await repo.find(id);
    if (!m || (m.ownerId !== null && m.ownerId !== this.staff.userId)) throw new AppError('not_found');
    return m;
  }

  async list(): Promise<Macro[]> {
    return (await this.repo().visibleTo(this.staff.userId)).map((m) => presentMacro(m, this.ctx.principal));
  }

  private values(input: MacroCreate): Omit<MacroRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'> {
    const errs: FieldError[] = [
      ...templateErrors(input.body['zh-CN'], 'body/zh-CN'),
      ...templateErrors(input.body.en, 'body/en'),
    ];
    if (!input.body['zh-CN'].trim() && !input.body.en.trim()) errs.push(fieldError('body/zh-CN', 'required'));
    const shared = input.shared ?? false;
    if (shared && !this.staff.permissions.has('macros.manage'))
      errs.push(fieldError('shared', 'not_allowed'));
    if (errs.length) throw invalidFields(errs);
    return {
      name: input.name.trim(),
      ownerId: shared ? null : this.staff.userId,
      bodyZh: input.body['zh-CN'],
      bodyEn: input.body.en,
      actions: input.actions ?? {},
    };
  }

  async create(input: MacroCreate): Promise<Macro> {
    const values = this.values(input);
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const id = newId();
      await repo.insert(id, values, this.ctx.clock.now().toISOString());
      const created = (await repo.find(id)) as MacroRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'macro',
        entityId: id,
        action: 'created',
        after: audited(created),
      });
      await emit(tx, this.ctx, 'macro.created', { macroId: id });
      return presentMacro(created, this.ctx.principal);
    });
  }

  async update(id: string, input: MacroUpdate): Promise<Macro> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await this.visible(repo, id);
      if (!mayChangeMacro(before, this.ctx.principal)) throw new AppError('forbidden');
      if (before.version !== input.version) throw new AppError('conflict');
      const values = this.values(input);
      if (!(await repo.update(id, before.version, values, this.ctx.clock.now().toISOString())))
        throw new AppError('conflict');
      const after = (await repo.find(id)) as MacroRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'macro',
        entityId: id,
        action: 'updated',
        changes: diff(audited(before), audited(after)),
      });
      await emit(tx, this.ctx, 'macro.updated', { macroId: id });
      return presentMacro(after, this.ctx.principal);
    });
  }

  async delete(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await this.visible(repo, id);
      if (!mayChangeMacro(before, this.ctx.principal)) throw new AppError('forbidden');
      await repo.delete(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'macro',
        entityId: id,
        action: 'deleted',
        before: audited(before),
      });
      await emit(tx, this.ctx, 'macro.deleted', { macroId: id });
    });
  }

  /**
   * Renders a macro for a case in the contact's language (else the agent's) and, with applyActions, applies its
   * actions to the case as the agent would (same rules, same 409 on a stale version). The reply itself is not
   * sent: it fills the agent's reply editor.
   */
  async apply(caseId: string, macroId: string, input: MacroApply): Promise<MacroApplied> {
    const db = this.ctx.database.db;
    const cases = new CasesRepository(db, this.ctx.workspace.id);
    const c = await cases.find(caseId);
    if (!c) throw new AppError('not_found');
    const repo = this.repo();
    const macro = await this.visible(repo, macroId);
    if (c.version !== input.version) throw new AppError('conflict');
    const contactLocale = c.contactId ? await repo.contactLocale(c.contactId) : undefined;
    const locale: Locale =
      contactLocale === 'en' || contactLocale === 'zh-CN' ? contactLocale : this.staff.locale;
    const rendered = await this.render(db, macro, c, locale);

    let caseVersion = c.version;
    const a = macro.actions;
    if (input.applyActions && (a.status || a.severity || a.assignToMe)) {
      const updated = await new CasesService(this.ctx).update(caseId, {
        version: input.version,
        ...(a.status ? { status: a.status } : {}),
        ...(a.severity ? { severity: a.severity } : {}),
        ...(a.assignToMe ? { assigneeId: this.staff.userId } : {}),
      });
      caseVersion = updated.version;
    }
    return { locale, ...rendered, actions: a, caseVersion };
  }

  private async render(db: Executor, macro: MacroRecord, c: CaseRecord, locale: Locale) {
    const commitment = (await caseCommitments(db, { ...this.ctx, locale }, [c])).get(c.id) ?? null;
    const template = locale === 'en' ? macro.bodyEn || macro.bodyZh : macro.bodyZh || macro.bodyEn;
    return renderMacro(template, {
      'customer.name': c.customerName,
      'contact.name': c.contactName ?? '',
      'case.number': c.number,
      'case.subject': c.subject,
      'agent.name': this.staff.name,
      'commitment.answerBy': formatInstant(
        commitment?.answerBy ?? null,
        locale,
        commitment?.timeZone ?? this.ctx.workspace.timezone,
      ),
    });
  }
}
