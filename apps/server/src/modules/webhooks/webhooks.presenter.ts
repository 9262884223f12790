import type { Delivery, IntegrationSettings, WebhookEndpoint } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { DeliveryRecord, EndpointRecord } from './webhooks.repository.js';

const can = (p: Principal | null, permission: 'integrations.manage' | 'workspace.manage') =>
  p?.kind === 'staff' && p.permissions.has(permission);

export function presentSettings(
  s: { allowPrivateTargets: boolean; version: number },
  principal: Principal | null,
): IntegrationSettings {
  return {
    allowPrivateTargets: s.allowPrivateTargets,
    version: s.version,
    actions: can(principal, 'workspace.manage') ? ['update'] : [],
  };
}

export function presentEndpoint(e: EndpointRecord, principal: Principal | null): WebhookEndpoint {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    hasSecret: Boolean(e.secret),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
    actions: can(principal, 'integrations.manage') ? ['update', 'delete', 'rotate_secret', 'test'] : [],
  };
}

export function presentDelivery(d: DeliveryRecord, principal: Principal | null): Delivery {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' || d.status === 'retrying' ? d.nextAttemptAt : null,
    lastAttemptAt: d.lastAttemptAt,
    responseStatus: d.responseStatus,
    responseBody: d.responseBody,
    durationMs: d.durationMs,
    lastError: d.lastError,
    replayOf: d.replayOf,
    payload: d.payload,
    createdAt: d.createdAt,
    actions: can(principal, 'integrations.manage') ? ['replay'] : [],
  };
}
