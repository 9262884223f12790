export { serviceContractRoutes } from './service-contracts.routes.js';
export { resolveCaseCoverage, type CaseCoverage } from './case-coverage.js';
export { contractState } from './service-contracts.presenter.js';
