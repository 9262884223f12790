export { caseContextRoutes } from './case-context.routes.js';
