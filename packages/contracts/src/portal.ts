import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, PageNumber, Uuid } from './common.js';
import { Limits } from './limits.js';
import { AssetStatus, OrderStatus } from './catalog.js';

/**
 * What a customer's contact sees in the portal. Only their own company's records, and none of the internal
 * fields staff work with (notes, tags, tier, owner, versions, actions, external references).
 */
export const PortalCompany = Type.Object({
  id: Uuid,
  name: Type.String(),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  city: Nullable(Type.String()),
  province: Nullable(Type.String()),
  /** The name of the staff member who looks after the company. */
  accountManager: Nullable(Type.String()),
});
export type PortalCompany = Static<typeof PortalCompany>;

export const PortalOrderLine = Type.Object({
  /** What a return names (`orderLineId`); only ever shown for the contact's own company's orders. */
  id: Uuid,
  productName: Type.String(),
  editionName: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPriceCents: Type.Integer(),
  serialNumbers: Type.Array(Type.String()),
});
export type PortalOrderLine = Static<typeof PortalOrderLine>;

/** Orders are shown to company-wide contacts only. `lines` comes with the detail, not in lists. */
export const PortalOrder = Type.Object({
  id: Uuid,
  number: Type.String(),
  orderedAt: IsoDate,
  status: OrderStatus,
  currency: Type.String(),
  totalCents: Type.Integer(),
  lines: Type.Optional(Type.Array(PortalOrderLine)),
});
export type PortalOrder = Static<typeof PortalOrder>;

export const PortalAsset = Type.Object({
  id: Uuid,
  productName: Type.String(),
  editionName: Nullable(Type.String()),
  serialNumber: Type.String(),
  purchaseDate: Nullable(IsoDate),
  warrantyEnd: Nullable(IsoDate),
  inWarranty: Type.Boolean(),
  status: AssetStatus,
});
export type PortalAsset = Static<typeof PortalAsset>;

/** Paging and a search text; portal lists have a fixed order (newest first). */
export const PortalQuery = Type.Object({
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(
    Type.Integer({ minimum: 1, maximum: Limits.pageSizeMax, default: Limits.pageSizeDefault }),
  ),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
export type PortalQuery = Static<typeof PortalQuery>;
