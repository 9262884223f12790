import { Type, type Static } from 'typebox';
import {
  Actions,
  Email,
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
import { LocaleSchema } from './auth.js';

export const CustomerTiers = ['standard', 'silver', 'gold', 'platinum'] as const;
export const CustomerTier = Type.Enum(CustomerTiers);
export type CustomerTier = (typeof CustomerTiers)[number];

const Latitude = Type.Number({ minimum: -90, maximum: 90 });
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 30, uniqueItems: true });
const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });

export const Customer = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  tier: CustomerTier,
  tags: Type.Array(Type.String()),
  ownerId: Nullable(Uuid),
  ownerName: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  website: Nullable(Type.String()),
  province: Nullable(Type.String()),
  city: Nullable(Type.String()),
  address: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  notes: Nullable(Type.String()),
  contactCount: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type Customer = Static<typeof Customer>;

const customerFields = {
  code: Code,
  name: Name,
  tier: CustomerTier,
  tags: Tags,
  ownerId: Nullable(Uuid),
  phone: Nullable(Type.String({ maxLength: 40 })),
  website: Nullable(Type.String({ maxLength: 200 })),
  province: Nullable(ShortText),
  city: Nullable(ShortText),
  address: Nullable(Type.String({ maxLength: 500 })),
  latitude: Nullable(Latitude),
  longitude: Nullable(Longitude),
  notes: Nullable(LongText),
};
export const CustomerCreate = Type.Object(
  {
    ...customerFields,
    tier: Type.Optional(CustomerTier),
    tags: Type.Optional(Tags),
    ownerId: Type.Optional(Nullable(Uuid)),
    phone: Type.Optional(customerFields.phone),
    website: Type.Optional(customerFields.website),
    province: Type.Optional(customerFields.province),
    city: Type.Optional(customerFields.city),
    address: Type.Optional(customerFields.address),
    latitude: Type.Optional(customerFields.latitude),
    longitude: Type.Optional(customerFields.longitude),
    notes: Type.Optional(customerFields.notes),
  },
  { additionalProperties: false },
);
export type CustomerCreate = Static<typeof CustomerCreate>;
export const CustomerUpdate = Type.Object(
  { ...Type.Partial(Type.Object(customerFields)).properties, version: Version },
  { additionalProperties: false },
);
export type CustomerUpdate = Static<typeof CustomerUpdate>;
export const CustomerQuery = Type.Object({
  ...PageQuery.properties,
  tier: Type.Optional(CustomerTier),
  tag: Type.Optional(Type.String({ maxLength: 40 })),
  ownerId: Type.Optional(Uuid),
});
export type CustomerQuery = Static<typeof CustomerQuery>;

export const Contact = Type.Object({
  id: Uuid,
  customerId: Uuid,
  customerName: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  wechatId: Nullable(Type.String()),
  title: Nullable(Type.String()),
  birthday: Nullable(Type.String()),
  locale: LocaleSchema,
  portalAccess: Type.Boolean(),
  companyWide: Type.Boolean(),
  /** When mail to the address bounced; null while it works. */
  emailBouncedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type Contact = Static<typeof Contact>;
const contactFields = {
  name: Name,
  email: Nullable(Email),
  phone: Nullable(Type.String({ maxLength: 40 })),
  wechatId: Nullable(Type.String({ maxLength: 64 })),
  title: Nullable(ShortText),
  birthday: Nullable(IsoDate),
  locale: LocaleSchema,
  portalAccess: Type.Boolean(),
  companyWide: Type.Boolean(),
};
export const ContactCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(contactFields)).properties,
    customerId: Uuid,
    name: Name,
  },
  { additionalProperties: false },
);
export type ContactCreate = Static<typeof ContactCreate>;
export const ContactUpdate = Type.Object(
  { ...Type.Partial(Type.Object(contactFields)).properties, version: Version },
  { additionalProperties: false },
);
export type ContactUpdate = Static<typeof ContactUpdate>;
export const ContactQuery = Type.Object({
  ...PageQuery.properties,
  customerId: Type.Optional(Uuid),
  portalAccess: Type.Optional(Type.Boolean()),
});
export type ContactQuery = Static<typeof ContactQuery>;
export const PortalInviteResult = Type.Object({ inviteUrl: Type.String() });
