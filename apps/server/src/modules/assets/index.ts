export { assetRoutes } from './assets.routes.js';
export { AssetsRepository, serialKey, type AssetRecord } from './assets.repository.js';
export {
  existingSerials,
  registerAssetsInTx,
  workspaceToday,
  type NewInstalledAsset,
} from './assets.service.js';
export { addMonths, isInWarranty, isIsoDate, todayIn } from './dates.js';
