import type { Asset } from '@aftercare/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { AssetRecord } from './assets.repository.js';
import { isInWarranty } from './dates.js';

export function presentAsset(a: AssetRecord, principal: Principal | null, today: string): Asset {
  const canWrite = principal?.kind === 'staff' && principal.permissions.has('assets.write');
  return {
    id: a.id,
    customerId: a.customerId,
    customerName: a.customerName,
    productId: a.productId,
    productName: a.productName,
    editionId: a.editionId,
    editionName: a.editionName,
    orderId: a.orderId,
    orderNumber: a.orderNumber,
    serialNumber: a.serialNumber,
    purchaseDate: a.purchaseDate,
    warrantyEnd: a.warrantyEnd,
    inWarranty: isInWarranty(a.status, a.warrantyEnd, today),
    status: a.status,
    notes: a.notes,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
    actions: canWrite ? ['update'] : [],
  };
}
