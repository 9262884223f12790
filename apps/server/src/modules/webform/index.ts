export { webFormRoutes } from './webform.routes.js';
export { registerWebFormPage } from './webform.page.js';
