import { Type, type Static } from 'typebox';
import { Actions, IsoDateTime, Uuid, Version } from './common.js';
import { CaseFilters } from './cases.js';

/** A saved queue query: the view, filters, search text and sort of the case list, without paging. */
export const SavedViewQuery = Type.Object(
  {
    ...CaseFilters.properties,
    q: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Optional(Type.String({ maxLength: 40, pattern: '^-?[a-zA-Z]+$' })),
  },
  { additionalProperties: false },
);
export type SavedViewQuery = Static<typeof SavedViewQuery>;

const ViewName = Type.String({ minLength: 1, maxLength: 60 });

/** A named queue query; private to its owner or shared with the workspace. */
export const SavedView = Type.Object({
  id: Uuid,
  name: Type.String(),
  shared: Type.Boolean(),
  ownerId: Uuid,
  ownerName: Type.String(),
  query: SavedViewQuery,
  /** How many cases match now (when asked for with ?counts=true). */
  count: Type.Optional(Type.Integer()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  /** update / delete when the user may change it (the owner; an admin for shared views). */
  actions: Actions,
});
export type SavedView = Static<typeof SavedView>;

export const SavedViewList = Type.Object({ items: Type.Array(SavedView) });
export type SavedViewList = Static<typeof SavedViewList>;

export const SavedViewListQuery = Type.Object({
  /** Adds each view's current count (capped like search counts). */
  counts: Type.Optional(Type.Boolean()),
});
export type SavedViewListQuery = Static<typeof SavedViewListQuery>;

export const SavedViewCreate = Type.Object(
  {
    name: ViewName,
    shared: Type.Optional(Type.Boolean()),
    query: SavedViewQuery,
  },
  { additionalProperties: false },
);
export type SavedViewCreate = Static<typeof SavedViewCreate>;

export const SavedViewUpdate = Type.Object(
  {
    name: Type.Optional(ViewName),
    shared: Type.Optional(Type.Boolean()),
    query: Type.Optional(SavedViewQuery),
    version: Version,
  },
  { additionalProperties: false },
);
export type SavedViewUpdate = Static<typeof SavedViewUpdate>;

export const SavedViewParams = Type.Object({ viewId: Uuid });
