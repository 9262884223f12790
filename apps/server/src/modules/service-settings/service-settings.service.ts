import type {
  FieldError,
  PortalServiceLevels,
  ServiceSettings,
  ServiceSettingsUpdate,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import type { ContactPrincipal } from '../../platform/auth/principal.js';
import { entitlementOf, type ServiceSettingsData } from './defaults.js';
import { customerTierOf, ServiceSettingsRepository } from './service-settings.repository.js';

/** Workspace service settings: reopen window, severity definitions, complaints, paid-escalation prices. */
export class ServiceSettingsService {
  constructor(private readonly ctx: ServiceContext) {}

  private present(data: ServiceSettingsData, version: number): ServiceSettings {
    const canManage =
      this.ctx.principal?.kind === 'staff' && this.ctx.principal.permissions.has('sla.manage');
    return { ...data, currency: 'CNY', version, actions: canManage ? ['update'] : [] };
  }

  async get(): Promise<ServiceSettings> {
    const r = await new ServiceSettingsRepository(this.ctx.database.db, this.ctx.workspace.id).load();
    return this.present(r.data, r.version);
  }

  async update(input: ServiceSettingsUpdate): Promise<ServiceSettings> {
    const { version, ...data } = input;
    const errs: FieldError[] = [];
    const keys = data.complaints.rootCauses.map((r) => r.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) errs.push(fieldError(`complaints/rootCauses/${i}/key`, 'duplicate'));
    });
    const { S1, S2, S3 } = data.paidEscalation.prices;
    if (!(S1 >= S2 && S2 >= S3)) errs.push(fieldError('paidEscalation/prices', 'invalid_value'));
    if (errs.length) throw invalidFields(errs);
    return inTransaction(this.ctx, async (tx) => {
      const repo = new ServiceSettingsRepository(tx, this.ctx.workspace.id);
      const before = await repo.load();
      if (before.version !== version) throw new AppError('conflict');
      const now = this.ctx.clock.now().toISOString();
      if (!(await repo.save(data, version, now))) throw new AppError('conflict');
      await recordAudit(tx, this.ctx, {
        entityType: 'service_settings',
        entityId: this.ctx.workspace.id,
        action: 'updated',
        before: before.data as unknown as Record<string, unknown>,
        after: data as unknown as Record<string, unknown>,
      });
      await emit(tx, this.ctx, 'service_settings.updated', { version: version + 1 });
      return this.present(data, version + 1);
    });
  }

  /** What the portal shows when a contact picks a severity or asks for a paid escalation. */
  async forContact(contact: ContactPrincipal): Promise<PortalServiceLevels> {
    const db = this.ctx.database.db;
    const { data } = await new ServiceSettingsRepository(db, this.ctx.workspace.id).load();
    const tier = await customerTierOf(db, this.ctx.workspace.id, contact.customerId);
    return {
      severities: data.severities,
      entitlement: entitlementOf(data, tier),
      prices: data.paidEscalation.prices,
      currency: 'CNY',
    };
  }
}
