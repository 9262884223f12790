import { Type, type Static } from 'typebox';
import { Actions, IsoDateTime, Name, Nullable, PageQuery, Uuid, Version } from './common.js';

/*
 * Integrations: generic outbound webhooks for integrators and group bots (WeCom, DingTalk, Feishu). Both share
 * one delivery queue and its log. Secrets are shown once (on create and rotate) and never returned again.
 */

/** Per-workspace switch: may webhooks and bots target loopback, private or link-local addresses? Off by default. */
export const IntegrationSettings = Type.Object({
  allowPrivateTargets: Type.Boolean(),
  version: Version,
  actions: Actions,
});
export type IntegrationSettings = Static<typeof IntegrationSettings>;

export const IntegrationSettingsUpdate = Type.Object(
  { allowPrivateTargets: Type.Boolean(), version: Version },
  { additionalProperties: false },
);
export type IntegrationSettingsUpdate = Static<typeof IntegrationSettingsUpdate>;

/** Domain events a webhook may subscribe to (besides `*` for all and `<prefix>.*` for a family). */
export const WebhookEventTypes = [
  'case.created',
  'case.updated',
  'case.message_added',
  'case.mentioned',
  'case.merged',
  'case.split',
  'case.priority_bumped',
  'case.paid_escalation',
  'case.agreement_proposed',
  'case.agreement_confirmed',
  'case.plan_updated',
  'case.summary_posted',
  'case.checkpoint_added',
  'case.checkpoint_updated',
  'case.checkpoint_acknowledged',
  'case.link_added',
  'sla.warning',
  'sla.breached',
  'sla.escalated',
  'checkpoint.due_soon',
  'checkpoint.missed',
  'summary.due',
  'customer.created',
  'customer.updated',
  'contact.created',
  'contact.updated',
  'order.updated',
  'asset.created',
  'asset.updated',
  'service_contract.created',
  'service_contract.updated',
  'time_entry.created',
  'mail.received',
  'return.created',
  'return.reviewed',
  'return.decided',
  'return.appealed',
  'return.shipped',
  'return.received',
  'return.inspected',
  'return.completed',
  'return.cancelled',
  'return.review_late',
  'return.escalated',
  'webhook.test',
] as const;

const WebhookUrl = Type.String({ minLength: 1, maxLength: 2000 });
const EventTypePattern = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^(\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?)$',
});

export const WebhookEndpoint = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: Nullable(Type.String()),
  /** Event types, `*` (all) or `case.*` (a family). */
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  /** A signing secret exists; it is only ever shown on create and rotate. */
  hasSecret: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

/** The answer to create and rotate: the endpoint and its signing secret, shown this once. */
export const WebhookEndpointWithSecret = Type.Object({
  endpoint: WebhookEndpoint,
  secret: Type.String(),
});
export type WebhookEndpointWithSecret = Static<typeof WebhookEndpointWithSecret>;

export const WebhookEndpointCreate = Type.Object(
  {
    url: WebhookUrl,
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    eventTypes: Type.Array(EventTypePattern, { minItems: 1, maxItems: 100 }),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type WebhookEndpointCreate = Static<typeof WebhookEndpointCreate>;

export const WebhookEndpointUpdate = Type.Object(
  {
    url: Type.Optional(WebhookUrl),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    eventTypes: Type.Optional(Type.Array(EventTypePattern, { minItems: 1, maxItems: 100 })),
    enabled: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { additionalProperties: false },
);
export type WebhookEndpointUpdate = Static<typeof WebhookEndpointUpdate>;

/** pending: not tried yet; retrying: failed, will try again; succeeded; failed: given up (or refused at once). */
export const DeliveryStatuses = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DeliveryStatuses)[number];

export const Delivery = Type.Object({
  id: Uuid,
  eventId: Nullable(Uuid),
  eventType: Type.String(),
  status: Type.Enum(DeliveryStatuses),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(IsoDateTime),
  lastAttemptAt: Nullable(IsoDateTime),
  responseStatus: Nullable(Type.Integer()),
  /** The first 2000 characters of the last response body. */
  responseBody: Nullable(Type.String()),
  durationMs: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  /** The delivery this one replays. */
  replayOf: Nullable(Uuid),
  /** What is sent: the JSON body (webhooks) or the message (bots), before signing. */
  payload: Type.String(),
  createdAt: IsoDateTime,
  actions: Actions,
});
export type Delivery = Static<typeof Delivery>;

export const DeliveryQuery = Type.Object({
  page: PageQuery.properties.page,
  pageSize: PageQuery.properties.pageSize,
  status: Type.Optional(Type.Enum(DeliveryStatuses)),
});
export type DeliveryQuery = Static<typeof DeliveryQuery>;

export const BotKinds = ['wecom', 'dingtalk', 'feishu'] as const;
export type BotKind = (typeof BotKinds)[number];

/** What a group bot can announce. */
export const BotEvents = [
  'case.created',
  'case.customer_replied',
  'sla.warning',
  'sla.breached',
  'complaint.created',
  'checkpoint.due_soon',
  'checkpoint.missed',
  'summary.due',
  'return.awaiting_review',
  'return.decided',
] as const;
export type BotEvent = (typeof BotEvents)[number];

export const BotTarget = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.Enum(BotKinds),
  /** The webhook address with its key masked (the full address is a credential and is never returned). */
  urlHint: Type.String(),
  hasSecret: Type.Boolean(),
  /** Only cases of this team; null: every case of the workspace. */
  teamId: Nullable(Uuid),
  teamName: Nullable(Type.String()),
  events: Type.Array(Type.Enum(BotEvents)),
  enabled: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type BotTarget = Static<typeof BotTarget>;

export const BotTargetCreate = Type.Object(
  {
    name: Name,
    kind: Type.Enum(BotKinds),
    url: WebhookUrl,
    /** DingTalk 加签 / Feishu 签名校验 secret; WeCom has none. */
    secret: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
    teamId: Type.Optional(Nullable(Uuid)),
    events: Type.Array(Type.Enum(BotEvents), { minItems: 1, maxItems: 20 }),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type BotTargetCreate = Static<typeof BotTargetCreate>;

export const BotTargetUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    /** A new address; omitted keeps the stored one. */
    url: Type.Optional(WebhookUrl),
    /** A new secret; null removes it; omitted keeps it. */
    secret: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
    teamId: Type.Optional(Nullable(Uuid)),
    events: Type.Optional(Type.Array(Type.Enum(BotEvents), { minItems: 1, maxItems: 20 })),
    enabled: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { additionalProperties: false },
);
export type BotTargetUpdate = Static<typeof BotTargetUpdate>;
