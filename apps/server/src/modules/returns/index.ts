export { returnRoutes, portalReturnRoutes } from './returns.routes.js';
export { runReturnDeadlines, RETURN_DEADLINES_INTERVAL_MS } from './returns.deadlines.js';
