import { Type, type Static } from 'typebox';
import {
  Actions,
  IsoDate,
  IsoDateTime,
  LongText,
  Name,
  Nullable,
  PageQuery,
  ShortText,
  Uuid,
  Version,
} from './common.js';

const Sku = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$' });

export const Edition = Type.Object({
  id: Uuid,
  productId: Uuid,
  code: Type.String(),
  name: Type.String(),
  version: Version,
  actions: Actions,
});
export type Edition = Static<typeof Edition>;
export const EditionInput = Type.Object({ code: Sku, name: Name }, { additionalProperties: false });
export type EditionInput = Static<typeof EditionInput>;
export const EditionUpdate = Type.Object(
  { code: Type.Optional(Sku), name: Type.Optional(Name), version: Version },
  { additionalProperties: false },
);
export type EditionUpdate = Static<typeof EditionUpdate>;

export const Product = Type.Object({
  id: Uuid,
  sku: Type.String(),
  name: Type.String(),
  category: Nullable(Type.String()),
  description: Nullable(Type.String()),
  warrantyMonths: Type.Integer(),
  returnWindowDays: Type.Integer(),
  active: Type.Boolean(),
  editions: Type.Array(Edition),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type Product = Static<typeof Product>;
const productFields = {
  sku: Sku,
  name: Name,
  category: Nullable(ShortText),
  description: Nullable(LongText),
  warrantyMonths: Type.Integer({ minimum: 0, maximum: 240 }),
  returnWindowDays: Type.Integer({ minimum: 0, maximum: 3650 }),
  active: Type.Boolean(),
};
export const ProductCreate = Type.Object(
  {
    sku: Sku,
    name: Name,
    category: Type.Optional(productFields.category),
    description: Type.Optional(productFields.description),
    warrantyMonths: Type.Optional(productFields.warrantyMonths),
    returnWindowDays: Type.Optional(productFields.returnWindowDays),
    editions: Type.Optional(Type.Array(EditionInput, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type ProductCreate = Static<typeof ProductCreate>;
export const ProductUpdate = Type.Object(
  { ...Type.Partial(Type.Object(productFields)).properties, version: Version },
  { additionalProperties: false },
);
export type ProductUpdate = Static<typeof ProductUpdate>;
export const ProductQuery = Type.Object({
  ...PageQuery.properties,
  category: Type.Optional(Type.String({ maxLength: 200 })),
});
export type ProductQuery = Static<typeof ProductQuery>;

export const OrderStatuses = ['open', 'fulfilled', 'cancelled'] as const;
export const OrderStatus = Type.Enum(OrderStatuses);
export type OrderStatus = (typeof OrderStatuses)[number];
export const OrderLine = Type.Object({
  id: Uuid,
  productId: Uuid,
  productName: Type.String(),
  sku: Type.String(),
  editionId: Nullable(Uuid),
  editionName: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPriceCents: Type.Integer(),
  serialNumbers: Type.Array(Type.String()),
});
export type OrderLine = Static<typeof OrderLine>;
export const Order = Type.Object({
  id: Uuid,
  number: Type.String(),
  externalRef: Nullable(Type.String()),
  customerId: Uuid,
  customerName: Type.String(),
  orderedAt: IsoDate,
  status: OrderStatus,
  currency: Type.String(),
  totalCents: Type.Integer(),
  lineCount: Type.Integer(),
  lines: Type.Optional(Type.Array(OrderLine)),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type Order = Static<typeof Order>;
export const OrderLineInput = Type.Object(
  {
    productId: Uuid,
    editionId: Type.Optional(Nullable(Uuid)),
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    unitPriceCents: Type.Integer({ minimum: 0, maximum: 1e12 }),
    serialNumbers: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 1000 }),
    ),
  },
  { additionalProperties: false },
);
export type OrderLineInput = Static<typeof OrderLineInput>;
export const OrderCreate = Type.Object(
  {
    customerId: Uuid,
    externalRef: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    orderedAt: IsoDate,
    status: Type.Optional(OrderStatus),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    lines: Type.Array(OrderLineInput, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type OrderCreate = Static<typeof OrderCreate>;
export const OrderUpdate = Type.Object(
  {
    status: Type.Optional(OrderStatus),
    externalRef: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    version: Version,
  },
  { additionalProperties: false },
);
export type OrderUpdate = Static<typeof OrderUpdate>;
export const OrderQuery = Type.Object({
  ...PageQuery.properties,
  customerId: Type.Optional(Uuid),
  status: Type.Optional(OrderStatus),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type OrderQuery = Static<typeof OrderQuery>;

export const ImportRowError = Type.Object({
  /** The row as a spreadsheet numbers it: the header is row 1, the first data row is row 2. */
  row: Type.Integer(),
  /** The column (one of OrderImportColumns), or "file" for a problem with the file as a whole. */
  field: Type.String(),
  message: Type.String(),
  /** A stable code for the failure (required, unknown_reference, duplicate…), next to the localized message. */
  code: Type.Optional(Type.String()),
});
export type ImportRowError = Static<typeof ImportRowError>;
export const ImportResult = Type.Object({
  imported: Type.Integer(),
  orders: Type.Integer(),
  errors: Type.Array(ImportRowError),
});
export type ImportResult = Static<typeof ImportResult>;
/** Columns of an order import file (CSV or XLSX, first row is the header). One row per order line. */
export const OrderImportColumns = [
  'order_ref',
  'customer_code',
  'ordered_at',
  'sku',
  'edition_code',
  'quantity',
  'unit_price',
  'currency',
  'serial_numbers',
] as const;
export type OrderImportColumn = (typeof OrderImportColumns)[number];
/** Query of POST /orders/import: with dryRun=true the file is only checked, nothing is written. */
export const OrderImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) });
export type OrderImportQuery = Static<typeof OrderImportQuery>;
export const OrderImportTemplateQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
});
export type OrderImportTemplateQuery = Static<typeof OrderImportTemplateQuery>;

export const AssetStatuses = ['active', 'returned', 'retired'] as const;
export const AssetStatus = Type.Enum(AssetStatuses);
export type AssetStatus = (typeof AssetStatuses)[number];
export const Asset = Type.Object({
  id: Uuid,
  customerId: Uuid,
  customerName: Type.String(),
  productId: Uuid,
  productName: Type.String(),
  editionId: Nullable(Uuid),
  editionName: Nullable(Type.String()),
  orderId: Nullable(Uuid),
  orderNumber: Nullable(Type.String()),
  serialNumber: Type.String(),
  purchaseDate: Nullable(IsoDate),
  warrantyEnd: Nullable(IsoDate),
  inWarranty: Type.Boolean(),
  status: AssetStatus,
  notes: Nullable(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type Asset = Static<typeof Asset>;
export const AssetCreate = Type.Object(
  {
    customerId: Uuid,
    productId: Uuid,
    editionId: Type.Optional(Nullable(Uuid)),
    orderId: Type.Optional(Nullable(Uuid)),
    serialNumber: Type.String({ minLength: 1, maxLength: 100 }),
    purchaseDate: Type.Optional(Nullable(IsoDate)),
    warrantyEnd: Type.Optional(Nullable(IsoDate)),
    notes: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false },
);
export type AssetCreate = Static<typeof AssetCreate>;
export const AssetUpdate = Type.Object(
  {
    purchaseDate: Type.Optional(Nullable(IsoDate)),
    warrantyEnd: Type.Optional(Nullable(IsoDate)),
    status: Type.Optional(AssetStatus),
    notes: Type.Optional(Nullable(LongText)),
    version: Version,
  },
  { additionalProperties: false },
);
export type AssetUpdate = Static<typeof AssetUpdate>;
export const AssetQuery = Type.Object({
  ...PageQuery.properties,
  customerId: Type.Optional(Uuid),
  productId: Type.Optional(Uuid),
  warranty: Type.Optional(Type.Union([Type.Literal('in'), Type.Literal('out')])),
});
export type AssetQuery = Static<typeof AssetQuery>;
