import type { Asset, AssetCreate, AssetUpdate } from '@aftercare/contracts';
import { createResource } from '../../lib/resource';

export const assets = createResource<Asset, AssetCreate, AssetUpdate>('assets', '/assets');
