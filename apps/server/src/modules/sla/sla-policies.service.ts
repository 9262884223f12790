import type {
  FieldError,
  SlaPolicy,
  SlaPolicyCreate,
  SlaPolicyOrder,
  SlaPolicyUpdate,
} from '@aftercare/contracts';
import { positionChanges } from '../../platform/ordering.js';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { DEFAULT_WARN_AT } from './defaults.js';
import { SlaRepository, type PolicyRecord, type PolicyWrite } from './sla.repository.js';
import { recomputeCasesUsing } from './sla.levels.js';
import { conditionErrors } from './sla.conditions.js';

function audited(p: PolicyRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, version: _v, calendarName: _n, ...rest } = p;
  return rest;
}

/** SLA policies: which cases get which targets, evaluated in order (first match wins). */
export class SlaPoliciesService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new SlaRepository(db, this.ctx.workspace.id);
  }

  private present(p: PolicyRecord): SlaPolicy {
    const canManage =
      this.ctx.principal?.kind === 'staff' && this.ctx.principal.permissions.has('sla.manage');
    return { ...p, actions: canManage ? ['update', 'delete', 'reorder'] : [] };
  }

  async list(): Promise<SlaPolicy[]> {
    return (await this.repo().listPolicies()).map((p) => this.present(p));
  }

  async get(id: string): Promise<SlaPolicy> {
    const p = await this.repo().findPolicy(id);
    if (!p) throw new AppError('not_found');
    return this.present(p);
  }

  private checkWarnAt(warnAt: number[] | undefined, errs: FieldError[]) {
    if (warnAt && !((warnAt[0] ?? 0) < (warnAt[1] ?? 0))) errs.push(fieldError('warnAt', 'invalid_value'));
  }

  async create(input: SlaPolicyCreate): Promise<SlaPolicy> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const errs: FieldError[] = [];
      const calendarId = input.calendarId ?? (await repo.defaultCalendarId());
      if (!calendarId || !(await repo.calendarExists(calendarId)))
        errs.push(fieldError('calendarId', 'unknown_reference'));
      this.checkWarnAt(input.warnAt, errs);
      errs.push(...(await conditionErrors(tx, this.ctx.workspace.id, input.conditions)));
      if (errs.length) throw invalidFields(errs);
      const now = this.ctx.clock.now().toISOString();
      const id = newId();
      await repo.insertPolicy(
        {
          id,
          name: input.name.trim(),
          position: (await repo.maxPosition()) + 1,
          conditions: input.conditions ?? {},
          calendarId: calendarId as string,
          targets: input.targets,
          warnAt: input.warnAt ?? DEFAULT_WARN_AT,
          active: input.active ?? true,
        },
        now,
      );
      const created = (await repo.findPolicy(id)) as PolicyRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'sla_policy',
        entityId: id,
        action: 'created',
        after: audited(created),
      });
      return this.present(created);
    });
  }

  async update(id: string, input: SlaPolicyUpdate): Promise<SlaPolicy> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.findPolicy(id);
      if (!before) throw new AppError('not_found');
      if (before.version !== input.version) throw new AppError('conflict');
      const errs: FieldError[] = [];
      if (input.calendarId && !(await repo.calendarExists(input.calendarId)))
        errs.push(fieldError('calendarId', 'unknown_reference'));
      this.checkWarnAt(input.warnAt, errs);
      errs.push(...(await conditionErrors(tx, this.ctx.workspace.id, input.conditions)));
      if (errs.length) throw invalidFields(errs);
      const next: PolicyWrite = {
        id,
        name: input.name?.trim() || before.name,
        position: before.position,
        conditions: input.conditions ?? before.conditions,
        calendarId: input.calendarId ?? before.calendarId,
        targets: input.targets ?? before.targets,
        warnAt: input.warnAt ?? before.warnAt,
        active: input.active ?? before.active,
      };
      const now = this.ctx.clock.now().toISOString();
      if (!(await repo.updatePolicy(next, before.version, now))) throw new AppError('conflict');
      const after = (await repo.findPolicy(id)) as PolicyRecord;
      // Open cases under this policy get their targets, calendar and warnings recomputed (bounded batches).
      const recomputed = await recomputeCasesUsing(tx, this.ctx, { policyId: id });
      await recordAudit(tx, this.ctx, {
        entityType: 'sla_policy',
        entityId: id,
        action: 'updated',
        before: audited(before),
        after: { ...audited(after), recomputedCases: recomputed },
      });
      return this.present(after);
    });
  }

  /** Deletes a policy; cases under it keep their clocks (their targets were copied). */
  async delete(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.findPolicy(id);
      if (!before) throw new AppError('not_found');
      await repo.deletePolicy(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'sla_policy',
        entityId: id,
        action: 'deleted',
        before: audited(before),
      });
    });
  }

  /** Sets the evaluation order; ids must be exactly the workspace's policies. */
  async reorder(input: SlaPolicyOrder): Promise<SlaPolicy[]> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const current = await repo.listPolicies();
      const now = this.ctx.clock.now().toISOString();
      for (const { id, position } of positionChanges(current, input.ids))
        await repo.setPosition(id, position, now);
      await recordAudit(tx, this.ctx, {
        entityType: 'sla_policy',
        entityId: this.ctx.workspace.id,
        action: 'reordered',
        changes: { order: { from: current.map((p) => p.id), to: input.ids } },
      });
      return (await repo.listPolicies()).map((p) => this.present(p));
    });
  }
}
