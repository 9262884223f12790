import { Type, type Static } from 'typebox';
import {
  Actions,
  IsoDate,
  IsoDateTime,
  LongText,
  Name,
  Nullable,
  PageQuery,
  Uuid,
  Version,
} from './common.js';

/*
 * Service contracts: what a customer bought in service terms, as far as service levels need it — the edition it
 * covers, the calendar it is served on (7×24 for premium) and its term. Fees and renewals come later.
 */

/** Derived from the dates in the workspace's time zone: before startsOn, within the term, after endsOn. */
export const ServiceContractStates = ['upcoming', 'active', 'expired'] as const;
export const ServiceContractState = Type.Enum(ServiceContractStates);
export type ServiceContractState = (typeof ServiceContractStates)[number];

export const ServiceContract = Type.Object({
  id: Uuid,
  /** Human number, SC-00001… */
  number: Type.String(),
  customerId: Uuid,
  customerName: Type.String(),
  name: Type.String(),
  editionId: Nullable(Uuid),
  editionName: Nullable(Type.String()),
  productName: Nullable(Type.String()),
  /** The calendar the customer's cases under this contract are served on; null: the policy's calendar. */
  calendarId: Nullable(Uuid),
  calendarName: Nullable(Type.String()),
  startsOn: IsoDate,
  endsOn: IsoDate,
  state: ServiceContractState,
  notes: Nullable(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type ServiceContract = Static<typeof ServiceContract>;

export const ServiceContractCreate = Type.Object(
  {
    customerId: Uuid,
    name: Name,
    editionId: Type.Optional(Nullable(Uuid)),
    calendarId: Type.Optional(Nullable(Uuid)),
    startsOn: IsoDate,
    endsOn: IsoDate,
    notes: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false },
);
export type ServiceContractCreate = Static<typeof ServiceContractCreate>;

export const ServiceContractUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    editionId: Type.Optional(Nullable(Uuid)),
    calendarId: Type.Optional(Nullable(Uuid)),
    startsOn: Type.Optional(IsoDate),
    endsOn: Type.Optional(IsoDate),
    notes: Type.Optional(Nullable(LongText)),
    version: Version,
  },
  { additionalProperties: false },
);
export type ServiceContractUpdate = Static<typeof ServiceContractUpdate>;

export const ServiceContractQuery = Type.Object({
  ...PageQuery.properties,
  customerId: Type.Optional(Uuid),
  state: Type.Optional(ServiceContractState),
});
export type ServiceContractQuery = Static<typeof ServiceContractQuery>;
