import {
  WebhookEventTypes,
  type Delivery,
  type DeliveryQuery,
  type FieldError,
  type IntegrationSettings,
  type IntegrationSettingsUpdate,
  type PageOf,
  type WebhookEndpoint,
  type WebhookEndpointCreate,
  type WebhookEndpointUpdate,
  type WebhookEndpointWithSecret,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { newId, newSecret } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import {
  WebhooksRepository,
  type DeliveryRecord,
  type EndpointFields,
  type EndpointRecord,
} from './webhooks.repository.js';
import { presentDelivery, presentEndpoint, presentSettings } from './webhooks.presenter.js';
import { normalisedUrl, targetUrlError } from './webhooks.targets.js';

/** Events about integrations themselves are never delivered to integrations (no echoes). */
const OWN_EVENTS = /^(webhook|bot|integration_settings)\./;

/** Does an endpoint subscribed to `patterns` want an event of `type`? `*` all, `case.*` a family, or exact. */
export function subscribed(patterns: readonly string[], type: string): boolean {
  if (OWN_EVENTS.test(type)) return false;
  return patterns.some(
    (p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))),
  );
}

const knownType = (p: string) =>
  p === '*' ||
  (WebhookEventTypes as readonly string[]).includes(p) ||
  (p.endsWith('.*') && WebhookEventTypes.some((t) => t.startsWith(p.slice(0, -1))));

/** The JSON body of a webhook delivery: what integrators receive. */
export function webhookBody(
  ctx: ServiceContext,
  event: { id: string; type: string; createdAt: string; payload: Record<string, unknown> },
): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    workspace: { id: ctx.workspace.id, slug: ctx.workspace.slug },
    createdAt: event.createdAt,
    data: event.payload,
  });
}

const audited = (e: EndpointRecord) => ({
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.enabled,
});

/** Generic outbound webhooks: endpoints, their secrets, test events, the delivery log and replays. */
export class WebhooksService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new WebhooksRepository(db, this.ctx.workspace.id);
  }

  private box() {
    return new SecretBox(this.ctx.config.secret);
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  async settings(): Promise<IntegrationSettings> {
    return presentSettings(await this.repo().settings(), this.ctx.principal);
  }

  async updateSettings(input: IntegrationSettingsUpdate): Promise<IntegrationSettings> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await repo.settings();
      if (before.version !== input.version) throw new AppError('conflict');
      if (!(await repo.saveSettings(input.allowPrivateTargets, input.version, this.now())))
        throw new AppError('conflict');
      const after = await repo.settings();
      await recordAudit(tx, this.ctx, {
        entityType: 'integration_settings',
        entityId: this.ctx.workspace.id,
        action: 'updated',
        before: { allowPrivateTargets: before.allowPrivateTargets },
        after: { allowPrivateTargets: after.allowPrivateTargets },
      });
      await emit(tx, this.ctx, 'integration_settings.updated', {
        allowPrivateTargets: after.allowPrivateTargets,
      });
      return presentSettings(after, this.ctx.principal);
    });
  }

  async list(): Promise<WebhookEndpoint[]> {
    return (await this.repo().list()).map((e) => presentEndpoint(e, this.ctx.principal));
  }

  async get(id: string): Promise<WebhookEndpoint> {
    return presentEndpoint(await this.found(id), this.ctx.principal);
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  private async found(id: string, db?: Executor): Promise<EndpointRecord> {
    const e = await this.repo(db).find(id);
    if (!e) throw new AppError('not_found');
    return e;
  }

  private async checked(repo: WebhooksRepository, f: EndpointFields): Promise<EndpointFields> {
    const errs: FieldError[] = [];
    const { allowPrivateTargets } = await repo.settings();
    const urlError = await targetUrlError('url', f.url, allowPrivateTargets);
    if (urlError) errs.push(urlError);
    f.eventTypes.forEach((p, i) => {
      if (!knownType(p)) errs.push(fieldError(`eventTypes/${i}`, 'unknown_event_type'));
    });
    if (errs.length) throw invalidFields(errs);
    return { ...f, url: normalisedUrl(f.url), eventTypes: [...new Set(f.eventTypes)] };
  }

  async create(input: WebhookEndpointCreate): Promise<WebhookEndpointWithSecret> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const fields = await this.checked(repo, {
        url: input.url,
        description: input.description?.trim() || null,
        eventTypes: input.eventTypes,
        enabled: input.enabled ?? true,
      });
      const id = newId();
      const secret = `whsec_${newSecret(24)}`;
      await repo.insert(id, fields, this.box().seal(secret), this.now());
      const after = await this.found(id, tx);
      await recordAudit(tx, this.ctx, {
        entityType: 'webhook',
        entityId: id,
        action: 'created',
        after: audited(after),
      });
      await emit(tx, this.ctx, 'webhook.created', { webhookId: id });
      return { endpoint: presentEndpoint(after, this.ctx.principal), secret };
    });
  }

  async update(id: string, input: WebhookEndpointUpdate): Promise<WebhookEndpoint> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      const before = await this.found(id, tx);
      if (before.version !== input.version) throw new AppError('conflict');
      const fields = await this.checked(repo, {
        url: input.url ?? before.url,
        description: input.description === undefined ? before.description : input.description?.trim() || null,
        eventTypes: input.eventTypes ?? before.eventTypes,
        enabled: input.enabled ?? before.enabled,
      });
      if (!(await repo.update(id, before.version, fields, this.now()))) throw new AppError('conflict');
      const after = await this.found(id, tx);
      await recordAudit(tx, this.ctx, {
        entityType: 'webhook',
        entityId: id,
        action: 'updated',
        before: audited(before),
        after: audited(after),
      });
      await emit(tx, this.ctx, 'webhook.updated', { webhookId: id });
      return presentEndpoint(after, this.ctx.principal);
    });
  }

  async remove(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const before = await this.found(id, tx);
      await this.repo(tx).remove(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'webhook',
        entityId: id,
        action: 'deleted',
        before: audited(before),
      });
      await emit(tx, this.ctx, 'webhook.deleted', { webhookId: id });
    });
  }

  /** A new signing secret, shown this once; the old one stops working at once. */
  async rotateSecret(id: string): Promise<WebhookEndpointWithSecret> {
    return inTransaction(this.ctx, async (tx) => {
      await this.found(id, tx);
      const secret = `whsec_${newSecret(24)}`;
      await this.repo(tx).setSecret(id, this.box().seal(secret), this.now());
      const after = await this.found(id, tx);
      await recordAudit(tx, this.ctx, {
        entityType: 'webhook',
        entityId: id,
        action: 'secret_rotated',
        changes: { secret: { from: '…', to: '…' } },
      });
      await emit(tx, this.ctx, 'webhook.secret_rotated', { webhookId: id });
      return { endpoint: presentEndpoint(after, this.ctx.principal), secret };
    });
  }

  /** Queues a `webhook.test` event for this endpoint, whatever it subscribes to. */
  async sendTest(id: string): Promise<Delivery> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      await this.found(id, tx);
      const deliveryId = newId();
      const now = this.now();
      const body = webhookBody(this.ctx, {
        id: newId(),
        type: 'webhook.test',
        createdAt: now,
        payload: { webhookId: id, message: 'Aftercare test event' },
      });
      await repo.enqueue(
        [{ id: deliveryId, endpointId: id, eventId: null, eventType: 'webhook.test', payload: body }],
        now,
      );
      await recordAudit(tx, this.ctx, {
        entityType: 'webhook',
        entityId: id,
        action: 'test_sent',
        changes: { delivery: { from: null, to: deliveryId } },
      });
      await emit(tx, this.ctx, 'webhook.test_sent', { webhookId: id, deliveryId });
      return presentDelivery((await repo.delivery(deliveryId)) as DeliveryRecord, this.ctx.principal);
    });
  }

  async deliveries(id: string, query: DeliveryQuery): Promise<PageOf<Delivery>> {
    await this.found(id);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.repo().deliveriesOf(
      { endpointId: id },
      { status: query.status, page, pageSize },
    );
    return { items: items.map((d) => presentDelivery(d, this.ctx.principal)), total, page, pageSize };
  }

  /** A new delivery of the same payload (same event id, so receivers can tell it is the same event). */
  async replay(id: string, deliveryId: string): Promise<Delivery> {
    return inTransaction(this.ctx, async (tx) => {
      const repo = this.repo(tx);
      await this.found(id, tx);
      const original = await repo.delivery(deliveryId);
      if (!original || original.endpointId !== id) throw new AppError('not_found');
      const replayId = await replayDelivery(repo, original, this.now());
      await recordAudit(tx, this.ctx, {
        entityType: 'webhook',
        entityId: id,
        action: 'delivery_replayed',
        changes: { delivery: { from: deliveryId, to: replayId } },
      });
      await emit(tx, this.ctx, 'webhook.delivery_replayed', { webhookId: id, deliveryId, replayId });
      return presentDelivery((await repo.delivery(replayId)) as DeliveryRecord, this.ctx.principal);
    });
  }
}

/** Queues a copy of a delivery (webhook or bot) to be sent again; returns the new delivery's id. */
export async function replayDelivery(
  repo: WebhooksRepository,
  original: {
    id: string;
    endpointId: string | null;
    botId: string | null;
    eventId: string | null;
    eventType: string;
    payload: string;
  },
  now: string,
): Promise<string> {
  const id = newId();
  await repo.enqueue(
    [
      {
        id,
        endpointId: original.endpointId,
        botId: original.botId,
        eventId: original.eventId,
        eventType: original.eventType,
        payload: original.payload,
        replayOf: original.id,
      },
    ],
    now,
  );
  return id;
}
