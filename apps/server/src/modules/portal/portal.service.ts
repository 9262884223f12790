import type { PageOf, PortalAsset, PortalCompany, PortalOrder, PortalQuery } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/errors.js';
import { CustomersRepository } from '../customers/index.js';
import { AssetsRepository, workspaceToday } from '../assets/index.js';
import { OrdersRepository } from '../orders/index.js';
import { presentPortalAsset, presentPortalCompany, presentPortalOrder } from './portal.presenter.js';

/**
 * What a signed-in contact sees: their own company, its installed base, and (for company-wide contacts)
 * its orders. Every read is pinned to the contact's customer; anyone else's record is "not found".
 */
export class PortalService {
  private readonly customerId: string;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly contact: ContactPrincipal,
  ) {
    this.customerId = contact.customerId;
  }

  private get db() {
    return this.ctx.database.db;
  }

  async company(): Promise<PortalCompany> {
    const c = await new CustomersRepository(this.db, this.ctx.workspace.id).find(this.customerId);
    if (!c) throw new AppError('not_found');
    return presentPortalCompany(c);
  }

  async assets(query: PortalQuery): Promise<PageOf<PortalAsset>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const today = workspaceToday(this.ctx);
    const { items, total } = await new AssetsRepository(this.db, this.ctx.workspace.id).list({
      q: query.q?.trim() || undefined,
      customerId: this.customerId,
      sort: { column: 'purchase_date', desc: true },
      page,
      pageSize,
    });
    return { items: items.map((a) => presentPortalAsset(a, today)), total, page, pageSize };
  }

  async asset(id: string): Promise<PortalAsset> {
    const a = await new AssetsRepository(this.db, this.ctx.workspace.id).find(id);
    if (!a || a.customerId !== this.customerId) throw new AppError('not_found');
    return presentPortalAsset(a, workspaceToday(this.ctx));
  }

  /** Orders carry prices: only contacts who speak for the whole company see them. */
  async orders(query: PortalQuery): Promise<PageOf<PortalOrder>> {
    if (!this.contact.companyWide) throw new AppError('forbidden');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await new OrdersRepository(this.db, this.ctx.workspace.id).list({
      q: query.q?.trim() || undefined,
      customerId: this.customerId,
      sort: { column: 'ordered_at', desc: true },
      page,
      pageSize,
    });
    return { items: items.map((o) => presentPortalOrder(o)), total, page, pageSize };
  }

  async order(id: string): Promise<PortalOrder> {
    const repo = new OrdersRepository(this.db, this.ctx.workspace.id);
    const o = this.contact.companyWide ? await repo.find(id) : undefined;
    if (!o || o.customerId !== this.customerId) throw new AppError('not_found');
    return presentPortalOrder(o, await repo.lines(id));
  }
}
