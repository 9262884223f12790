import { Type, type Static } from 'typebox';

export const ReportsOverview = Type.Object({
  customers: Type.Integer(),
  contacts: Type.Integer(),
  products: Type.Integer(),
  orders: Type.Integer(),
  assetsInWarranty: Type.Integer(),
  ordersByMonth: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      orders: Type.Integer(),
      totalCents: Type.Integer(),
    }),
  ),
  customersByTier: Type.Array(Type.Object({ tier: Type.String(), count: Type.Integer() })),
});
export type ReportsOverview = Static<typeof ReportsOverview>;
