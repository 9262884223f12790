import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

type CountedTable = 'customers' | 'contacts' | 'products' | 'orders';

/** Read-only aggregates for dashboards. */
export class ReportsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async count(table: CountedTable): Promise<number> {
    const r = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async assetsInWarranty(today: string): Promise<number> {
    const r = await this.db
      .selectFrom('assets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', this.workspaceId)
      .where('status', '=', 'active')
      .where('warranty_end', '>=', today)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Orders and revenue per calendar month (YYYY-MM) from a date on. ordered_at is a date on both databases. */
  async ordersByMonth(from: string): Promise<Array<{ month: string; orders: number; totalCents: number }>> {
    const month = sql<string>`substr(cast(ordered_at as text), 1, 7)`;
    const rows = await this.db
      .selectFrom('orders')
      .select([
        month.as('month'),
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>('total_cents').as('total'),
      ])
      .where('workspace_id', '=', this.workspaceId)
      .where('ordered_at', '>=', from)
      .where('status', '!=', 'cancelled')
      .groupBy(month)
      .orderBy(month)
      .execute();
    return rows.map((r) => ({ month: r.month, orders: Number(r.n), totalCents: Number(r.total ?? 0) }));
  }

  async customersByTier(): Promise<Array<{ tier: string; count: number }>> {
    const rows = await this.db
      .selectFrom('customers')
      .select(['tier', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', this.workspaceId)
      .groupBy('tier')
      .orderBy('tier')
      .execute();
    return rows.map((r) => ({ tier: r.tier, count: Number(r.n) }));
  }
}
