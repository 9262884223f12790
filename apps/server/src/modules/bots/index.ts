export { botRoutes } from './bots.routes.js';
export { botEventHandler } from './bots.handler.js';
