import type {
  FieldError,
  PageOf,
  ServiceContract,
  ServiceContractCreate,
  ServiceContractQuery,
  ServiceContractUpdate,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { formatNumber, nextNumber } from '../../platform/db/numbers.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { isIsoDate, workspaceToday } from '../assets/index.js';
import { recomputeCasesUsing } from '../sla/index.js';
import {
  ServiceContractsRepository,
  type ServiceContractFields,
  type ServiceContractRecord,
} from './service-contracts.repository.js';
import { presentContract } from './service-contracts.presenter.js';

function audited(c: ServiceContractRecord): Record<string, unknown> {
  return {
    number: c.number,
    customerId: c.customerId,
    name: c.name,
    editionId: c.editionId,
    calendarId: c.calendarId,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    notes: c.notes,
  };
}

/** Service contracts of customers: the edition covered, the service calendar, the term. */
export class ServiceContractsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new ServiceContractsRepository(db, this.ctx.workspace.id);
  }

  private present = (c: ServiceContractRecord, today = workspaceToday(this.ctx)): ServiceContract =>
    presentContract(c, this.ctx.principal, today);

  async list(query: ServiceContractQuery): Promise<PageOf<ServiceContract>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const today = workspaceToday(this.ctx);
    const { items, total } = await this.repo().list({
      customerId: query.customerId,
      state: query.state ? { kind: query.state, today } : undefined,
      page,
      pageSize,
    });
    return { items: items.map((c) => this.present(c, today)), total, page, pageSize };
  }

  async get(id: string, db: Executor = this.ctx.database.db): Promise<ServiceContract> {
    const c = await this.repo(db).find(id);
    if (!c) throw new AppError('not_found');
    return this.present(c);
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  async create(input: ServiceContractCreate): Promise<ServiceContract> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const errs: FieldError[] = [];
      if (!(await repo.customerExists(input.customerId)))
        errs.push(fieldError('customerId', 'unknown_reference'));
      const fields = normalised(input);
      errs.push(...(await checkFields(repo, fields)));
      if (errs.length) throw invalidFields(errs);
      const id = newId();
      const number = formatNumber('SC', await nextNumber(tx, this.ctx.workspace.id, 'service_contract'));
      await repo.insert({ ...fields, id, number, customerId: input.customerId }, this.now());
      const after = (await repo.find(id)) as ServiceContractRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'service_contract',
        entityId: id,
        action: 'created',
        after: audited(after),
      });
      await emit(tx, this.ctx, 'service_contract.created', {
        contractId: id,
        customerId: input.customerId,
      });
      return this.present(after);
    });
  }

  /**
   * Updates a contract (version checked). When its calendar or covered edition changes, the open cases served
   * under it get their SLA recomputed (policy reselected, due instants over the new calendar).
   */
  async update(id: string, input: ServiceContractUpdate): Promise<ServiceContract> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const fields = normalised({
        name: input.name ?? before.name,
        editionId: input.editionId === undefined ? before.editionId : input.editionId,
        calendarId: input.calendarId === undefined ? before.calendarId : input.calendarId,
        startsOn: input.startsOn ?? before.startsOn,
        endsOn: input.endsOn ?? before.endsOn,
        notes: input.notes === undefined ? before.notes : input.notes,
      });
      const errs = await checkFields(repo, fields, before);
      if (errs.length) throw invalidFields(errs);
      if (!(await repo.update(id, before.version, fields, this.now()))) throw new AppError('conflict');
      const after = (await repo.find(id)) as ServiceContractRecord;
      const recomputedCases =
        after.calendarId !== before.calendarId || after.editionId !== before.editionId
          ? await recomputeCasesUsing(tx, this.ctx, { contractId: id })
          : 0;
      await recordAudit(tx, this.ctx, {
        entityType: 'service_contract',
        entityId: id,
        action: 'updated',
        before: audited(before),
        after: { ...audited(after), ...(recomputedCases ? { recomputedCases } : {}) },
      });
      await emit(tx, this.ctx, 'service_contract.updated', {
        contractId: id,
        customerId: after.customerId,
        recomputedCases,
      });
      return this.present(after);
    });
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }
}

function normalised(input: {
  name: string;
  editionId?: string | null | undefined;
  calendarId?: string | null | undefined;
  startsOn: string;
  endsOn: string;
  notes?: string | null | undefined;
}): ServiceContractFields {
  return {
    name: input.name.trim(),
    editionId: input.editionId ?? null,
    calendarId: input.calendarId ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    notes: input.notes?.trim() || null,
  };
}

async function checkFields(
  repo: ServiceContractsRepository,
  f: ServiceContractFields,
  before?: ServiceContractRecord,
): Promise<FieldError[]> {
  const errs: FieldError[] = [];
  if (!f.name) errs.push(fieldError('name', 'required'));
  if (!isIsoDate(f.startsOn)) errs.push(fieldError('startsOn', 'invalid_value'));
  if (!isIsoDate(f.endsOn)) errs.push(fieldError('endsOn', 'invalid_value'));
  else if (isIsoDate(f.startsOn) && f.endsOn < f.startsOn)
    errs.push(fieldError('endsOn', 'ends_before_start'));
  if (f.editionId && f.editionId !== before?.editionId && !(await repo.editionExists(f.editionId)))
    errs.push(fieldError('editionId', 'unknown_reference'));
  if (f.calendarId && f.calendarId !== before?.calendarId && !(await repo.calendarExists(f.calendarId)))
    errs.push(fieldError('calendarId', 'unknown_reference'));
  return errs;
}
