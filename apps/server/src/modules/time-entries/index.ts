export { timeEntryRoutes } from './time-entries.routes.js';
export { totalsOf } from './time-entries.presenter.js';
