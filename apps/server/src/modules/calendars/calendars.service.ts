import type {
  CalendarIcsImport,
  CalendarPreview,
  CalendarPreviewQuery,
  FieldError,
  ServiceCalendar,
  ServiceCalendarCreate,
  ServiceCalendarUpdate,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import {
  importIcs,
  openingHoursOn,
  toLocalParts,
  validateServiceCalendarSpec,
  type ServiceCalendarSpec,
} from '../../platform/calendar/index.js';
import { CalendarsRepository, type CalendarRecord } from './calendars.repository.js';
import { compiledCalendar } from './compiled.js';
import { recomputeCasesUsing } from '../sla/index.js';

const LAST_DATE_MS = Date.parse('9999-12-31T00:00:00Z');

const DAY_MS = 86_400_000;

/** The validator's messages ("weekly[1][0].start: …") as field errors under spec/… ("spec/weekly/1/0/start"). */
export function specErrors(spec: unknown): FieldError[] {
  const v = validateServiceCalendarSpec(spec);
  if (v.ok) return [];
  return v.errors.map((e) => {
    const cut = e.indexOf(': ');
    const path = (cut < 0 ? '' : e.slice(0, cut))
      .replace(/^calendar$/, '')
      .replace(/\[(\d+)\]/g, '/$1')
      .replace(/\./g, '/')
      .replace(/^\//, '');
    return { field: path ? `spec/${path}` : 'spec', code: 'invalid_calendar', message: e };
  });
}

function actions(ctx: ServiceContext, c: CalendarRecord): string[] {
  const canManage = ctx.principal?.kind === 'staff' && ctx.principal.permissions.has('sla.manage');
  if (!canManage) return [];
  return c.isDefault ? ['update', 'import'] : ['update', 'import', 'delete', 'makeDefault'];
}

/** Drops empty optional lists so a stored spec stays minimal. */
function cleanSpec(spec: ServiceCalendarSpec): ServiceCalendarSpec {
  return JSON.parse(JSON.stringify(spec)) as ServiceCalendarSpec;
}

/** Service calendars: the hours SLA targets are counted in. */
export class CalendarsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new CalendarsRepository(db, this.ctx.workspace.id);
  }

  present(c: CalendarRecord): ServiceCalendar {
    return { ...c, actions: actions(this.ctx, c) };
  }

  async list(): Promise<ServiceCalendar[]> {
    return (await this.repo().list()).map((c) => this.present(c));
  }

  async get(id: string): Promise<ServiceCalendar> {
    const c = await this.repo().find(id);
    if (!c) throw new AppError('not_found');
    return this.present(c);
  }

  async create(input: ServiceCalendarCreate): Promise<ServiceCalendar> {
    const errs = specErrors(input.spec);
    if (errs.length) throw invalidFields(errs);
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const now = this.ctx.clock.now().toISOString();
      const id = newId();
      const isDefault = input.isDefault ?? false;
      await repo.insert({ id, name: input.name.trim(), spec: cleanSpec(input.spec), isDefault }, now);
      if (isDefault) await repo.clearDefault(id, now);
      const created = (await repo.find(id)) as CalendarRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'service_calendar',
        entityId: id,
        action: 'created',
        after: created,
      });
      return this.present(created);
    });
  }

  async update(id: string, input: ServiceCalendarUpdate): Promise<ServiceCalendar> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const errs: FieldError[] = input.spec ? specErrors(input.spec) : [];
      if (before.isDefault && input.isDefault === false) errs.push(fieldError('isDefault', 'invalid_value'));
      if (errs.length) throw invalidFields(errs);
      return this.save(tx, before, {
        name: input.name?.trim() || before.name,
        spec: input.spec ? cleanSpec(input.spec) : before.spec,
        isDefault: input.isDefault ?? before.isDefault,
      });
    });
  }

  private async save(
    tx: Executor,
    before: CalendarRecord,
    next: { name: string; spec: ServiceCalendarSpec; isDefault: boolean },
  ): Promise<ServiceCalendar> {
    const repo = this.repo(tx);
    const now = this.ctx.clock.now().toISOString();
    if (!(await repo.update(before.id, before.version, next, now))) throw new AppError('conflict');
    if (next.isDefault && !before.isDefault) await repo.clearDefault(before.id, now);
    const after = (await repo.find(before.id)) as CalendarRecord;
    // Open cases counted in this calendar get their due instants recomputed (bounded batches).
    const recomputedCases = await recomputeCasesUsing(tx, this.ctx, { calendarId: before.id });
    await recordAudit(tx, this.ctx, {
      entityType: 'service_calendar',
      entityId: before.id,
      action: 'updated',
      before,
      after: { ...after, recomputedCases },
    });
    return this.present(after);
  }

  async delete(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.isDefault || (await repo.inUse(id))) throw invalidFields([fieldError('id', 'in_use')]);
      await repo.delete(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'service_calendar',
        entityId: id,
        action: 'deleted',
        before,
      });
    });
  }

  /**
   * Merges the holidays and working days of an iCalendar file into the calendar: an imported date replaces
   * whatever the calendar said about that date before (so re-importing a corrected file is safe).
   */
  async importIcs(id: string, input: CalendarIcsImport): Promise<ServiceCalendar> {
    return inTransaction(this.ctx, async (tx) => {
      const before = await this.repo(tx).find(id);
      if (!before) throw new AppError('not_found');
      let parsed: ReturnType<typeof importIcs>;
      try {
        parsed = importIcs(input.ics);
      } catch {
        throw invalidFields([fieldError('ics', 'invalid_value')]);
      }
      const imported = new Set([...parsed.holidays, ...parsed.workdays]);
      const dateOf = (e: string | { date: string }) => (typeof e === 'string' ? e : e.date);
      const holidays = [
        ...(before.spec.holidays ?? []).filter((h) => !imported.has(dateOf(h))),
        ...parsed.holidays,
      ];
      const workdays = [
        ...(before.spec.workdays ?? []).filter((w) => !imported.has(dateOf(w))),
        ...parsed.workdays,
      ];
      holidays.sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
      workdays.sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
      const spec: ServiceCalendarSpec = { ...before.spec, holidays, workdays };
      const errs = specErrors(spec);
      if (errs.length) throw invalidFields(errs);
      return this.save(tx, before, { name: before.name, spec, isDefault: before.isDefault });
    });
  }

  /** Opening hours per local date, for the settings page. */
  async preview(id: string, query: CalendarPreviewQuery): Promise<CalendarPreview> {
    const c = await this.repo().find(id);
    if (!c) throw new AppError('not_found');
    const cal = compiledCalendar(this.ctx.workspace.id, c);
    const from = query.from ?? toLocalParts(cal, this.ctx.clock.now()).date;
    const start = Date.parse(`${from}T00:00:00Z`);
    const count = query.days ?? 14;
    // Dates are YYYY-MM-DD: a preview running past the year 9999 has no dates to show.
    if (start + (count - 1) * DAY_MS > LAST_DATE_MS)
      throw invalidFields([fieldError('from', 'invalid_value')]);
    const days = [];
    for (let i = 0; i < count; i += 1) {
      const date = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
      const h = openingHoursOn(cal, date);
      days.push({
        date: h.date,
        weekday: h.weekday,
        kind: h.kind,
        source: h.source,
        name: h.name ?? null,
        shifts: h.shifts,
        minutes: h.minutes,
      });
    }
    return { timeZone: c.spec.timeZone ?? 'Asia/Shanghai', days };
  }
}
