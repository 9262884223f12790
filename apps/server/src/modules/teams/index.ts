export { teamRoutes } from './teams.routes.js';
export { routeNewCase, checkTeamAssignment, type Routing, type RoutingFacts } from './assignment.js';
