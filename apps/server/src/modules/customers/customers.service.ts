import type { Customer, CustomerCreate, CustomerQuery, CustomerUpdate, PageOf } from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { parseSort } from '../../platform/http/sort.js';
import { CustomersRepository, type CustomerFields, type CustomerRecord } from './customers.repository.js';
import { presentCustomer } from './customers.presenter.js';
import { CaseIndexRepository } from '../cases/index.js';

const SORTS = {
  name: 'name',
  code: 'code',
  tier: 'tier',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

export class CustomersService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db = this.ctx.database.db) {
    return new CustomersRepository(db, this.ctx.workspace.id);
  }

  private present = (c: CustomerRecord): Customer => presentCustomer(c, this.ctx.principal);

  async list(query: CustomerQuery): Promise<PageOf<Customer>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.repo().list({
      q: query.q?.trim() || undefined,
      tier: query.tier,
      tag: query.tag,
      ownerId: query.ownerId,
      sort: parseSort(query.sort, SORTS, { column: 'name', desc: false }),
      page,
      pageSize,
    });
    return { items: items.map(this.present), total, page, pageSize };
  }

  async get(id: string): Promise<Customer> {
    const c = await this.repo().find(id);
    if (!c) throw new AppError('not_found');
    return this.present(c);
  }

  async create(input: CustomerCreate): Promise<Customer> {
    const fields: CustomerFields = {
      code: input.code.trim(),
      name: input.name.trim(),
      tier: input.tier ?? 'standard',
      tags: input.tags ?? [],
      ownerId: input.ownerId ?? null,
      phone: input.phone ?? null,
      website: input.website ?? null,
      province: input.province ?? null,
      city: input.city ?? null,
      address: input.address ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      notes: input.notes ?? null,
    };
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      await this.check(repo, fields, null);
      const id = newId();
      try {
        await repo.insert(id, fields, this.ctx.clock.now().toISOString());
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('code', 'duplicate')]);
        throw err;
      }
      const created = this.present((await repo.find(id)) as CustomerRecord);
      await recordAudit(tx, this.ctx, {
        entityType: 'customer',
        entityId: id,
        action: 'created',
        after: created,
      });
      await emit(tx, this.ctx, 'customer.created', { customerId: id });
      return created;
    });
  }

  async update(id: string, input: CustomerUpdate): Promise<Customer> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.find(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const { version: _v, ...patch } = input;
      const fields: CustomerFields = { ...pickFields(before), ...stripUndefined(patch) };
      await this.check(repo, fields, id);
      let ok: boolean;
      try {
        ok = await repo.update(id, before.version, fields, this.ctx.clock.now().toISOString());
      } catch (err) {
        if (isUniqueViolation(err)) throw invalidFields([fieldError('code', 'duplicate')]);
        throw err;
      }
      if (!ok) throw new AppError('conflict');
      if (fields.name !== before.name)
        await new CaseIndexRepository(tx, this.ctx.workspace.id).refreshCustomer(id);
      const after = this.present((await repo.find(id)) as CustomerRecord);
      await recordAudit(tx, this.ctx, {
        entityType: 'customer',
        entityId: id,
        action: 'updated',
        before: this.present(before),
        after,
      });
      await emit(tx, this.ctx, 'customer.updated', { customerId: id });
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
      await recordAudit(tx, this.ctx, {
        entityType: 'customer',
        entityId: id,
        action: 'deleted',
        before: this.present(before),
      });
    });
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  private async check(repo: CustomersRepository, f: CustomerFields, selfId: string | null): Promise<void> {
    const errs = [];
    const sameCode = await repo.findByCode(f.code);
    if (sameCode && sameCode.id !== selfId) errs.push(fieldError('code', 'duplicate'));
    if (f.ownerId && !(await repo.userExists(f.ownerId)))
      errs.push(fieldError('ownerId', 'unknown_reference'));
    if ((f.latitude === null) !== (f.longitude === null))
      errs.push(fieldError(f.latitude === null ? 'latitude' : 'longitude', 'required'));
    if (errs.length) throw invalidFields(errs);
  }
}

function pickFields(c: CustomerRecord): CustomerFields {
  const {
    id: _id,
    ownerName: _o,
    contactCount: _c,
    createdAt: _a,
    updatedAt: _u,
    version: _v,
    ...fields
  } = c;
  return fields;
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
