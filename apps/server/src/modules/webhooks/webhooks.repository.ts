import type { DeliveryStatus } from '@aftercare/contracts';
import { toBool, type Executor } from '../../platform/db/database.js';

export interface EndpointRecord {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  /** sealed */
  secret: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface EndpointFields {
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
}

export interface DeliveryRecord {
  id: string;
  endpointId: string | null;
  botId: string | null;
  eventId: string | null;
  eventType: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number | null;
  lastError: string | null;
  replayOf: string | null;
  createdAt: string;
}

export interface NewDelivery {
  id: string;
  endpointId?: string | null;
  botId?: string | null;
  eventId: string | null;
  eventType: string;
  payload: string;
  replayOf?: string | null;
}

export interface DeliveryOutcome {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number | null;
  lastError: string | null;
}

/** What the delivery worker needs of a delivery's target, webhook endpoint or bot. */
export interface DeliveryTarget {
  kind: 'webhook' | 'wecom' | 'dingtalk' | 'feishu';
  enabled: boolean;
  /** sealed */
  url: string;
  /** sealed; null for a bot without one */
  secret: string | null;
}

/** Webhook endpoints, the integration settings, and the one delivery queue of webhooks and bots. */
export class WebhooksRepository {
  constructor(
    private readonly db: Executor,
    private readonly workspaceId: string,
  ) {}

  async settings(): Promise<{ allowPrivateTargets: boolean; version: number }> {
    const r = await this.db
      .selectFrom('integration_settings')
      .select(['allow_private_targets', 'version'])
      .where('workspace_id', '=', this.workspaceId)
      .executeTakeFirst();
    return r
      ? { allowPrivateTargets: toBool(r.allow_private_targets), version: r.version }
      : { allowPrivateTargets: false, version: 0 };
  }

  /** Saves the settings if `version` is current (0: never saved). False when someone else saved first. */
  async saveSettings(allowPrivateTargets: boolean, version: number, now: string): Promise<boolean> {
    const value = allowPrivateTargets ? 1 : 0;
    if (version === 0) {
      const exists = await this.db
        .selectFrom('integration_settings')
        .select('version')
        .where('workspace_id', '=', this.workspaceId)
        .executeTakeFirst();
      if (exists) return false;
      await this.db
        .insertInto('integration_settings')
        .values({ workspace_id: this.workspaceId, allow_private_targets: value, updated_at: now, version: 1 })
        .execute();
      return true;
    }
    const res = await this.db
      .updateTable('integration_settings')
      .set({ allow_private_targets: value, updated_at: now, version: version + 1 })
      .where('workspace_id', '=', this.workspaceId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private endpoints() {
    return this.db
      .selectFrom('webhook_endpoints')
      .select([
        'id',
        'url',
        'description',
        'event_types',
        'enabled',
        'secret',
        'created_at',
        'updated_at',
        'version',
      ])
      .where('workspace_id', '=', this.workspaceId);
  }

  async find(id: string): Promise<EndpointRecord | undefined> {
    const r = await this.endpoints().where('id', '=', id).executeTakeFirst();
    return r && toEndpoint(r);
  }

  async list(): Promise<EndpointRecord[]> {
    return (await this.endpoints().orderBy('created_at').orderBy('id').execute()).map(toEndpoint);
  }

  async enabledEndpoints(): Promise<EndpointRecord[]> {
    return (await this.endpoints().where('enabled', '=', 1).execute()).map(toEndpoint);
  }

  async insert(id: string, f: EndpointFields, sealedSecret: string, now: string): Promise<void> {
    await this.db
      .insertInto('webhook_endpoints')
      .values({
        workspace_id: this.workspaceId,
        id,
        url: f.url,
        description: f.description,
        event_types: JSON.stringify(f.eventTypes),
        enabled: f.enabled ? 1 : 0,
        secret: sealedSecret,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  async update(id: string, version: number, f: EndpointFields, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('webhook_endpoints')
      .set({
        url: f.url,
        description: f.description,
        event_types: JSON.stringify(f.eventTypes),
        enabled: f.enabled ? 1 : 0,
        updated_at: now,
        version: version + 1,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setSecret(id: string, sealedSecret: string, now: string): Promise<void> {
    await this.db
      .updateTable('webhook_endpoints')
      .set((eb) => ({ secret: sealedSecret, updated_at: now, version: eb('version', '+', 1) }))
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db
      .deleteFrom('webhook_endpoints')
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  // --- the delivery queue -------------------------------------------------------------------------------

  async enqueue(rows: NewDelivery[], now: string): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('webhook_deliveries')
      .values(
        rows.map((r) => ({
          workspace_id: this.workspaceId,
          id: r.id,
          endpoint_id: r.endpointId ?? null,
          bot_id: r.botId ?? null,
          event_id: r.eventId,
          event_type: r.eventType,
          payload: r.payload,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          last_attempt_at: null,
          response_status: null,
          response_body: null,
          duration_ms: null,
          last_error: null,
          replay_of: r.replayOf ?? null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }

  private deliveries() {
    return this.db
      .selectFrom('webhook_deliveries')
      .select([
        'id',
        'endpoint_id',
        'bot_id',
        'event_id',
        'event_type',
        'payload',
        'status',
        'attempts',
        'next_attempt_at',
        'last_attempt_at',
        'response_status',
        'response_body',
        'duration_ms',
        'last_error',
        'replay_of',
        'created_at',
      ])
      .where('workspace_id', '=', this.workspaceId);
  }

  async delivery(id: string): Promise<DeliveryRecord | undefined> {
    const r = await this.deliveries().where('id', '=', id).executeTakeFirst();
    return r && toDelivery(r);
  }

  /** The deliveries of one endpoint or bot, newest first. */
  async deliveriesOf(
    owner: { endpointId: string } | { botId: string },
    q: { status?: DeliveryStatus | undefined; page: number; pageSize: number },
  ): Promise<{ items: DeliveryRecord[]; total: number }> {
    let base =
      'endpointId' in owner
        ? this.deliveries().where('endpoint_id', '=', owner.endpointId)
        : this.deliveries().where('bot_id', '=', owner.botId);
    if (q.status) base = base.where('status', '=', q.status);
    const total = await base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { items: rows.map(toDelivery), total: Number(total.n) };
  }

  /**
   * Claims a due delivery for one attempt: moves its next attempt to `leaseUntil` if it is still due and nobody
   * has tried it since it was read, so two processes never send it at once. A sender that dies leaves it to be
   * tried again after the lease.
   */
  async claim(id: string, attempts: number, now: string, leaseUntil: string): Promise<boolean> {
    const res = await this.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: leaseUntil })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .where('attempts', '=', attempts)
      .where('status', 'in', ['pending', 'retrying'])
      .where('next_attempt_at', '<=', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async record(id: string, o: DeliveryOutcome): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: o.status,
        attempts: o.attempts,
        next_attempt_at: o.nextAttemptAt,
        last_attempt_at: o.lastAttemptAt,
        response_status: o.responseStatus,
        response_body: o.responseBody,
        duration_ms: o.durationMs,
        last_error: o.lastError,
        updated_at: o.lastAttemptAt,
      })
      .where('workspace_id', '=', this.workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async target(d: { endpointId: string | null; botId: string | null }): Promise<DeliveryTarget | undefined> {
    if (d.endpointId) {
      const r = await this.db
        .selectFrom('webhook_endpoints')
        .select(['url', 'secret', 'enabled'])
        .where('workspace_id', '=', this.workspaceId)
        .where('id', '=', d.endpointId)
        .executeTakeFirst();
      return r && { kind: 'webhook', enabled: toBool(r.enabled), url: r.url, secret: r.secret };
    }
    if (d.botId) {
      const r = await this.db
        .selectFrom('bot_targets')
        .select(['kind', 'url', 'secret', 'enabled'])
        .where('workspace_id', '=', this.workspaceId)
        .where('id', '=', d.botId)
        .executeTakeFirst();
      return (
        r && {
          kind: r.kind as DeliveryTarget['kind'],
          enabled: toBool(r.enabled),
          url: r.url,
          secret: r.secret,
        }
      );
    }
    return undefined;
  }
}

/** Due deliveries of every workspace (or of some), oldest due first: the worker's read. */
export function dueDeliveries(
  db: Executor,
  now: string,
  workspaceIds: string[] | undefined,
  limit: number,
): Promise<Array<{ workspace_id: string; id: string; attempts: number }>> {
  let q = db
    .selectFrom('webhook_deliveries')
    .select(['workspace_id', 'id', 'attempts'])
    .where('status', 'in', ['pending', 'retrying'])
    .where('next_attempt_at', '<=', now);
  if (workspaceIds) {
    if (workspaceIds.length === 0) return Promise.resolve([]);
    q = q.where('workspace_id', 'in', workspaceIds);
  }
  return q.orderBy('next_attempt_at').orderBy('id').limit(limit).execute();
}

type EndpointRow = Awaited<
  ReturnType<ReturnType<WebhooksRepository['endpoints']>['executeTakeFirstOrThrow']>
>;
type DeliveryRow = Awaited<
  ReturnType<ReturnType<WebhooksRepository['deliveries']>['executeTakeFirstOrThrow']>
>;

function toEndpoint(r: EndpointRow): EndpointRecord {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: JSON.parse(r.event_types) as string[],
    enabled: toBool(r.enabled),
    secret: r.secret,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function toDelivery(r: DeliveryRow): DeliveryRecord {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    botId: r.bot_id,
    eventId: r.event_id,
    eventType: r.event_type,
    payload: r.payload,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    responseStatus: r.response_status,
    responseBody: r.response_body,
    durationMs: r.duration_ms,
    lastError: r.last_error,
    replayOf: r.replay_of,
    createdAt: r.created_at,
  };
}
