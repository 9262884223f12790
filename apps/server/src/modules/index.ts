import type { FastifyInstance } from 'fastify';
import type { PeriodicTask } from '../platform/scheduler.js';
import { dispatchOutbox, DISPATCH_INTERVAL_MS, type EventHandler } from '../platform/events/dispatcher.js';
import { runSlaSweep, SLA_SWEEP_INTERVAL_MS } from './sla/index.js';
import { DISCIPLINE_SWEEP_INTERVAL_MS, runDisciplineSweep } from './cases/index.js';
import { authRoutes } from './auth/index.js';
import { workspaceRoutes } from './workspaces/index.js';
import { userRoutes } from './users/index.js';
import { roleRoutes } from './roles/index.js';
import { departmentRoutes } from './departments/index.js';
import { apiTokenRoutes } from './api-tokens/index.js';
import { customerRoutes } from './customers/index.js';
import { contactRoutes } from './contacts/index.js';
import { productRoutes } from './products/index.js';
import { orderRoutes } from './orders/index.js';
import { assetRoutes } from './assets/index.js';
import { portalRoutes } from './portal/index.js';
import { caseRoutes, disciplineRoutes, portalCaseRoutes, portalDisciplineRoutes } from './cases/index.js';
import { disciplineExtRoutes, portalDisciplineExtRoutes } from './cases/index.js';
import { reportRoutes } from './reports/index.js';
import { calendarRoutes } from './calendars/index.js';
import { slaPolicyRoutes } from './sla/index.js';
import { savedViewRoutes } from './saved-views/index.js';
import { teamRoutes } from './teams/index.js';
import { caseMergeRoutes, portalCaseMergeRoutes } from './cases/index.js';
import { attachmentRoutes, portalAttachmentRoutes } from './attachments/index.js';
import { mentionRoutes } from './mentions/index.js';
import { serviceSettingsRoutes } from './service-settings/index.js';
import { serviceLevelRoutes } from './service-levels/index.js';
import { timeEntryRoutes } from './time-entries/index.js';
import { caseContextRoutes } from './case-context/index.js';
import { macroRoutes } from './macros/index.js';
import { webFormRoutes } from './webform/index.js';
import { serviceContractRoutes } from './service-contracts/index.js';
import {
  notificationHandler,
  notificationRoutes,
  NOTIFICATION_MAIL_INTERVAL_MS,
  runNotificationMail,
} from './notifications/index.js';
import {
  MAIL_SEND_INTERVAL_MS,
  mailOutboundHandler,
  mailOutboundRoutes,
  returnMailHandler,
  runMailOutbound,
} from './mail-outbound/index.js';
import {
  runWebhookDeliveries,
  WEBHOOK_DELIVERY_INTERVAL_MS,
  webhookEventHandler,
  webhookRoutes,
} from './webhooks/index.js';
import { botEventHandler, botRoutes } from './bots/index.js';
import { mailChannelRoutes, MAIL_POLL_INTERVAL_MS, runMailPoll } from './mail-channels/index.js';
import {
  portalReturnRoutes,
  returnRoutes,
  runReturnDeadlines,
  RETURN_DEADLINES_INTERVAL_MS,
} from './returns/index.js';

/** Every module's routes, under /api. A module is listed here and nowhere else. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(workspaceRoutes);
  await app.register(userRoutes);
  await app.register(roleRoutes);
  await app.register(departmentRoutes);
  await app.register(apiTokenRoutes);
  await app.register(customerRoutes);
  await app.register(contactRoutes);
  await app.register(productRoutes);
  await app.register(orderRoutes);
  await app.register(assetRoutes);
  await app.register(portalRoutes);
  await app.register(caseRoutes);
  await app.register(portalCaseRoutes);
  await app.register(disciplineRoutes);
  await app.register(portalDisciplineRoutes);
  await app.register(disciplineExtRoutes);
  await app.register(portalDisciplineExtRoutes);
  await app.register(reportRoutes);
  await app.register(calendarRoutes);
  await app.register(slaPolicyRoutes);
  await app.register(savedViewRoutes);
  await app.register(teamRoutes);
  await app.register(caseMergeRoutes);
  await app.register(portalCaseMergeRoutes);
  await app.register(attachmentRoutes);
  await app.register(portalAttachmentRoutes);
  await app.register(mentionRoutes);
  await app.register(serviceSettingsRoutes);
  await app.register(serviceLevelRoutes);
  await app.register(timeEntryRoutes);
  await app.register(caseContextRoutes);
  await app.register(macroRoutes);
  await app.register(webFormRoutes);
  await app.register(serviceContractRoutes);
  await app.register(notificationRoutes);
  await app.register(mailOutboundRoutes);
  await app.register(webhookRoutes);
  await app.register(botRoutes);
  await app.register(mailChannelRoutes);
  await app.register(returnRoutes);
  await app.register(portalReturnRoutes);
}

/**
 * Every consumer of domain events (notifications, outbound mail, bots, webhooks), in the order they run for one
 * event. A consumer is listed here and nowhere else.
 */
export const EVENT_HANDLERS: EventHandler[] = [
  notificationHandler,
  mailOutboundHandler,
  returnMailHandler,
  webhookEventHandler,
  botEventHandler,
];

/** Every periodic job of the server. A job is listed here and nowhere else. */
export const PERIODIC_TASKS: PeriodicTask[] = [
  { name: 'sla-sweep', everyMs: SLA_SWEEP_INTERVAL_MS, run: (deps, now) => runSlaSweep(deps, now) },
  {
    name: 'discipline-sweep',
    everyMs: DISCIPLINE_SWEEP_INTERVAL_MS,
    run: (deps, now) => runDisciplineSweep(deps, now),
  },
  {
    name: 'outbox-dispatch',
    everyMs: DISPATCH_INTERVAL_MS,
    run: (deps, now) => dispatchOutbox(deps, EVENT_HANDLERS, now),
  },
  {
    name: 'notification-mail',
    everyMs: NOTIFICATION_MAIL_INTERVAL_MS,
    run: (deps, now) => runNotificationMail(deps, now),
  },
  {
    name: 'mail-outbound-send',
    everyMs: MAIL_SEND_INTERVAL_MS,
    run: (deps, now) => runMailOutbound(deps, now),
  },
  {
    name: 'webhook-deliveries',
    everyMs: WEBHOOK_DELIVERY_INTERVAL_MS,
    run: (deps, now) => runWebhookDeliveries(deps, now),
  },
  { name: 'mail-poll', everyMs: MAIL_POLL_INTERVAL_MS, run: (deps, now) => runMailPoll(deps, now) },
  {
    name: 'return-deadlines',
    everyMs: RETURN_DEADLINES_INTERVAL_MS,
    run: (deps, now) => runReturnDeadlines(deps, now),
  },
];
