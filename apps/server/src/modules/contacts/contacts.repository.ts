import { sql } from 'kysely';
import type { Locale } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { fromBool, toBool } from '../../platform/db/database.js';
import { containsText } from '../../platform/db/sql.js';

export interface ContactRecord {
  id: string;
  customerId: string;
  customerName: string;
  name: string;
  email: string | null;
  phone: string | null;
  wechatId: string | null;
  title: string | null;
  birthday: string | null;
  locale: Locale;
  portalAccess: boolean;
  companyWide: boolean;
  /** When mail to the address bounced (email in marks it); null while it works. */
  emailBouncedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ContactFields = Omit<
  ContactRecord,
  'id' | 'customerName' | 'emailBouncedAt' | 'createdAt' | 'updatedAt' | 'version'
>;

export interface ContactListQuery {
  q?: string | undefined;
  customerId?: string | undefined;
  portalAccess?: boolean | undefined;
  sort: { column: 'name' | 'email' | 'created_at' | 'updated_at'; desc: boolean };
  page: number;
  pageSize: number;
}

export class ContactsRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  private select() {
    return this.db
      .selectFrom('contacts')
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.workspace_id', '=', 'contacts.workspace_id')
          .onRef('customers.id', '=', 'contacts.customer_id'),
      )
      .select([
        'contacts.id',
        'contacts.customer_id',
        'customers.name as customer_name',
        'contacts.name',
        'contacts.email',
        'contacts.phone',
        'contacts.wechat_id',
        'contacts.title',
        'contacts.birthday',
        'contacts.locale',
        'contacts.portal_access',
        'contacts.company_wide',
        'contacts.email_bounced_at',
        'contacts.created_at',
        'contacts.updated_at',
        'contacts.version',
      ])
      .where('contacts.workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<ContactRecord | undefined> {
    const row = await this.select().where('contacts.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findIdByEmail(email: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('email', '=', email)
      .executeTakeFirst();
    return row?.id;
  }

  async list(query: ContactListQuery): Promise<{ items: ContactRecord[]; total: number }> {
    let base = this.select();
    if (query.q) {
      const q = query.q;
      base = base.where((eb) =>
        eb.or([
          containsText(eb, 'contacts.name', q),
          containsText(eb, 'contacts.email', q),
          containsText(eb, 'contacts.phone', q),
          containsText(eb, 'contacts.wechat_id', q),
        ]),
      );
    }
    if (query.customerId) base = base.where('contacts.customer_id', '=', query.customerId);
    if (query.portalAccess !== undefined)
      base = base.where('contacts.portal_access', '=', fromBool(query.portalAccess));
    const total = await base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .orderBy(`contacts.${query.sort.column}`, query.sort.desc ? 'desc' : 'asc')
      .orderBy('contacts.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(toRecord), total: Number(total.n) };
  }

  async insert(id: string, f: ContactFields, now: string): Promise<void> {
    await this.db
      .insertInto('contacts')
      .values({
        workspace_id: this.workspaceId,
        id,
        customer_id: f.customerId,
        name: f.name,
        email: f.email,
        phone: f.phone,
        wechat_id: f.wechatId,
        title: f.title,
        birthday: f.birthday,
        locale: f.locale,
        portal_access: fromBool(f.portalAccess),
        company_wide: fromBool(f.companyWide),
        password_hash: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  /** Optimistic update: false when someone else saved first. */
  async update(id: string, version: number, f: ContactFields, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('contacts')
      .set({
        name: f.name,
        email: f.email,
        phone: f.phone,
        wechat_id: f.wechatId,
        title: f.title,
        birthday: f.birthday,
        locale: f.locale,
        portal_access: fromBool(f.portalAccess),
        company_wide: fromBool(f.companyWide),
        // A new address has not bounced (yet).
        email_bounced_at: sql<
          string | null
        >`case when email = ${f.email} then email_bounced_at else null end`,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('contacts')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async customerExists(customerId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('customers')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', customerId)
      .executeTakeFirst();
    return Boolean(r);
  }
}

type Row = {
  id: string;
  customer_id: string;
  customer_name: string;
  name: string;
  email: string | null;
  phone: string | null;
  wechat_id: string | null;
  title: string | null;
  birthday: string | null;
  locale: string;
  portal_access: boolean | number;
  company_wide: boolean | number;
  email_bounced_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

function toRecord(r: Row): ContactRecord {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    name: r.name,
    email: r.email,
    phone: r.phone,
    wechatId: r.wechat_id,
    title: r.title,
    birthday: r.birthday,
    locale: r.locale as Locale,
    portalAccess: toBool(r.portal_access),
    companyWide: toBool(r.company_wide),
    emailBouncedAt: r.email_bounced_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
