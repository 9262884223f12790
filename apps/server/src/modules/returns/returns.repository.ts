import type {
  CombineRule,
  ReturnOutcome,
  ReturnStatus,
  ReviewConditions,
  ReviewStatus,
} from '@aftercare/contracts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { fromBool, toBool } from '../../platform/db/database.js';
import type { ReturnsTable } from '../../platform/db/schema.js';
import type { ServiceCalendarSpec } from '../../platform/calendar/index.js';

export interface PolicyRecord {
  id: string;
  name: string;
  category: string | null;
  departmentIds: string[];
  rule: CombineRule;
  quorum: number | null;
  reviewHours: number;
  decisionHours: number;
  calendarId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PolicyFields {
  name: string;
  category: string | null;
  departmentIds: string[];
  rule: CombineRule;
  quorum: number | null;
  reviewHours: number;
  decisionHours: number;
  calendarId: string | null;
}

export interface ReasonRecord {
  id: string;
  code: string;
  labelZh: string;
  labelEn: string;
  active: boolean;
  position: number;
  version: number;
}

export interface DepartmentLite {
  id: string;
  name: string;
  kind: string;
}

/** A returns row as stored, with the customer's and contact's names. */
export type ReturnRow = Omit<Selectable<ReturnsTable>, 'workspace_id'> & {
  customer_name: string;
  contact_name: string | null;
};

export interface ReturnLineRecord {
  id: string;
  position: number;
  orderLineId: string | null;
  orderId: string | null;
  orderNumber: string | null;
  assetId: string | null;
  serialNumber: string | null;
  productId: string;
  productName: string;
  category: string | null;
  quantity: number;
  unitPriceCents: number | null;
  warranty: 'in_warranty' | 'out_of_warranty' | 'unknown';
  warrantyEnd: string | null;
  withinWindow: boolean | null;
  windowEnd: string | null;
}

export interface ReviewRecord {
  departmentId: string;
  round: number;
  status: ReviewStatus;
  comment: string | null;
  conditions: ReviewConditions;
  reviewerId: string | null;
  reviewerName: string | null;
  reviewedAt: string | null;
  dueAt: string;
}

export interface StepRecord {
  id: string;
  kind: string;
  at: string;
  actorName: string | null;
  public: boolean;
  details: Record<string, unknown>;
}

export interface OrderLineInfo {
  id: string;
  orderId: string;
  orderNumber: string;
  orderedAt: string;
  customerId: string;
  productId: string;
  category: string | null;
  quantity: number;
  unitPriceCents: number;
  warrantyMonths: number;
  returnWindowDays: number;
}

export interface AssetInfo {
  id: string;
  customerId: string;
  productId: string;
  category: string | null;
  orderId: string | null;
  orderedAt: string | null;
  purchaseDate: string | null;
  warrantyEnd: string | null;
  status: string;
  serialNumber: string;
  returnWindowDays: number;
}

export interface ReturnListQuery {
  status?: ReturnStatus | undefined;
  customerId?: string | undefined;
  contactId?: string | undefined;
  /** Only returns reviewed (in their current round) by one of these departments. */
  departmentIds?: string[] | undefined;
  /** With departmentIds: only those whose review by one of them is still open. */
  pendingOnly?: boolean | undefined;
  page: number;
  pageSize: number;
}

export type ReturnPatch = Omit<Updateable<ReturnsTable>, 'workspace_id' | 'id' | 'version'>;

export class ReturnsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  // ------------------------------------------------------------ policies

  async policies(): Promise<PolicyRecord[]> {
    const rows = await this.db
      .selectFrom('return_policies')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .orderBy('category')
      .execute();
    return rows.map(toPolicy);
  }

  async policy(id: string): Promise<PolicyRecord | undefined> {
    const r = await this.db
      .selectFrom('return_policies')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toPolicy(r);
  }

  /** The policy for a product category, else the workspace default. */
  async policyFor(category: string | null): Promise<PolicyRecord | undefined> {
    const rows = await this.db
      .selectFrom('return_policies')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('category', 'in', category ? [category, ''] : [''])
      .execute();
    const exact = rows.find((r) => category && r.category === category);
    const r = exact ?? rows.find((x) => x.category === '');
    return r && toPolicy(r);
  }

  async insertPolicy(id: string, f: PolicyFields, now: string): Promise<void> {
    await this.db
      .insertInto('return_policies')
      .values({
        workspace_id: this.workspaceId,
        id,
        ...policyColumns(f),
        created_at: now,
        updated_at: now,
        version: 0,
      })
      .execute();
  }

  async updatePolicy(id: string, version: number, f: PolicyFields, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('return_policies')
      .set({ ...policyColumns(f), updated_at: now, version: version + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deletePolicy(id: string): Promise<void> {
    await this.db
      .deleteFrom('return_policies')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async departments(ids?: string[]): Promise<DepartmentLite[]> {
    let q = this.db
      .selectFrom('departments')
      .select(['id', 'name', 'kind'])
      .where('workspace_id', '=', this.workspaceId);
    if (ids) {
      if (ids.length === 0) return [];
      q = q.where('id', 'in', ids);
    }
    return q.orderBy('created_at').orderBy('id').execute();
  }

  /** The departments a user belongs to, with whether they lead it. */
  async membershipsOf(userId: string): Promise<Array<{ departmentId: string; lead: boolean }>> {
    const rows = await this.db
      .selectFrom('department_members')
      .select(['department_id', 'lead'])
      .where('workspace_id', '=', this.workspaceId)
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => ({ departmentId: r.department_id, lead: toBool(r.lead) }));
  }

  async calendarExists(id: string): Promise<boolean> {
    return Boolean(
      await this.db
        .selectFrom('service_calendars')
        .select('id')
        .where('workspace_id', '=', this.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst(),
    );
  }

  /** The calendar by id, else the workspace's default one. */
  async calendar(
    id: string | null,
  ): Promise<{ id: string; version: number; spec: ServiceCalendarSpec } | undefined> {
    let q = this.db
      .selectFrom('service_calendars')
      .select(['id', 'version', 'spec'])
      .where('workspace_id', '=', this.workspaceId);
    q = id ? q.where('id', '=', id) : q.where('is_default', '=', 1);
    const r = await q.executeTakeFirst();
    return r && { id: r.id, version: r.version, spec: JSON.parse(r.spec) as ServiceCalendarSpec };
  }

  // ------------------------------------------------------------ reasons

  async reasons(activeOnly = false): Promise<ReasonRecord[]> {
    let q = this.db.selectFrom('return_reasons').selectAll().where('workspace_id', '=', this.workspaceId);
    if (activeOnly) q = q.where('active', '=', 1);
    const rows = await q.orderBy('position').orderBy('code').execute();
    return rows.map(toReason);
  }

  async reason(id: string): Promise<ReasonRecord | undefined> {
    const r = await this.db
      .selectFrom('return_reasons')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toReason(r);
  }

  async insertReason(r: Omit<ReasonRecord, 'version'>, now: string): Promise<void> {
    await this.db
      .insertInto('return_reasons')
      .values({
        workspace_id: this.workspaceId,
        id: r.id,
        code: r.code,
        label_zh: r.labelZh,
        label_en: r.labelEn,
        active: fromBool(r.active),
        position: r.position,
        created_at: now,
        updated_at: now,
        version: 0,
      })
      .execute();
  }

  async updateReason(r: Omit<ReasonRecord, 'version'>, version: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('return_reasons')
      .set({
        code: r.code,
        label_zh: r.labelZh,
        label_en: r.labelEn,
        active: fromBool(r.active),
        position: r.position,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', r.id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  // ------------------------------------------------------------ what can be returned

  async orderLine(id: string): Promise<OrderLineInfo | undefined> {
    const r = await this.db
      .selectFrom('order_lines as l')
      .innerJoin('orders as o', (j) =>
        j.onRef('o.workspace_id', '=', 'l.workspace_id').onRef('o.id', '=', 'l.order_id'),
      )
      .innerJoin('products as p', (j) =>
        j.onRef('p.workspace_id', '=', 'l.workspace_id').onRef('p.id', '=', 'l.product_id'),
      )
      .select([
        'l.id',
        'l.order_id',
        'o.number',
        'o.ordered_at',
        'o.customer_id',
        'l.product_id',
        'p.category',
        'l.quantity',
        'l.unit_price_cents',
        'p.warranty_months',
        'p.return_window_days',
      ])
      .where('l.workspace_id', '=', this.workspaceId)
      .where('l.id', '=', id)
      .executeTakeFirst();
    return (
      r && {
        id: r.id,
        orderId: r.order_id,
        orderNumber: r.number,
        orderedAt: r.ordered_at,
        customerId: r.customer_id,
        productId: r.product_id,
        category: r.category,
        quantity: r.quantity,
        unitPriceCents: Number(r.unit_price_cents),
        warrantyMonths: r.warranty_months,
        returnWindowDays: r.return_window_days,
      }
    );
  }

  /** The customer's installed asset with this serial number (any product). */
  async assetBySerial(customerId: string, serialNumber: string): Promise<AssetInfo | undefined> {
    const r = await this.db
      .selectFrom('assets as a')
      .innerJoin('products as p', (j) =>
        j.onRef('p.workspace_id', '=', 'a.workspace_id').onRef('p.id', '=', 'a.product_id'),
      )
      .leftJoin('orders as o', (j) =>
        j.onRef('o.workspace_id', '=', 'a.workspace_id').onRef('o.id', '=', 'a.order_id'),
      )
      .select([
        'a.id',
        'a.customer_id',
        'a.product_id',
        'p.category',
        'a.order_id',
        'o.ordered_at',
        'a.purchase_date',
        'a.warranty_end',
        'a.status',
        'a.serial_number',
        'p.return_window_days',
      ])
      .where('a.workspace_id', '=', this.workspaceId)
      .where('a.customer_id', '=', customerId)
      .where('a.serial_number', '=', serialNumber)
      .orderBy('a.created_at', 'desc')
      .executeTakeFirst();
    return (
      r && {
        id: r.id,
        customerId: r.customer_id,
        productId: r.product_id,
        category: r.category,
        orderId: r.order_id,
        orderedAt: r.ordered_at,
        purchaseDate: r.purchase_date,
        warrantyEnd: r.warranty_end,
        status: r.status,
        serialNumber: r.serial_number,
        returnWindowDays: r.return_window_days,
      }
    );
  }

  /** Already asked-for quantities of an order line, over returns that are not cancelled or rejected. */
  async returnedQuantity(orderLineId: string): Promise<number> {
    const r = await this.db
      .selectFrom('return_lines as rl')
      .innerJoin('returns as r', (j) =>
        j.onRef('r.workspace_id', '=', 'rl.workspace_id').onRef('r.id', '=', 'rl.return_id'),
      )
      .select((eb) => eb.fn.sum<number>('rl.quantity').as('n'))
      .where('rl.workspace_id', '=', this.workspaceId)
      .where('rl.order_line_id', '=', orderLineId)
      .where('r.status', 'not in', ['cancelled', 'rejected'])
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async contactOfCustomer(contactId: string, customerId: string): Promise<boolean> {
    return Boolean(
      await this.db
        .selectFrom('contacts')
        .select('id')
        .where('workspace_id', '=', this.workspaceId)
        .where('id', '=', contactId)
        .where('customer_id', '=', customerId)
        .executeTakeFirst(),
    );
  }

  async customerExists(id: string): Promise<boolean> {
    return Boolean(
      await this.db
        .selectFrom('customers')
        .select('id')
        .where('workspace_id', '=', this.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst(),
    );
  }

  async caseOfCustomer(caseId: string, customerId?: string): Promise<boolean> {
    let q = this.db
      .selectFrom('cases')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', caseId);
    if (customerId) q = q.where('customer_id', '=', customerId);
    return Boolean(await q.executeTakeFirst());
  }

  async orderOfCustomer(orderId: string, customerId: string): Promise<boolean> {
    return Boolean(
      await this.db
        .selectFrom('orders')
        .select('id')
        .where('workspace_id', '=', this.workspaceId)
        .where('id', '=', orderId)
        .where('customer_id', '=', customerId)
        .executeTakeFirst(),
    );
  }

  /** Uploads of one uploader that are still unattached and unexpired (photos for a new return). */
  async usableUploads(
    ids: string[],
    uploader: { type: 'user'; id: string } | { type: 'contact'; id: string },
    now: string,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    let q = this.db
      .selectFrom('attachments')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', 'in', ids)
      .where('case_id', 'is', null)
      .where('is_image', '=', 1)
      .where('expires_at', '>', now)
      .where('uploader_type', '=', uploader.type);
    q =
      uploader.type === 'user'
        ? q.where('uploader_user_id', '=', uploader.id)
        : q.where('uploader_contact_id', '=', uploader.id);
    return (await q.execute()).map((r) => r.id);
  }

  /**
   * Moves uploads into the return's photos (bytes and name), then deletes the uploads: from now on they belong
   * to the return, not to the uploader.
   */
  async movePhotos(returnId: string, ids: string[], now: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.db
      .selectFrom('attachments as a')
      .innerJoin('attachment_contents as c', (j) =>
        j.onRef('c.workspace_id', '=', 'a.workspace_id').onRef('c.attachment_id', '=', 'a.id'),
      )
      .select(['a.id', 'a.name', 'c.content'])
      .where('a.workspace_id', '=', this.workspaceId)
      .where('a.id', 'in', ids)
      .execute();
    if (rows.length === 0) return;
    await this.db
      .insertInto('return_photos')
      .values(
        rows.map((r) => ({
          workspace_id: this.workspaceId,
          id: r.id,
          return_id: returnId,
          name: r.name,
          content: Buffer.from(r.content),
          created_at: now,
        })),
      )
      .execute();
    await this.db
      .deleteFrom('attachments')
      .where('workspace_id', '=', this.workspaceId)
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }

  /** The bytes of a photo of this return. */
  async photo(returnId: string, id: string): Promise<Buffer | undefined> {
    const r = await this.db
      .selectFrom('return_photos')
      .select('content')
      .where('workspace_id', '=', this.workspaceId)
      .where('return_id', '=', returnId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? Buffer.from(r.content) : undefined;
  }

  // ------------------------------------------------------------ returns

  private selectReturns() {
    return this.db
      .selectFrom('returns as r')
      .innerJoin('customers as c', (j) =>
        j.onRef('c.workspace_id', '=', 'r.workspace_id').onRef('c.id', '=', 'r.customer_id'),
      )
      .leftJoin('contacts as ct', (j) =>
        j.onRef('ct.workspace_id', '=', 'r.workspace_id').onRef('ct.id', '=', 'r.contact_id'),
      )
      .selectAll('r')
      .select(['c.name as customer_name', 'ct.name as contact_name'])
      .where('r.workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<ReturnRow | undefined> {
    const r = await this.selectReturns().where('r.id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const { workspace_id: _w, ...rest } = r;
    return rest;
  }

  async list(q: ReturnListQuery): Promise<{ items: ReturnRow[]; total: number }> {
    let base = this.selectReturns();
    if (q.status) base = base.where('r.status', '=', q.status);
    if (q.customerId) base = base.where('r.customer_id', '=', q.customerId);
    if (q.contactId) base = base.where('r.contact_id', '=', q.contactId);
    if (q.departmentIds) {
      const deps = q.departmentIds;
      if (deps.length === 0) return { items: [], total: 0 };
      base = base.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('return_reviews as rv')
            .select('rv.return_id')
            .whereRef('rv.workspace_id', '=', 'r.workspace_id')
            .whereRef('rv.return_id', '=', 'r.id')
            .whereRef('rv.round', '=', 'r.round')
            .where('rv.department_id', 'in', deps)
            .$if(Boolean(q.pendingOnly), (s) => s.where('rv.status', 'in', ['pending', 'needs_info'])),
        ),
      );
      if (q.pendingOnly) base = base.where('r.status', 'in', ['reviewing', 'needs_info']);
    }
    const total = await base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      items: rows.map(({ workspace_id: _w, ...rest }) => rest),
      total: Number(total.n),
    };
  }

  /** Open reviews per department (undecided returns, current round). */
  async pendingByDepartment(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('return_reviews as rv')
      .innerJoin('returns as r', (j) =>
        j
          .onRef('r.workspace_id', '=', 'rv.workspace_id')
          .onRef('r.id', '=', 'rv.return_id')
          .onRef('r.round', '=', 'rv.round'),
      )
      .select(['rv.department_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('rv.workspace_id', '=', this.workspaceId)
      .where('rv.status', 'in', ['pending', 'needs_info'])
      .where('r.status', 'in', ['reviewing', 'needs_info'])
      .groupBy('rv.department_id')
      .execute();
    return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
  }

  async insertReturn(row: Omit<Insertable<ReturnsTable>, 'workspace_id'>): Promise<void> {
    await this.db
      .insertInto('returns')
      .values({ ...row, workspace_id: this.workspaceId })
      .execute();
  }

  /**
   * The one write that moves a return: only if it still has the version the transition was computed from.
   * False when another writer got there first (the caller recomputes on the fresh state).
   */
  async updateGuarded(id: string, version: number, patch: ReturnPatch): Promise<boolean> {
    const r = await this.db
      .updateTable('returns')
      .set({ ...patch, version: version + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertLines(
    returnId: string,
    lines: Array<
      Omit<
        ReturnLineRecord,
        'productName' | 'category' | 'orderId' | 'orderNumber' | 'serialNumber' | 'unitPriceCents'
      >
    >,
  ): Promise<void> {
    if (lines.length === 0) return;
    await this.db
      .insertInto('return_lines')
      .values(
        lines.map((l) => ({
          workspace_id: this.workspaceId,
          id: l.id,
          return_id: returnId,
          position: l.position,
          order_line_id: l.orderLineId,
          asset_id: l.assetId,
          product_id: l.productId,
          quantity: l.quantity,
          warranty: l.warranty,
          warranty_end: l.warrantyEnd,
          within_window: l.withinWindow === null ? null : fromBool(l.withinWindow),
          window_end: l.windowEnd,
        })),
      )
      .execute();
  }

  async lines(returnId: string): Promise<ReturnLineRecord[]> {
    const rows = await this.db
      .selectFrom('return_lines as rl')
      .innerJoin('products as p', (j) =>
        j.onRef('p.workspace_id', '=', 'rl.workspace_id').onRef('p.id', '=', 'rl.product_id'),
      )
      .leftJoin('order_lines as ol', (j) =>
        j.onRef('ol.workspace_id', '=', 'rl.workspace_id').onRef('ol.id', '=', 'rl.order_line_id'),
      )
      .leftJoin('assets as a', (j) =>
        j.onRef('a.workspace_id', '=', 'rl.workspace_id').onRef('a.id', '=', 'rl.asset_id'),
      )
      .leftJoin('orders as o', (j) =>
        j
          .onRef('o.workspace_id', '=', 'rl.workspace_id')
          .on((eb) => eb.or([eb('o.id', '=', eb.ref('ol.order_id')), eb('o.id', '=', eb.ref('a.order_id'))])),
      )
      .select([
        'rl.id',
        'rl.position',
        'rl.order_line_id',
        'rl.asset_id',
        'rl.product_id',
        'p.name as product_name',
        'p.category',
        'rl.quantity',
        'ol.unit_price_cents',
        'o.id as order_id',
        'o.number as order_number',
        'a.serial_number',
        'rl.warranty',
        'rl.warranty_end',
        'rl.within_window',
        'rl.window_end',
      ])
      .where('rl.workspace_id', '=', this.workspaceId)
      .where('rl.return_id', '=', returnId)
      .orderBy('rl.position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      position: r.position,
      orderLineId: r.order_line_id,
      orderId: r.order_id,
      orderNumber: r.order_number,
      assetId: r.asset_id,
      serialNumber: r.serial_number,
      productId: r.product_id,
      productName: r.product_name,
      category: r.category,
      quantity: r.quantity,
      unitPriceCents: r.unit_price_cents === null ? null : Number(r.unit_price_cents),
      warranty: r.warranty as ReturnLineRecord['warranty'],
      warrantyEnd: r.warranty_end,
      withinWindow: r.within_window === null ? null : toBool(r.within_window),
      windowEnd: r.window_end,
    }));
  }

  async insertReviews(
    returnId: string,
    round: number,
    departmentIds: string[],
    dueAt: string,
  ): Promise<void> {
    if (departmentIds.length === 0) return;
    await this.db
      .insertInto('return_reviews')
      .values(
        departmentIds.map((d) => ({
          workspace_id: this.workspaceId,
          return_id: returnId,
          department_id: d,
          round,
          status: 'pending',
          comment: null,
          conditions: '{}',
          reviewer_id: null,
          reviewer_name: null,
          reviewed_at: null,
          due_at: dueAt,
        })),
      )
      .execute();
  }

  async reviews(returnId: string, round?: number): Promise<ReviewRecord[]> {
    let q = this.db
      .selectFrom('return_reviews')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('return_id', '=', returnId);
    if (round !== undefined) q = q.where('round', '=', round);
    const rows = await q.orderBy('round').execute();
    return rows.map((r) => ({
      departmentId: r.department_id,
      round: r.round,
      status: r.status as ReviewStatus,
      comment: r.comment,
      conditions: JSON.parse(r.conditions) as ReviewConditions,
      reviewerId: r.reviewer_id,
      reviewerName: r.reviewer_name,
      reviewedAt: r.reviewed_at,
      dueAt: r.due_at,
    }));
  }

  async setReview(
    returnId: string,
    round: number,
    departmentId: string,
    patch: {
      status: ReviewStatus;
      comment?: string | null;
      conditions?: ReviewConditions;
      reviewerId?: string | null;
      reviewerName?: string | null;
      reviewedAt?: string | null;
      dueAt?: string;
    },
  ): Promise<void> {
    await this.db
      .updateTable('return_reviews')
      .set({
        status: patch.status,
        ...(patch.comment !== undefined ? { comment: patch.comment } : {}),
        ...(patch.conditions !== undefined ? { conditions: JSON.stringify(patch.conditions) } : {}),
        ...(patch.reviewerId !== undefined ? { reviewer_id: patch.reviewerId } : {}),
        ...(patch.reviewerName !== undefined ? { reviewer_name: patch.reviewerName } : {}),
        ...(patch.reviewedAt !== undefined ? { reviewed_at: patch.reviewedAt } : {}),
        ...(patch.dueAt !== undefined ? { due_at: patch.dueAt } : {}),
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('return_id', '=', returnId)
      .where('round', '=', round)
      .where('department_id', '=', departmentId)
      .execute();
  }

  async insertStep(returnId: string, s: StepRecord): Promise<void> {
    await this.db
      .insertInto('return_steps')
      .values({
        workspace_id: this.workspaceId,
        id: s.id,
        return_id: returnId,
        kind: s.kind,
        at: s.at,
        actor_name: s.actorName,
        public: fromBool(s.public),
        details: JSON.stringify(s.details),
      })
      .execute();
  }

  async steps(returnId: string, publicOnly: boolean): Promise<StepRecord[]> {
    let q = this.db
      .selectFrom('return_steps')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .where('return_id', '=', returnId);
    if (publicOnly) q = q.where('public', '=', 1);
    const rows = await q.orderBy('at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      at: r.at,
      actorName: r.actor_name,
      public: toBool(r.public),
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }

  // ------------------------------------------------------------ deadlines

  /** Open reviews of undecided returns whose deadline has passed and that were not reported late yet. */
  async lateReviews(
    now: string,
    limit: number,
  ): Promise<Array<{ returnId: string; departmentId: string; round: number; dueAt: string }>> {
    const rows = await this.db
      .selectFrom('return_reviews as rv')
      .innerJoin('returns as r', (j) =>
        j
          .onRef('r.workspace_id', '=', 'rv.workspace_id')
          .onRef('r.id', '=', 'rv.return_id')
          .onRef('r.round', '=', 'rv.round'),
      )
      .select(['rv.return_id', 'rv.department_id', 'rv.round', 'rv.due_at'])
      .where('rv.workspace_id', '=', this.workspaceId)
      .where('r.status', 'in', ['reviewing', 'needs_info'])
      .where('rv.status', '=', 'pending')
      .where('rv.due_at', '<=', now)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('return_deadline_events as e')
              .select('e.return_id')
              .whereRef('e.workspace_id', '=', 'rv.workspace_id')
              .whereRef('e.return_id', '=', 'rv.return_id')
              .whereRef('e.round', '=', 'rv.round')
              .where('e.kind', '=', 'review_late')
              .where((eb) => eb('e.department_key', '=', eb.cast<string>('rv.department_id', 'text'))),
          ),
        ),
      )
      .orderBy('rv.due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      returnId: r.return_id,
      departmentId: r.department_id,
      round: r.round,
      dueAt: r.due_at,
    }));
  }

  /** Undecided returns past their decision deadline, not escalated yet in this round. */
  async overdueDecisions(
    now: string,
    limit: number,
  ): Promise<Array<{ returnId: string; round: number; dueAt: string }>> {
    const rows = await this.db
      .selectFrom('returns as r')
      .select(['r.id', 'r.round', 'r.decision_due_at'])
      .where('r.workspace_id', '=', this.workspaceId)
      .where('r.status', 'in', ['reviewing', 'needs_info'])
      .where('r.decision_due_at', '<=', now)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('return_deadline_events as e')
              .select('e.return_id')
              .whereRef('e.workspace_id', '=', 'r.workspace_id')
              .whereRef('e.return_id', '=', 'r.id')
              .whereRef('e.round', '=', 'r.round')
              .where('e.kind', '=', 'escalated'),
          ),
        ),
      )
      .orderBy('r.decision_due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ returnId: r.id, round: r.round, dueAt: r.decision_due_at }));
  }

  /** Records a deadline event once; false when it was already recorded (another process, an earlier run). */
  async recordDeadlineEvent(
    returnId: string,
    round: number,
    kind: 'review_late' | 'escalated',
    departmentKey: string,
    at: string,
  ): Promise<boolean> {
    const r = await this.db
      .insertInto('return_deadline_events')
      .values({
        workspace_id: this.workspaceId,
        return_id: returnId,
        round,
        kind,
        department_key: departmentKey,
        at,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** The members of a department (who a late review reminds). */
  async membersOf(departmentId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('department_members')
      .select('user_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('department_id', '=', departmentId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Department leads of these departments (who an escalation goes to). */
  async leadsOf(departmentIds: string[]): Promise<string[]> {
    if (departmentIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('department_members')
      .select('user_id')
      .distinct()
      .where('workspace_id', '=', this.workspaceId)
      .where('department_id', 'in', departmentIds)
      .where('lead', '=', 1)
      .execute();
    return rows.map((r) => r.user_id);
  }
}

/** Report queries over returns (all of a workspace). */
export class ReturnReportRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async returnedByProduct(): Promise<Array<{ productId: string; productName: string; returned: number }>> {
    const rows = await this.db
      .selectFrom('return_lines as rl')
      .innerJoin('returns as r', (j) =>
        j.onRef('r.workspace_id', '=', 'rl.workspace_id').onRef('r.id', '=', 'rl.return_id'),
      )
      .innerJoin('products as p', (j) =>
        j.onRef('p.workspace_id', '=', 'rl.workspace_id').onRef('p.id', '=', 'rl.product_id'),
      )
      .select(['rl.product_id', 'p.name', (eb) => eb.fn.sum<number>('rl.quantity').as('n')])
      .where('rl.workspace_id', '=', this.workspaceId)
      .where('r.status', '!=', 'cancelled')
      .groupBy(['rl.product_id', 'p.name'])
      .execute();
    return rows.map((r) => ({ productId: r.product_id, productName: r.name, returned: Number(r.n) }));
  }

  async soldByProduct(productIds: string[]): Promise<Map<string, number>> {
    if (productIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('order_lines')
      .select(['product_id', (eb) => eb.fn.sum<number>('quantity').as('n')])
      .where('workspace_id', '=', this.workspaceId)
      .where('product_id', 'in', productIds)
      .groupBy('product_id')
      .execute();
    return new Map(rows.map((r) => [r.product_id, Number(r.n)]));
  }

  async byReason(): Promise<Array<{ reasonId: string; labelZh: string; labelEn: string; count: number }>> {
    const rows = await this.db
      .selectFrom('returns as r')
      .innerJoin('return_reasons as rr', (j) =>
        j.onRef('rr.workspace_id', '=', 'r.workspace_id').onRef('rr.id', '=', 'r.reason_id'),
      )
      .select(['r.reason_id', 'rr.label_zh', 'rr.label_en', (eb) => eb.fn.countAll<number>().as('n')])
      .where('r.workspace_id', '=', this.workspaceId)
      .where('r.status', '!=', 'cancelled')
      .groupBy(['r.reason_id', 'rr.label_zh', 'rr.label_en'])
      .execute();
    return rows.map((r) => ({
      reasonId: r.reason_id,
      labelZh: r.label_zh,
      labelEn: r.label_en,
      count: Number(r.n),
    }));
  }

  async decisions(): Promise<Array<{ createdAt: string; decidedAt: string; dueAt: string }>> {
    const rows = await this.db
      .selectFrom('returns')
      .select(['created_at', 'decided_at', 'decision_due_at'])
      .where('workspace_id', '=', this.workspaceId)
      .where('decided_at', 'is not', null)
      .execute();
    return rows.map((r) => ({
      createdAt: r.created_at,
      decidedAt: r.decided_at ?? r.created_at,
      dueAt: r.decision_due_at,
    }));
  }

  async verdictsByDepartment(): Promise<
    Array<{ departmentId: string; name: string; status: string; n: number }>
  > {
    const rows = await this.db
      .selectFrom('return_reviews as rv')
      .innerJoin('departments as d', (j) =>
        j.onRef('d.workspace_id', '=', 'rv.workspace_id').onRef('d.id', '=', 'rv.department_id'),
      )
      .select(['rv.department_id', 'd.name', 'rv.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('rv.workspace_id', '=', this.workspaceId)
      .where('rv.status', 'in', ['approved', 'rejected'])
      .groupBy(['rv.department_id', 'd.name', 'rv.status'])
      .execute();
    return rows.map((r) => ({
      departmentId: r.department_id,
      name: r.name,
      status: r.status,
      n: Number(r.n),
    }));
  }
}

function policyColumns(f: PolicyFields) {
  return {
    name: f.name,
    category: f.category ?? '',
    department_ids: JSON.stringify(f.departmentIds),
    rule: f.rule,
    quorum: f.rule === 'quorum' ? f.quorum : null,
    review_hours: f.reviewHours,
    decision_hours: f.decisionHours,
    calendar_id: f.calendarId,
  };
}

function toPolicy(r: {
  id: string;
  name: string;
  category: string;
  department_ids: string;
  rule: string;
  quorum: number | null;
  review_hours: number;
  decision_hours: number;
  calendar_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}): PolicyRecord {
  return {
    id: r.id,
    name: r.name,
    category: r.category === '' ? null : r.category,
    departmentIds: JSON.parse(r.department_ids) as string[],
    rule: r.rule as CombineRule,
    quorum: r.quorum,
    reviewHours: r.review_hours,
    decisionHours: r.decision_hours,
    calendarId: r.calendar_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function toReason(r: {
  id: string;
  code: string;
  label_zh: string;
  label_en: string;
  active: boolean | number;
  position: number;
  version: number;
}): ReasonRecord {
  return {
    id: r.id,
    code: r.code,
    labelZh: r.label_zh,
    labelEn: r.label_en,
    active: toBool(r.active),
    position: r.position,
    version: r.version,
  };
}

export type { ReturnOutcome };
