export { caseRoutes } from './cases.routes.js';
export { portalCaseRoutes } from './cases.portal.routes.js';
export { disciplineRoutes, portalDisciplineRoutes } from './discipline.routes.js';
export { CasesRepository, type CaseRecord, type CaseMessageRecord } from './cases.repository.js';
