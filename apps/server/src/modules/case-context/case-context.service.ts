import type { CaseContext, CustomerTier } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { CasesRepository } from '../cases/index.js';
import { caseSlas } from '../sla/index.js';
import { isInWarranty, todayIn } from '../assets/index.js';
import { CaseContextRepository } from './case-context.repository.js';

const LIMIT = 10;

/** The customer at a glance beside a case: everything is read through the case, so nothing of another customer shows. */
export class CaseContextService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(caseId: string): Promise<CaseContext> {
    const db = this.ctx.database.db;
    const ws = this.ctx.workspace.id;
    const cases = new CasesRepository(db, ws);
    const c = await cases.find(caseId);
    if (!c) throw new AppError('not_found');
    const repo = new CaseContextRepository(db, ws);
    const customer = await repo.customer(c.customerId);
    if (!customer) throw new AppError('not_found');
    const contact = c.contactId ? await repo.contact(c.contactId) : undefined;
    const p = this.ctx.principal;
    const can = (perm: 'orders.read' | 'assets.read') => p?.kind === 'staff' && p.permissions.has(perm);

    const open = (
      await cases.list({ view: 'open', customerId: c.customerId, sort: null, page: 1, pageSize: LIMIT + 1 })
    ).items
      .filter((o) => o.id !== c.id)
      .slice(0, LIMIT);
    const slas = await caseSlas(db, this.ctx, open);
    const today = todayIn(this.ctx.clock.now(), this.ctx.workspace.timezone);

    return {
      customer: {
        id: customer.id,
        code: customer.code,
        name: customer.name,
        tier: customer.tier as CustomerTier,
        ownerName: customer.owner_name ?? null,
      },
      contact: contact
        ? { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone }
        : null,
      openCases: open.map((o) => ({
        id: o.id,
        number: o.number,
        subject: o.subject,
        status: o.status,
        severity: o.severity,
        nextDeadlineAt: o.nextDeadlineAt,
        slaState: slas.get(o.id)?.state ?? null,
      })),
      orders: can('orders.read')
        ? (await repo.recentOrders(c.customerId, LIMIT)).map((o) => ({
            id: o.id,
            number: o.number,
            orderedAt: o.ordered_at,
            status: o.status,
            totalCents: Number(o.total_cents),
          }))
        : [],
      assets: can('assets.read')
        ? (await repo.assets(c.customerId, 50)).map((a) => ({
            id: a.id,
            serialNumber: a.serial_number,
            productName: a.product_name,
            warrantyEndsOn: a.warranty_end,
            underWarranty: isInWarranty(a.status, a.warranty_end, today),
          }))
        : [],
    };
  }
}
