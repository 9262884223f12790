export { serviceLevelRoutes } from './service-levels.routes.js';
export { complaintCloseErrors, complaintOpened, complaintsOf, saveComplaint } from './complaints.js';
export { entitledSeverity, newCaseCharge, recordPaidEscalation } from './paid-escalation.service.js';
