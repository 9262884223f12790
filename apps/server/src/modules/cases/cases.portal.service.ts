import type {
  PageOf,
  PortalCase,
  PortalCaseCreate,
  PortalCaseDetail,
  PortalCaseQuery,
  PortalMessageCreate,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/errors.js';
import { CasesRepository, type CaseRecord } from './cases.repository.js';
import { presentPortalCase, presentPortalCaseDetail } from './cases.presenter.js';
import { loadDiscipline } from './discipline-ext.view.js';
import { addMessageInTx, createCaseInTx } from './cases.service.js';
import { caseCommitments } from '../sla/index.js';
import { attachUploadsInTx, withCaseAttachments } from '../attachments/index.js';
import { entitledSeverity, newCaseCharge, recordPaidEscalation } from '../service-levels/index.js';

/** Whether a contact may see the case: their company's, and their own unless they are company-wide. */
export function contactSees(contact: ContactPrincipal, c: CaseRecord | undefined): c is CaseRecord {
  return Boolean(
    c && c.customerId === contact.customerId && (contact.companyWide || c.contactId === contact.contactId),
  );
}

/**
 * Cases as a customer's contact sees them: their own cases, or every case of their company for company-wide
 * contacts. Anything else is "not found". Internal notes never leave this service.
 */
export class PortalCasesService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly contact: ContactPrincipal,
  ) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new CasesRepository(db, this.ctx.workspace.id);
  }

  private visible(c: CaseRecord | undefined): c is CaseRecord {
    return contactSees(this.contact, c);
  }

  async list(query: PortalCaseQuery): Promise<PageOf<PortalCase>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.repo().list({
      customerId: this.contact.customerId,
      contactId: this.contact.companyWide ? undefined : this.contact.contactId,
      status: query.status,
      q: query.q?.trim() || undefined,
      searchMessages: false,
      sort: { column: 'created_at', desc: true },
      page,
      pageSize,
    });
    const commitments = await caseCommitments(this.ctx.database.db, this.ctx, items);
    return {
      items: items.map((c) => presentPortalCase(c, commitments.get(c.id) ?? null)),
      total,
      page,
      pageSize,
    };
  }

  async get(id: string, db: Executor = this.ctx.database.db): Promise<PortalCaseDetail> {
    const repo = this.repo(db);
    const c = await repo.find(id);
    if (!this.visible(c)) throw new AppError('not_found');
    const commitment = (await caseCommitments(db, this.ctx, [c])).get(c.id) ?? null;
    const discipline = await loadDiscipline(db, this.ctx, c, this.contact);
    const detail = presentPortalCaseDetail(
      c,
      await repo.messages(id, { publicOnly: true }),
      commitment,
      discipline,
    );
    return withCaseAttachments(db, this.ctx, id, detail);
  }

  /**
   * Opens a case. A severity more urgent than the customer's entitlement is a paid escalation: it needs
   * `acceptCharge: true` (else 422 charge_not_accepted with the price, nothing written) and records the charge
   * (entitlement → requested severity) in the same transaction. Without a severity: S3, capped to the
   * entitlement, so it is always free.
   */
  async create(input: PortalCaseCreate): Promise<PortalCaseDetail> {
    const id = await inTransaction(this.ctx, async (tx) => {
      const customerId = this.contact.customerId;
      const severity = input.severity ?? (await entitledSeverity(tx, this.ctx, customerId, 'S3'));
      const charge = await newCaseCharge(tx, this.ctx, customerId, severity);
      if (charge && !input.acceptCharge)
        throw new AppError('charge_not_accepted', { ...charge, currency: 'CNY' });
      const id = await createCaseInTx(tx, this.ctx, {
        customerId,
        contactId: this.contact.contactId,
        subject: input.subject,
        type: input.type ?? 'question',
        severity,
        channel: 'portal',
        body: input.body,
        assigneeId: null,
        attachmentIds: input.attachmentIds,
        assetId: input.assetId,
      });
      if (charge)
        await recordPaidEscalation(
          tx,
          this.ctx,
          { id, customerId },
          charge.entitlement,
          severity,
          charge.amountCents,
        );
      return id;
    });
    // Read back after the commit (not part of the write's transaction).
    return this.get(id);
  }

  /** The customer's reply; returns the case as they now see it. */
  async reply(id: string, input: PortalMessageCreate): Promise<PortalCaseDetail> {
    return inTransaction(this.ctx, async (tx) => {
      const before = await this.repo(tx).find(id);
      if (!this.visible(before)) throw new AppError('not_found');
      const message = await addMessageInTx(tx, this.ctx, before, input.body, 'public');
      await attachUploadsInTx(tx, this.ctx, { caseId: id, messageId: message.id }, input.attachmentIds);
      return this.get(id, tx);
    });
  }
}
