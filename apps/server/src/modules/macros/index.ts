export { macroRoutes } from './macros.routes.js';
export { formatInstant } from './macro-template.js';
