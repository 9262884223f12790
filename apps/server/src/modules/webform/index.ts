export { webFormRoutes } from './webform.routes.js';
export { registerWebFormPage } from './webform.page.js';
export { PUBLIC_MAIL_DOMAINS } from './webform.service.js';
