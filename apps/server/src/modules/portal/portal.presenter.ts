import type { PortalAsset, PortalCompany, PortalOrder } from '@aftercare/contracts';
import type { CustomerRecord } from '../customers/index.js';
import { isInWarranty, type AssetRecord } from '../assets/index.js';
import type { OrderLineRecord, OrderRecord } from '../orders/index.js';

/*
 * Portal presenters copy the fields a customer may see, one by one. Nothing internal (notes, tags, tier,
 * owner ids, versions, actions, external references) can slip through by being added to a record later.
 */

export function presentPortalCompany(c: CustomerRecord): PortalCompany {
  return {
    id: c.id,
    name: c.name,
    phone: c.phone,
    address: c.address,
    city: c.city,
    province: c.province,
    accountManager: c.ownerName,
  };
}

export function presentPortalAsset(a: AssetRecord, today: string): PortalAsset {
  return {
    id: a.id,
    productName: a.productName,
    editionName: a.editionName,
    serialNumber: a.serialNumber,
    purchaseDate: a.purchaseDate,
    warrantyEnd: a.warrantyEnd,
    inWarranty: isInWarranty(a.status, a.warrantyEnd, today),
    status: a.status,
  };
}

export function presentPortalOrder(o: OrderRecord, lines?: OrderLineRecord[]): PortalOrder {
  return {
    id: o.id,
    number: o.number,
    orderedAt: o.orderedAt,
    status: o.status,
    currency: o.currency,
    totalCents: o.totalCents,
    ...(lines
      ? {
          lines: lines.map((l) => ({
            id: l.id,
            productName: l.productName,
            editionName: l.editionName,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
            serialNumbers: l.serialNumbers,
          })),
        }
      : {}),
  };
}
