import type {
  SavedView,
  SavedViewCreate,
  SavedViewList,
  SavedViewQuery,
  SavedViewUpdate,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import { CasesService } from '../cases/index.js';
import {
  SavedViewsRepository,
  type SavedViewFields,
  type SavedViewRecord,
} from './saved-views.repository.js';
import { canChange, presentSavedView } from './saved-views.presenter.js';

/** The query as stored: search text trimmed, empty lists and blanks left out. */
function cleanQuery(q: SavedViewQuery): SavedViewQuery {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(q)) {
    const v = typeof value === 'string' ? value.trim() : value;
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = Array.isArray(v) ? [...new Set(v)] : v;
  }
  return out as SavedViewQuery;
}

/** Saved queue views: a user's named case-list queries, private or shared with the workspace. */
export class SavedViewsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new SavedViewsRepository(db, this.ctx.workspace.id);
  }

  private get userId(): string {
    if (this.ctx.principal?.kind !== 'staff') throw new AppError('forbidden');
    return this.ctx.principal.userId;
  }

  async list(options: { counts?: boolean | undefined } = {}): Promise<SavedViewList> {
    const views = await this.repo().visibleTo(this.userId);
    const cases = new CasesService(this.ctx);
    const items: SavedView[] = [];
    for (const v of views) {
      const count = options.counts
        ? (await cases.list({ ...v.query, page: 1, pageSize: 1 })).total
        : undefined;
      items.push(presentSavedView(v, this.ctx.principal, count));
    }
    return { items };
  }

  /** A view the user may see (own or shared); 404 otherwise. */
  private async visible(repo: SavedViewsRepository, id: string): Promise<SavedViewRecord> {
    const v = await repo.find(id);
    if (!v || (v.ownerId !== this.userId && !v.shared)) throw new AppError('not_found');
    return v;
  }

  private async checkName(repo: SavedViewsRepository, ownerId: string, name: string, id?: string) {
    if (await repo.nameTaken(ownerId, name, id)) throw invalidFields([fieldError('name', 'duplicate')]);
  }

  async create(input: SavedViewCreate): Promise<SavedView> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const fields: SavedViewFields = {
        name: input.name.trim(),
        shared: input.shared ?? false,
        query: cleanQuery(input.query),
      };
      if (!fields.name) throw invalidFields([fieldError('name', 'required')]);
      await this.checkName(repo, this.userId, fields.name);
      const id = newId();
      await repo.insert(id, this.userId, fields, this.ctx.clock.now().toISOString());
      const created = presentSavedView((await repo.find(id)) as SavedViewRecord, this.ctx.principal);
      await recordAudit(tx, this.ctx, {
        entityType: 'saved_view',
        entityId: id,
        action: 'created',
        after: created,
      });
      await emit(tx, this.ctx, 'saved_view.created', { savedViewId: id, shared: fields.shared });
      return created;
    });
  }

  async update(id: string, input: SavedViewUpdate): Promise<SavedView> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await this.visible(repo, id);
      if (!canChange(before, this.ctx.principal)) throw new AppError('forbidden');
      if (before.version !== input.version) throw new AppError('conflict');
      const fields: SavedViewFields = {
        name: input.name === undefined ? before.name : input.name.trim(),
        shared: input.shared ?? before.shared,
        query: input.query === undefined ? before.query : cleanQuery(input.query),
      };
      if (!fields.name) throw invalidFields([fieldError('name', 'required')]);
      await this.checkName(repo, before.ownerId, fields.name, id);
      if (!(await repo.update(id, before.version, fields, this.ctx.clock.now().toISOString())))
        throw new AppError('conflict');
      const after = (await repo.find(id)) as SavedViewRecord;
      await recordAudit(tx, this.ctx, {
        entityType: 'saved_view',
        entityId: id,
        action: 'updated',
        before: presentSavedView(before, this.ctx.principal),
        after: presentSavedView(after, this.ctx.principal),
      });
      await emit(tx, this.ctx, 'saved_view.updated', { savedViewId: id, shared: fields.shared });
      return presentSavedView(after, this.ctx.principal);
    });
  }

  async delete(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await this.visible(repo, id);
      if (!canChange(before, this.ctx.principal)) throw new AppError('forbidden');
      await repo.delete(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'saved_view',
        entityId: id,
        action: 'deleted',
        before: presentSavedView(before, this.ctx.principal),
      });
      await emit(tx, this.ctx, 'saved_view.deleted', { savedViewId: id });
    });
  }
}
