export { slaPolicyRoutes } from './sla-policies.routes.js';
export {
  applyCaseSla,
  caseSlas,
  caseCommitments,
  newCaseSla,
  saveNewCaseSla,
  selectPolicy,
  type NewCaseSla,
} from './sla.engine.js';
export { runSlaSweep, SLA_SWEEP_INTERVAL_MS, type SlaEvent, type SweepResult } from './sla.sweep.js';
export { seedServiceLevels } from './sla.seed.js';
export { recomputeCasesUsing, backfillCaseSla } from './sla.levels.js';
export { calendarOf } from './sla.engine.js';
export { SlaRepository } from './sla.repository.js';
