import type {
  CaseDetail,
  CaseMergeLink,
  CaseMergeLinks,
  CaseMerge,
  CasePresence,
  CaseSplit,
  CaseSplitResult,
  FieldError,
  PresenceUpdate,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { diff, recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { applyCaseSla } from '../sla/index.js';
import { CasesRepository, type CaseRecord } from './cases.repository.js';
import { audited, changesOf, createCaseInTx, CasesService } from './cases.service.js';
import { contactSees } from './cases.portal.service.js';
import { CaseMergesRepository, type LinkedCase } from './merges.repository.js';

/** Heartbeats are expected about every 10 s; an entry not refreshed for 30 s is gone. */
export const PRESENCE_HEARTBEAT_MS = 10_000;
export const PRESENCE_EXPIRES_MS = 30_000;

function linkOf(l: LinkedCase): CaseMergeLink {
  const kind =
    l.kind === 'merge'
      ? l.outgoing
        ? 'merged_into'
        : 'merged_from'
      : l.outgoing
        ? 'split_to'
        : 'split_from';
  return { kind, caseId: l.caseId, number: l.number, subject: l.subject, at: l.at };
}

/** Merge, split, the links they leave, and who else is on a case right now. */
export class CaseMergesService {
  constructor(private readonly ctx: ServiceContext) {}

  private get ws() {
    return this.ctx.workspace.id;
  }

  async links(caseId: string): Promise<CaseMergeLinks> {
    const db = this.ctx.database.db;
    if (!(await new CasesRepository(db, this.ws).find(caseId))) throw new AppError('not_found');
    const repo = new CaseMergesRepository(db, this.ws);
    return { links: (await repo.linksOf(caseId)).map(linkOf), mergedMessages: await repo.origins(caseId) };
  }

  /** The portal: links to cases the contact may see, and origins of public messages only. */
  async portalLinks(contact: ContactPrincipal, caseId: string): Promise<CaseMergeLinks> {
    const db = this.ctx.database.db;
    const cases = new CasesRepository(db, this.ws);
    const c = await cases.find(caseId);
    if (!contactSees(contact, c)) throw new AppError('not_found');
    const repo = new CaseMergesRepository(db, this.ws);
    const links = (await repo.linksOf(caseId)).filter(
      (l) =>
        l.customerId === contact.customerId && (contact.companyWide || l.contactId === contact.contactId),
    );
    const publicIds = new Set((await cases.messages(caseId, { publicOnly: true })).map((m) => m.id));
    const mergedMessages = (await repo.origins(caseId)).filter((o) => publicIds.has(o.messageId));
    const visible = new Set(links.map((l) => l.caseId));
    return {
      links: links.map(linkOf),
      mergedMessages: mergedMessages.filter((o) => visible.has(o.fromCaseId)),
    };
  }

  /**
   * Merges case A into case B: A's messages are copied into B's conversation (marked with their origin), A is
   * closed, both keep a link; audit entries and events on both. Refused: into itself, into a closed case,
   * across customers (field errors on targetCaseId), from a closed case (409), with a stale version (409).
   */
  async merge(caseId: string, input: CaseMerge): Promise<CaseDetail> {
    return inTransaction(this.ctx, async (tx) => {
      const cases = new CasesRepository(tx, this.ws);
      const a = await cases.find(caseId);
      if (!a) throw new AppError('not_found');
      if (a.status === 'closed') throw new AppError('case_closed');
      if (a.version !== input.version) throw new AppError('conflict');
      const errs: FieldError[] = [];
      const b = input.targetCaseId === a.id ? a : await cases.find(input.targetCaseId);
      if (!b) errs.push(fieldError('targetCaseId', 'unknown_reference'));
      else if (b.id === a.id) errs.push(fieldError('targetCaseId', 'merge_same_case'));
      else if (b.status === 'closed') errs.push(fieldError('targetCaseId', 'merge_target_closed'));
      else if (b.customerId !== a.customerId)
        errs.push(fieldError('targetCaseId', 'merge_customer_mismatch'));
      if (errs.length || !b) throw invalidFields(errs);
      const now = this.ctx.clock.now().toISOString();
      const links = new CaseMergesRepository(tx, this.ws);
      const copied: string[] = [];
      for (const m of await cases.messages(a.id)) {
        const id = newId();
        await links.copyMessage(m, a.id, b.id, id);
        copied.push(id);
      }
      await cases.refreshSearchText(b.id);
      const next = {
        ...changesOf(a),
        status: 'closed' as const,
        pauseReason: null,
        solvedAt: a.solvedAt ?? now,
        closedAt: now,
      };
      if (!(await cases.update(a.id, a.version, next, now))) throw new AppError('conflict');
      await cases.setNextDeadline(
        a.id,
        await applyCaseSla(tx, this.ctx, a, (await cases.find(a.id)) as CaseRecord),
      );
      await links.insertLink({
        id: newId(),
        kind: 'merge',
        sourceCaseId: a.id,
        targetCaseId: b.id,
        messageId: null,
        createdAt: now,
      });
      const afterA = (await cases.find(a.id)) as CaseRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: a.id,
        action: 'merged',
        changes: {
          ...diff(audited(a), audited(afterA)),
          mergedInto: { from: null, to: { id: b.id, number: b.number } },
        },
      });
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: b.id,
        action: 'merge_received',
        changes: { mergedFrom: { from: null, to: { id: a.id, number: a.number, messages: copied.length } } },
      });
      await emit(tx, this.ctx, 'case.merged', {
        caseId: a.id,
        customerId: a.customerId,
        targetCaseId: b.id,
        statusFrom: a.status,
        statusTo: 'closed',
      });
      await emit(tx, this.ctx, 'case.merge_received', {
        caseId: b.id,
        customerId: b.customerId,
        sourceCaseId: a.id,
        messageIds: copied,
      });
      return new CasesService(this.ctx).get(b.id, tx);
    });
  }

  /**
   * Splits one message of case A off into a new case B of the same customer and contact (same type, severity,
   * team and assignee; with neither, assignment rules apply). The message stays in A; B's first message keeps
   * its author, time and visibility. Both cases keep a link; audit entries and events on both.
   */
  async split(caseId: string, input: CaseSplit): Promise<CaseSplitResult> {
    return inTransaction(this.ctx, async (tx) => {
      const cases = new CasesRepository(tx, this.ws);
      const a = await cases.find(caseId);
      if (!a) throw new AppError('not_found');
      if (a.status === 'closed') throw new AppError('case_closed');
      const message = (await cases.messages(a.id)).find((m) => m.id === input.messageId);
      if (!message) throw invalidFields([fieldError('messageId', 'unknown_reference')]);
      const suffix = this.ctx.locale === 'en' ? ' (split)' : '（拆分）';
      const subject = input.subject?.trim() || `${a.subject.slice(0, 200 - suffix.length)}${suffix}`;
      const bId = await createCaseInTx(tx, this.ctx, {
        customerId: a.customerId,
        contactId: a.contactId,
        subject,
        type: a.type,
        severity: a.severity,
        channel: a.channel,
        body: message.bodyHtml || message.bodyText,
        assigneeId: a.assigneeId,
        teamId: a.teamId,
      });
      const links = new CaseMergesRepository(tx, this.ws);
      const first = (await cases.messages(bId))[0];
      if (first) await links.restoreAuthor(first.id, message);
      const now = this.ctx.clock.now().toISOString();
      await links.insertLink({
        id: newId(),
        kind: 'split',
        sourceCaseId: a.id,
        targetCaseId: bId,
        messageId: message.id,
        createdAt: now,
      });
      const b = (await cases.find(bId)) as CaseRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: a.id,
        action: 'split',
        changes: { splitTo: { from: null, to: { id: b.id, number: b.number, messageId: message.id } } },
      });
      await recordAudit(tx, this.ctx, {
        entityType: 'case',
        entityId: b.id,
        action: 'split_from',
        changes: { splitFrom: { from: null, to: { id: a.id, number: a.number, messageId: message.id } } },
      });
      await emit(tx, this.ctx, 'case.split', {
        caseId: a.id,
        customerId: a.customerId,
        newCaseId: b.id,
        messageId: message.id,
      });
      return { caseId: b.id, number: b.number };
    });
  }

  private get userId(): string {
    if (this.ctx.principal?.kind !== 'staff') throw new AppError('forbidden');
    return this.ctx.principal.userId;
  }

  /**
   * A heartbeat: I am viewing or replying to the case (left: I am gone). Entries are rows, so every server
   * process sees them; they expire PRESENCE_EXPIRES_MS after the last heartbeat. Presence is ephemeral: no
   * audit entry or event is written for it.
   */
  async heartbeat(caseId: string, input: PresenceUpdate): Promise<CasePresence> {
    const userId = this.userId;
    const db = this.ctx.database.db;
    if (!(await new CasesRepository(db, this.ws).find(caseId))) throw new AppError('not_found');
    const now = this.ctx.clock.now();
    const repo = new CaseMergesRepository(db, this.ws);
    if (input.state === 'left') await repo.deletePresence(caseId, userId);
    else await repo.upsertPresence(caseId, userId, input.state, now.toISOString());
    await repo.expirePresence(caseId, new Date(now.getTime() - PRESENCE_EXPIRES_MS).toISOString());
    return this.others(caseId, userId, now);
  }

  async presence(caseId: string): Promise<CasePresence> {
    const userId = this.userId;
    if (!(await new CasesRepository(this.ctx.database.db, this.ws).find(caseId)))
      throw new AppError('not_found');
    return this.others(caseId, userId, this.ctx.clock.now());
  }

  private async others(caseId: string, userId: string, now: Date): Promise<CasePresence> {
    const since = new Date(now.getTime() - PRESENCE_EXPIRES_MS).toISOString();
    const rows = await new CaseMergesRepository(this.ctx.database.db, this.ws).presence(
      caseId,
      since,
      userId,
    );
    return {
      others: rows.map((r) => ({
        userId: r.userId,
        name: r.name,
        state: r.state === 'replying' ? 'replying' : 'viewing',
        seenAt: r.seenAt,
      })),
      heartbeatMs: PRESENCE_HEARTBEAT_MS,
      expiresMs: PRESENCE_EXPIRES_MS,
      at: now.toISOString(),
    };
  }
}
