export { notificationRoutes } from './notifications.routes.js';
export { notificationHandler } from './notifications.handler.js';
export { runNotificationMail, NOTIFICATION_MAIL_INTERVAL_MS } from './notifications.mail.js';
