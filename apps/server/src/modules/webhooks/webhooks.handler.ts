import type { EventHandler } from '../../platform/events/dispatcher.js';
import { newId } from '../../platform/ids.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { subscribed, webhookBody } from './webhooks.service.js';

/**
 * Queues one pending delivery per enabled endpoint subscribed to the event, inside the dispatch transaction (so
 * a delivery exists exactly when the event counts as dispatched). Sending is the delivery task's job.
 */
export const webhookEventHandler: EventHandler = {
  name: 'webhooks',
  handles: (type) => !/^(webhook|bot|integration_settings)\./.test(type),
  async handle(tx, event, ctx) {
    const repo = new WebhooksRepository(tx, event.workspaceId);
    const endpoints = (await repo.enabledEndpoints()).filter((e) => subscribed(e.eventTypes, event.type));
    if (endpoints.length === 0) return;
    const body = webhookBody(ctx, event);
    await repo.enqueue(
      endpoints.map((e) => ({
        id: newId(),
        endpointId: e.id,
        eventId: event.id,
        eventType: event.type,
        payload: body,
      })),
      ctx.clock.now().toISOString(),
    );
  },
};
