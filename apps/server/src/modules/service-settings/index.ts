export { serviceSettingsRoutes } from './service-settings.routes.js';
export { loadServiceSettings, customerTierOf } from './service-settings.repository.js';
export {
  defaultServiceSettings,
  entitlementOf,
  moreUrgent,
  priorityOf,
  raisedPriority,
  type ServiceSettingsData,
} from './defaults.js';
