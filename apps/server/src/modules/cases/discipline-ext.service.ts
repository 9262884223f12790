import type {
  AgreementLinkSent,
  AgreementLinkView,
  CaseDiscipline,
  CaseLinkInput,
  CaseLinkUpdate,
  CheckpointInput,
  CheckpointUpdate,
  DisciplineSettings,
  DisciplineSettingsInput,
  Locale,
  SummaryScheduleInput,
} from '@aftercare/contracts';
import { inTransaction, type Deps, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import { AuthRepository, findWorkspaceById } from '../../platform/auth/auth.repository.js';
import { splitScopedSecret } from '../../platform/auth/resolve.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { CasesRepository, type CaseRecord } from './cases.repository.js';
import { createCaseInTx } from './cases.service.js';
import { contactSees } from './cases.portal.service.js';
import { DisciplineRepository } from './discipline.repository.js';
import {
  DisciplineExtRepository,
  type CheckpointRecord,
  type LinkRecord,
} from './discipline-ext.repository.js';
import { loadDiscipline } from './discipline-ext.view.js';

/** The purpose of the one-time tokens that confirm an agreement by mail. */
export const AGREEMENT_LINK_PURPOSE = 'agreement-confirm';
/** How long a confirmation link works. */
export const AGREEMENT_LINK_TTL_MS = 7 * 24 * 3_600_000;

const linkAudited = (l: LinkRecord) => ({
  id: l.id,
  kind: l.kind,
  title: l.title,
  linkedCaseId: l.linkedCaseId,
  done: Boolean(l.doneAt),
});
const checkpointAudited = (c: CheckpointRecord) => ({
  id: c.id,
  title: c.title,
  note: c.note,
  dueAt: c.dueAt,
  doneAt: c.doneAt,
  acknowledgedAt: c.acknowledgedAt,
});

/**
 * Refuses to solve a case while a blocking item of it is open (409 open_blocking_items, with their titles);
 * called by the cases service inside the transaction that solves. Open follow-ups do not stop it: the solved
 * case's discipline lists them.
 */
export async function assertSolvable(tx: Executor, ctx: ServiceContext, caseId: string): Promise<void> {
  const { outgoing } = await new DisciplineExtRepository(tx, ctx.workspace.id).links(caseId);
  const open = outgoing.filter((l) => l.kind === 'blocking' && !l.doneAt);
  if (open.length)
    throw new AppError(
      'open_blocking_items',
      open.map((l) => ({ id: l.id, title: l.title })),
    );
}

/** Related problems, checkpoints, the summary schedule and the confirmation link, as staff keep them. */
export class DisciplineExtService {
  constructor(private readonly ctx: ServiceContext) {}

  private get ws(): string {
    return this.ctx.workspace.id;
  }

  private async writable(tx: Executor, caseId: string): Promise<CaseRecord> {
    const c = await new CasesRepository(tx, this.ws).find(caseId);
    if (!c) throw new AppError('not_found');
    if (c.status === 'closed') throw new AppError('case_closed');
    return c;
  }

  private async load(tx: Executor, caseId: string): Promise<CaseDiscipline> {
    const c = await new CasesRepository(tx, this.ws).find(caseId);
    if (!c) throw new AppError('not_found');
    return loadDiscipline(tx, this.ctx, c);
  }

  /** A new case for a related problem: same customer and contact, linked back by the link that made it. */
  private async openCase(tx: Executor, from: CaseRecord, title: string, note: string): Promise<string> {
    return createCaseInTx(tx, this.ctx, {
      customerId: from.customerId,
      contactId: from.contactId,
      subject: title,
      type: from.type,
      severity: 'S3',
      channel: 'phone',
      body: note || `${title} (${from.number})`,
      assigneeId: from.assigneeId,
    });
  }

  async addLink(caseId: string, input: CaseLinkInput): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineExtRepository(tx, this.ws);
      const title = input.title.trim();
      const note = (input.note ?? '').trim();
      if (!title) throw invalidFields([fieldError('title', 'required')]);
      let linkedCaseId = input.linkedCaseId ?? null;
      if (input.kind === 'separate') {
        if (linkedCaseId) throw invalidFields([fieldError('linkedCaseId', 'invalid_value')]);
        linkedCaseId = await this.openCase(tx, c, title, note);
      } else if (linkedCaseId) {
        if (linkedCaseId === caseId) throw invalidFields([fieldError('linkedCaseId', 'invalid_value')]);
        if (!(await new CasesRepository(tx, this.ws).find(linkedCaseId)))
          throw invalidFields([fieldError('linkedCaseId', 'unknown_reference')]);
      }
      const link: LinkRecord = {
        id: newId(),
        caseId,
        kind: input.kind,
        title,
        note,
        linkedCaseId,
        doneAt: null,
        doneBy: null,
        createdBy: this.ctx.actor.name,
        createdAt: this.ctx.clock.now().toISOString(),
      };
      await repo.insertLink(link);
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'link_added',
        changes: { link: { from: null, to: linkAudited(link) } },
      });
      await emit(tx, this.ctx, 'case.link_added', {
        caseId,
        customerId: c.customerId,
        linkId: link.id,
        kind: link.kind,
        linkedCaseId,
      });
      return this.load(tx, caseId);
    });
  }

  async updateLink(caseId: string, linkId: string, input: CaseLinkUpdate): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineExtRepository(tx, this.ws);
      const before = await repo.findLink(caseId, linkId);
      if (!before) throw new AppError('not_found');
      const after = { ...before };
      if (input.openCase) {
        if (before.kind !== 'follow_up' || before.linkedCaseId)
          throw invalidFields([fieldError('openCase', 'invalid_value')]);
        after.linkedCaseId = await this.openCase(tx, c, before.title, before.note);
      }
      if (input.done !== undefined && input.done !== Boolean(before.doneAt)) {
        if (before.kind === 'separate') throw invalidFields([fieldError('done', 'invalid_value')]);
        after.doneAt = input.done ? this.ctx.clock.now().toISOString() : null;
        after.doneBy = input.done ? this.ctx.actor.name : null;
      }
      if (after.doneAt === before.doneAt && after.linkedCaseId === before.linkedCaseId)
        return this.load(tx, caseId);
      await repo.updateLink(after);
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'link_updated',
        changes: { link: { from: linkAudited(before), to: linkAudited(after) } },
      });
      await emit(tx, this.ctx, 'case.link_updated', {
        caseId,
        customerId: c.customerId,
        linkId,
        kind: after.kind,
        done: Boolean(after.doneAt),
        linkedCaseId: after.linkedCaseId,
      });
      return this.load(tx, caseId);
    });
  }

  /** Removes the link (a case opened for it stays). */
  async deleteLink(caseId: string, linkId: string): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineExtRepository(tx, this.ws);
      const before = await repo.findLink(caseId, linkId);
      if (!before) throw new AppError('not_found');
      await repo.deleteLink(linkId);
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'link_removed',
        changes: { link: { from: linkAudited(before), to: null } },
      });
      await emit(tx, this.ctx, 'case.link_removed', { caseId, customerId: c.customerId, linkId });
      return this.load(tx, caseId);
    });
  }

  async addCheckpoint(caseId: string, input: CheckpointInput): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const title = input.title.trim();
      if (!title) throw invalidFields([fieldError('title', 'required')]);
      const cp: CheckpointRecord = {
        id: newId(),
        caseId,
        title,
        note: (input.note ?? '').trim(),
        dueAt: new Date(input.dueAt).toISOString(),
        doneAt: null,
        doneBy: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        missedAt: null,
        createdBy: this.ctx.actor.name,
        createdAt: this.ctx.clock.now().toISOString(),
        version: 1,
      };
      await new DisciplineExtRepository(tx, this.ws).insertCheckpoint(cp);
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'checkpoint_added',
        changes: { checkpoint: { from: null, to: checkpointAudited(cp) } },
      });
      await emit(tx, this.ctx, 'case.checkpoint_added', {
        caseId,
        customerId: c.customerId,
        checkpointId: cp.id,
        dueAt: cp.dueAt,
      });
      return this.load(tx, caseId);
    });
  }

  /**
   * Edits a checkpoint or ticks it done / undone (409 when `version` is stale). A new date clears the missed
   * flag and the customer's acknowledgement (they acknowledged the old date) and lets the sweep remind again.
   */
  async updateCheckpoint(caseId: string, id: string, input: CheckpointUpdate): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineExtRepository(tx, this.ws);
      const before = await repo.findCheckpoint(caseId, id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const now = this.ctx.clock.now().toISOString();
      const dueAt = input.dueAt ? new Date(input.dueAt).toISOString() : before.dueAt;
      const moved = dueAt !== before.dueAt;
      const title = input.title?.trim() ?? before.title;
      if (!title) throw invalidFields([fieldError('title', 'required')]);
      const after: CheckpointRecord = {
        ...before,
        title,
        note: input.note?.trim() ?? before.note,
        dueAt,
        missedAt: moved ? null : before.missedAt,
        acknowledgedAt: moved ? null : before.acknowledgedAt,
        acknowledgedBy: moved ? null : before.acknowledgedBy,
        version: before.version + 1,
      };
      if (input.done !== undefined && input.done !== Boolean(before.doneAt)) {
        after.doneAt = input.done ? now : null;
        after.doneBy = input.done ? this.ctx.actor.name : null;
      }
      if (!(await repo.updateCheckpoint(after, before.version, moved))) throw new AppError('conflict');
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'checkpoint_updated',
        changes: { checkpoint: { from: checkpointAudited(before), to: checkpointAudited(after) } },
      });
      await emit(tx, this.ctx, 'case.checkpoint_updated', {
        caseId,
        customerId: c.customerId,
        checkpointId: id,
        dueAt: after.dueAt,
        done: Boolean(after.doneAt),
      });
      return this.load(tx, caseId);
    });
  }

  async deleteCheckpoint(caseId: string, id: string): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineExtRepository(tx, this.ws);
      const before = await repo.findCheckpoint(caseId, id);
      if (!before) throw new AppError('not_found');
      await repo.deleteCheckpoint(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'checkpoint_removed',
        changes: { checkpoint: { from: checkpointAudited(before), to: null } },
      });
      await emit(tx, this.ctx, 'case.checkpoint_removed', {
        caseId,
        customerId: c.customerId,
        checkpointId: id,
      });
      return this.load(tx, caseId);
    });
  }

  /** Sets the case's own summary schedule (every N service hours, or none), or returns it to the default. */
  async setSummarySchedule(caseId: string, input: SummaryScheduleInput): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const repo = new DisciplineExtRepository(tx, this.ws);
      const before = await repo.state(caseId);
      const custom = !input.useDefault;
      const everyHours = custom ? input.everyHours : null;
      await repo.setSchedule(caseId, custom, everyHours, this.ctx.clock.now().toISOString());
      const audited = (s: { custom: boolean; everyHours: number | null }) => s;
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'summary_schedule_set',
        changes: {
          summarySchedule: {
            from: audited({
              custom: before?.summaryCustom ?? false,
              everyHours: before?.summaryEveryHours ?? null,
            }),
            to: audited({ custom, everyHours }),
          },
        },
      });
      await emit(tx, this.ctx, 'case.summary_schedule_set', {
        caseId,
        customerId: c.customerId,
        custom,
        everyHours,
      });
      return this.load(tx, caseId);
    });
  }

  /**
   * Mails the current agreement to the case's contact with a single-use link (7 days; only its hash is
   * stored). A new link replaces the earlier one; a new agreement voids both.
   */
  async sendAgreementLink(caseId: string): Promise<AgreementLinkSent> {
    const sent = await inTransaction(this.ctx, async (tx) => {
      const c = await this.writable(tx, caseId);
      const agreement = await new DisciplineRepository(tx, this.ws).agreement(caseId);
      if (!agreement || agreement.confirmedAt) throw new AppError('conflict');
      const contact = c.contactId
        ? await new DisciplineExtRepository(tx, this.ws).contact(c.contactId)
        : undefined;
      if (!contact?.email) throw new AppError('contact_unreachable');
      const secret = newSecret();
      const now = this.ctx.clock.now();
      const expiresAt = new Date(now.getTime() + AGREEMENT_LINK_TTL_MS).toISOString();
      const auth = new AuthRepository(tx, this.ws);
      await auth.expireOneTimeTokens(AGREEMENT_LINK_PURPOSE, agreement.id, now.toISOString());
      await new DisciplineExtRepository(tx, this.ws).insertAgreementToken({
        id: newId(),
        tokenHash: hashSecret(secret),
        purpose: AGREEMENT_LINK_PURPOSE,
        agreementId: agreement.id,
        now: now.toISOString(),
        expiresAt,
      });
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: caseId,
        action: 'agreement_link_sent',
        changes: {
          agreementLink: { from: null, to: { agreementId: agreement.id, sentTo: contact.email, expiresAt } },
        },
      });
      await emit(tx, this.ctx, 'case.agreement_link_sent', {
        caseId,
        customerId: c.customerId,
        agreementId: agreement.id,
      });
      return {
        c,
        agreement,
        contact: { ...contact, email: contact.email },
        token: `${this.ws}.${secret}`,
        expiresAt,
      };
    });
    const url = `${this.ctx.config.publicUrl}/portal/confirm?token=${encodeURIComponent(sent.token)}`;
    const en = (sent.contact.locale as Locale | null) === 'en';
    const ws = this.ctx.workspace.name;
    this.ctx.mailer.sendLater({
      to: sent.contact.email,
      subject: en
        ? `Please confirm what we agreed on case ${sent.c.number}`
        : `请确认工单 ${sent.c.number} 的处理目标`,
      text: en
        ? `Hello ${sent.contact.name},\n\nFor case ${sent.c.number} "${sent.c.subject}", ${ws} will deliver:\n\n${sent.agreement.text}\n\nOpen this link within 7 days to confirm it (no sign-in needed; it works once):\n${url}\n`
        : `${sent.contact.name} 您好：\n\n关于工单 ${sent.c.number}「${sent.c.subject}」，${ws} 与您商定的处理目标是：\n\n${sent.agreement.text}\n\n请在 7 天内打开以下链接确认（无需登录，链接仅可使用一次）：\n${url}\n`,
    });
    return { sentTo: sent.contact.email, expiresAt: sent.expiresAt };
  }

  async settings(): Promise<DisciplineSettings> {
    return new DisciplineExtRepository(this.ctx.database.db, this.ws).settings();
  }

  async saveSettings(input: DisciplineSettingsInput): Promise<DisciplineSettings> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = new DisciplineExtRepository(tx, this.ws);
      const before = await repo.settings();
      if (before.version !== input.version) throw new AppError('conflict');
      const next = {
        checkpointLeadMinutes: input.checkpointLeadMinutes,
        summaryHoursS1: input.summaryHoursS1,
        summaryHoursS2: input.summaryHoursS2,
      };
      if (!(await repo.saveSettings(next, before.version, this.ctx.clock.now().toISOString())))
        throw new AppError('conflict');
      const { version: _v, ...from } = before;
      await recordAudit(tx, this.ctx, {
        entityType: 'workspace',
        entityId: this.ws,
        action: 'discipline_settings_updated',
        changes: { disciplineSettings: { from, to: next } },
      });
      await emit(tx, this.ctx, 'discipline.settings_updated', next);
      return repo.settings();
    });
  }
}

/** A contact acknowledges a checkpoint date in the portal. */
export class PortalDisciplineExtService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly contact: ContactPrincipal,
  ) {}

  async acknowledgeCheckpoint(caseId: string, id: string): Promise<CaseDiscipline> {
    return inTransaction(this.ctx, async (tx) => {
      const c = await new CasesRepository(tx, this.ctx.workspace.id).find(caseId);
      if (!contactSees(this.contact, c)) throw new AppError('not_found');
      if (c.status === 'closed') throw new AppError('case_closed');
      const repo = new DisciplineExtRepository(tx, this.ctx.workspace.id);
      const before = await repo.findCheckpoint(caseId, id);
      if (!before) throw new AppError('not_found');
      if (!before.acknowledgedAt) {
        const after = {
          ...before,
          acknowledgedAt: this.ctx.clock.now().toISOString(),
          acknowledgedBy: this.ctx.actor.name,
        };
        if (!(await repo.acknowledgeCheckpoint(id, after.acknowledgedAt, after.acknowledgedBy)))
          throw new AppError('conflict');
        await recordAudit(tx, this.ctx, {
          entityType: 'case',
          entityId: caseId,
          action: 'checkpoint_acknowledged',
          changes: { checkpoint: { from: checkpointAudited(before), to: checkpointAudited(after) } },
        });
        await emit(tx, this.ctx, 'case.checkpoint_acknowledged', {
          caseId,
          customerId: c.customerId,
          checkpointId: id,
          contactId: this.contact.contactId,
        });
      }
      return loadDiscipline(tx, this.ctx, c, this.contact);
    });
  }
}

/**
 * The public confirmation page: anyone holding the link sees the agreement (nothing else of the case) and may
 * confirm it once. The link is void once used, expired, or when a new agreement replaced the one it was for.
 */
export class AgreementLinkService {
  constructor(
    private readonly deps: Deps,
    private readonly locale: Locale,
  ) {}

  private async resolve(tx: Executor, raw: string) {
    const parsed = splitScopedSecret(raw);
    if (!parsed) throw new AppError('token_invalid');
    const workspace = await findWorkspaceById(tx, parsed.workspaceId);
    if (!workspace || workspace.modules.helpdesk === false) throw new AppError('token_invalid');
    const now = this.deps.clock.now().toISOString();
    const hash = hashSecret(parsed.secret);
    const token = await new DisciplineExtRepository(tx, workspace.id).findToken(
      hash,
      AGREEMENT_LINK_PURPOSE,
      now,
    );
    if (!token) throw new AppError('token_invalid');
    const caseId = await new DisciplineExtRepository(tx, workspace.id).agreementCaseId(token.subjectId);
    if (!caseId) throw new AppError('token_invalid');
    const c = await new CasesRepository(tx, workspace.id).find(caseId);
    const current = await new DisciplineRepository(tx, workspace.id).agreement(caseId);
    if (!c || !current || current.id !== token.subjectId || c.status === 'closed')
      throw new AppError('token_invalid');
    return { workspace, hash, now, c, agreement: current };
  }

  private present(r: Awaited<ReturnType<AgreementLinkService['resolve']>>): AgreementLinkView {
    return {
      workspaceName: r.workspace.name,
      caseNumber: r.c.number,
      caseSubject: r.c.subject,
      contactName: r.c.contactName,
      text: r.agreement.text,
      proposedBy: r.agreement.proposedBy,
      proposedAt: r.agreement.proposedAt,
      confirmedAt: r.agreement.confirmedAt,
      confirmedVia: r.agreement.confirmedVia,
    };
  }

  async view(raw: string): Promise<AgreementLinkView> {
    return this.present(await this.resolve(this.deps.database.db, raw));
  }

  /** Confirms the agreement and uses the link up; "via link", by the case's contact. */
  async confirm(raw: string): Promise<AgreementLinkView> {
    return inTransaction(this.deps, async (tx) => {
      const r = await this.resolve(tx, raw);
      const used = await new AuthRepository(tx, r.workspace.id).consumeOneTimeToken(
        r.hash,
        AGREEMENT_LINK_PURPOSE,
        r.now,
      );
      if (!used) throw new AppError('token_invalid');
      const repo = new DisciplineRepository(tx, r.workspace.id);
      const before = r.agreement;
      if (!before.confirmedAt) {
        if (!(await repo.confirmAgreement(before.id, r.c.contactId, r.c.contactName, r.now, 'link')))
          throw new AppError('conflict');
        const ctx: ServiceContext = {
          ...this.deps,
          workspace: r.workspace,
          actor: { type: 'contact', id: r.c.contactId, name: r.c.contactName },
          principal: null,
          requestId: `agreement-link-${newId()}`,
          locale: this.locale,
        };
        await recordAudit(tx, ctx, {
          entityType: 'case',
          entityId: r.c.id,
          action: 'agreement_confirmed',
          changes: {
            agreement: {
              from: { id: before.id, confirmedAt: null },
              to: { id: before.id, confirmedAt: r.now, confirmedBy: r.c.contactName, confirmedVia: 'link' },
            },
          },
        });
        await emit(tx, ctx, 'case.agreement_confirmed', {
          caseId: r.c.id,
          customerId: r.c.customerId,
          agreementId: before.id,
          contactId: r.c.contactId,
          via: 'link',
        });
      }
      const after = await repo.agreement(r.c.id);
      return this.present({ ...r, agreement: after ?? before });
    });
  }
}
