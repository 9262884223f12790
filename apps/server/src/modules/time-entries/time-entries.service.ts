import type {
  CaseTime,
  Locale,
  TimeEntry,
  TimeEntryCreate,
  TimeEntryQuery,
  TimeEntryUpdate,
  TimeReport,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { diff, recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { TimeEntriesRepository, type TimeEntryRecord } from './time-entries.repository.js';
import { mayChange, presentTimeEntry, totalsOf } from './time-entries.presenter.js';

function audited(e: TimeEntryRecord): Record<string, unknown> {
  return {
    caseId: e.caseId,
    userId: e.userId,
    minutes: e.minutes,
    billable: e.billable,
    note: e.note,
    workedOn: e.workedOn,
  };
}

const CSV_HEADER: Record<Locale, string[]> = {
  'zh-CN': ['日期', '工单', '客户', '人员', '分钟', '可计费', '备注'],
  en: ['Date', 'Case', 'Customer', 'Agent', 'Minutes', 'Billable', 'Note'],
};

/** Time worked on a case by agents: entries, totals, and the report across cases. */
export class TimeEntriesService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new TimeEntriesRepository(db, this.ctx.workspace.id);
  }

  private get userId(): string {
    const p = this.ctx.principal;
    if (!p || p.kind !== 'staff') throw new AppError('forbidden');
    return p.userId;
  }

  async forCase(caseId: string): Promise<CaseTime> {
    const repo = this.repo();
    if (!(await repo.caseExists(caseId))) throw new AppError('not_found');
    const entries = await repo.list({ caseId });
    return {
      entries: entries.map((e) => presentTimeEntry(e, this.ctx.principal)),
      totals: totalsOf(entries),
    };
  }

  async create(caseId: string, input: TimeEntryCreate): Promise<TimeEntry> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      if (!(await repo.caseExists(caseId))) throw new AppError('not_found');
      const id = newId();
      await repo.insert(
        {
          id,
          caseId,
          userId: this.userId,
          minutes: input.minutes,
          billable: input.billable,
          note: input.note?.trim() ?? '',
          workedOn: input.workedOn,
        },
        this.ctx.clock.now().toISOString(),
      );
      const created = (await repo.find(caseId, id)) as TimeEntryRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'time_entry',
        entityId: id,
        action: 'created',
        after: audited(created),
      });
      await emit(tx, this.ctx, 'time_entry.created', { caseId, entryId: id, minutes: created.minutes });
      return presentTimeEntry(created, this.ctx.principal);
    });
  }

  async update(caseId: string, id: string, input: TimeEntryUpdate): Promise<TimeEntry> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(caseId, id);
      if (!before) throw new AppError('not_found');
      if (!mayChange(before, this.ctx.principal)) throw new AppError('forbidden');
      if (before.version !== input.version) throw new AppError('conflict');
      const ok = await repo.update(
        id,
        before.version,
        {
          minutes: input.minutes,
          billable: input.billable,
          note: input.note?.trim() ?? '',
          workedOn: input.workedOn,
        },
        this.ctx.clock.now().toISOString(),
      );
      if (!ok) throw new AppError('conflict');
      const after = (await repo.find(caseId, id)) as TimeEntryRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'time_entry',
        entityId: id,
        action: 'updated',
        changes: diff(audited(before), audited(after)),
      });
      await emit(tx, this.ctx, 'time_entry.updated', { caseId, entryId: id });
      return presentTimeEntry(after, this.ctx.principal);
    });
  }

  async delete(caseId: string, id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(caseId, id);
      if (!before) throw new AppError('not_found');
      if (!mayChange(before, this.ctx.principal)) throw new AppError('forbidden');
      await repo.delete(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'time_entry',
        entityId: id,
        action: 'deleted',
        before: audited(before),
      });
      await emit(tx, this.ctx, 'time_entry.deleted', { caseId, entryId: id });
    });
  }

  async report(q: TimeEntryQuery): Promise<TimeReport> {
    if (q.from && q.to && q.from > q.to) throw invalidFields([fieldError('to', 'invalid_value')]);
    const entries = await this.repo().list({
      userId: q.userId,
      customerId: q.customerId,
      from: q.from,
      to: q.to,
    });
    return { items: entries.map((e) => presentTimeEntry(e, this.ctx.principal)), totals: totalsOf(entries) };
  }

  /** The report as CSV (UTF-8 with BOM so spreadsheet programs read Chinese correctly). */
  async csv(q: TimeEntryQuery): Promise<string> {
    const { items } = await this.report(q);
    const locale = this.ctx.locale;
    const yes = locale === 'en' ? 'yes' : '是';
    const no = locale === 'en' ? 'no' : '否';
    const rows = items.map((e) => [
      e.workedOn,
      e.caseNumber,
      e.customerName,
      e.userName,
      String(e.minutes),
      e.billable ? yes : no,
      e.note,
    ]);
    const { default: Papa } = await import('papaparse');
    return `\ufeff${Papa.unparse([CSV_HEADER[locale], ...rows], { escapeFormulae: true })}\r\n`;
  }
}
