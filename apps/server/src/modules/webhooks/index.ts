export { webhookRoutes } from './webhooks.routes.js';
export { webhookEventHandler } from './webhooks.handler.js';
export {
  runWebhookDeliveries,
  webhookSignature,
  WEBHOOK_DELIVERY_INTERVAL_MS,
  WEBHOOK_MAX_ATTEMPTS,
} from './webhooks.deliveries.js';
export { WebhooksRepository, type DeliveryRecord } from './webhooks.repository.js';
export { presentDelivery } from './webhooks.presenter.js';
export { replayDelivery } from './webhooks.service.js';
export { targetUrlError } from './webhooks.targets.js';
