import type { CaseType, WebFormField } from '@aftercare/contracts';
import type { Executor } from '../../platform/db/database.js';
import { fromBool, isUniqueViolation, toBool } from '../../platform/db/database.js';

export interface WebFormSettingsRecord {
  enabled: boolean;
  caseType: CaseType;
  fields: WebFormField[];
  allowedOrigins: string[];
  thankYou: { 'zh-CN': string; en: string };
  version: number;
}

/** The web form's settings (one row per workspace, none until first saved) and its bookkeeping. */
export class WebFormRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async settings(): Promise<WebFormSettingsRecord | undefined> {
    const r = await this.db
      .selectFrom('webform_settings')
      .selectAll()
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirst();
    return (
      r && {
        enabled: toBool(r.enabled),
        caseType: r.case_type as CaseType,
        fields: JSON.parse(r.fields) as WebFormField[],
        allowedOrigins: JSON.parse(r.allowed_origins) as string[],
        thankYou: JSON.parse(r.thank_you) as { 'zh-CN': string; en: string },
        version: Number(r.version),
      }
    );
  }

  /** Saves the settings if `version` is the stored one (0 = none yet); false when someone saved first. */
  async save(s: Omit<WebFormSettingsRecord, 'version'>, version: number, now: string): Promise<boolean> {
    const values = {
      enabled: fromBool(s.enabled),
      case_type: s.caseType,
      fields: JSON.stringify(s.fields),
      allowed_origins: JSON.stringify(s.allowedOrigins),
      thank_you: JSON.stringify(s.thankYou),
      updated_at: now,
      version: version + 1,
    };
    if (version === 0) {
      try {
        await this.db
          .insertInto('webform_settings')
          .values({ workspace_id: this.workspaceId, ...values })
          .execute();
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    }
    const r = await this.db
      .updateTable('webform_settings')
      .set(values)
      .where('workspace_id', '=', this.workspaceId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Counts one hit for `key` in a fixed window and returns the hits in the current window (this one included).
   * Atomic on both databases (one upsert), so several processes share the count.
   */
  async hit(key: string, now: Date, windowMs: number): Promise<number> {
    const nowIso = now.toISOString();
    const windowFloor = new Date(now.getTime() - windowMs).toISOString();
    await this.db
      .insertInto('webform_throttle')
      .values({ workspace_id: this.workspaceId, key, window_start: nowIso, hits: 1 })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'key']).doUpdateSet((eb) => ({
          hits: eb
            .case()
            .when('webform_throttle.window_start', '<=', windowFloor)
            .then(1)
            .else(eb('webform_throttle.hits', '+', 1))
            .end(),
          window_start: eb
            .case()
            .when('webform_throttle.window_start', '<=', windowFloor)
            .then(nowIso)
            .else(eb.ref('webform_throttle.window_start'))
            .end(),
        })),
      )
      .execute();
    const r = await this.db
      .selectFrom('webform_throttle')
      .select('hits')
      .where('workspace_id', '=', this.workspaceId)
      .where('key', '=', key)
      .executeTakeFirst();
    return Number(r?.hits ?? 0);
  }

  async contactByEmail(email: string) {
    return this.db
      .selectFrom('contacts')
      .select(['id', 'customer_id', 'name', 'locale'])
      .where('workspace_id', '=', this.workspaceId)
      .where('email', '=', email)
      .executeTakeFirst();
  }

  async customerForDomain(domain: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('webform_customers')
      .select('customer_id')
      .where('workspace_id', '=', this.workspaceId)
      .where('domain', '=', domain)
      .executeTakeFirst();
    return r?.customer_id;
  }

  async rememberDomain(domain: string, customerId: string): Promise<void> {
    await this.db
      .insertInto('webform_customers')
      .values({ workspace_id: this.workspaceId, domain, customer_id: customerId })
      .onConflict((oc) => oc.columns(['workspace_id', 'domain']).doNothing())
      .execute();
  }

  async customerCodeTaken(code: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('customers')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('code', '=', code)
      .executeTakeFirst();
    return Boolean(r);
  }
}
