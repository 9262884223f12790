import type { Executor } from '../../platform/db/database.js';

/** What the customer at a glance reads: the customer, the case's contact, recent orders, installed products. */
export class CaseContextRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async customer(customerId: string) {
    const ws = this.workspaceId;
    return this.db
      .selectFrom('customers as c')
      .leftJoin('users as u', (j) =>
        j.onRef('u.workspace_id', '=', 'c.workspace_id').onRef('u.id', '=', 'c.owner_id'),
      )
      .select(['c.id', 'c.code', 'c.name', 'c.tier', 'u.name as owner_name'])
      .where('c.workspace_id', '=', ws)
      .where('c.id', '=', customerId)
      .executeTakeFirst();
  }

  async contact(contactId: string) {
    return this.db
      .selectFrom('contacts')
      .select(['id', 'name', 'email', 'phone'])
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', contactId)
      .executeTakeFirst();
  }

  async recentOrders(customerId: string, limit: number) {
    return this.db
      .selectFrom('orders')
      .select(['id', 'number', 'ordered_at', 'status', 'total_cents'])
      .where('workspace_id', '=', this.workspaceId)
      .where('customer_id', '=', customerId)
      .orderBy('ordered_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async assets(customerId: string, limit: number) {
    const ws = this.workspaceId;
    return this.db
      .selectFrom('assets as a')
      .innerJoin('products as p', (j) =>
        j.onRef('p.workspace_id', '=', 'a.workspace_id').onRef('p.id', '=', 'a.product_id'),
      )
      .select(['a.id', 'a.serial_number', 'p.name as product_name', 'a.warranty_end', 'a.status'])
      .where('a.workspace_id', '=', ws)
      .where('p.workspace_id', '=', ws)
      .where('a.customer_id', '=', customerId)
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id')
      .limit(limit)
      .execute();
  }
}
