import type { ReportsOverview } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import { todayIn } from '../assets/index.js';
import { ReportsRepository } from './reports.repository.js';

export class ReportsService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The dashboard: record counts, the last 12 months of orders, customers by tier. */
  async overview(): Promise<ReportsOverview> {
    const repo = new ReportsRepository(this.ctx.database.db, this.ctx.workspace.id);
    const now = this.ctx.clock.now();
    // Warranty is counted on the workspace's calendar day, as the installed base counts it.
    const today = todayIn(now, this.ctx.workspace.timezone);
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
    const found = new Map(
      (await repo.ordersByMonth(start.toISOString().slice(0, 10))).map((m) => [m.month, m]),
    );
    const ordersByMonth = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1));
      const month = d.toISOString().slice(0, 7);
      return found.get(month) ?? { month, orders: 0, totalCents: 0 };
    });
    const [customers, contacts, products, orders, assetsInWarranty, customersByTier] = await Promise.all([
      repo.count('customers'),
      repo.count('contacts'),
      repo.count('products'),
      repo.count('orders'),
      repo.assetsInWarranty(today),
      repo.customersByTier(),
    ]);
    return { customers, contacts, products, orders, assetsInWarranty, ordersByMonth, customersByTier };
  }
}
