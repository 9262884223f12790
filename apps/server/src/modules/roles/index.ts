export { roleRoutes } from './roles.routes.js';
