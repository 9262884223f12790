import { Type, type Static, type TSchema } from 'typebox';
import { Limits } from './limits.js';

export const Uuid = Type.String({ format: 'uuid' });

/**
 * A record's version for optimistic concurrency: the client sends back the one it read and gets 409 when it is
 * stale. The database keeps versions in a 32-bit integer and a write stores the next one, so the largest a client
 * may send is 2,147,483,646; a larger one is refused with 400 instead of failing in the database.
 */
export const MAX_VERSION = 2_147_483_646;
export const Version = Type.Integer({ minimum: 0, maximum: MAX_VERSION });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Name = Type.String({ minLength: 1, maxLength: Limits.nameMax });
export const ShortText = Type.String({ maxLength: Limits.nameMax });
export const LongText = Type.String({ maxLength: Limits.textMax });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Actions the current user may take on a record; the web shows buttons from these, never re-implements rules. */
export const Actions = Type.Array(Type.String());

/** A page number; the bound keeps the row offset (page × page size) inside a 64-bit integer on both databases. */
export const PageNumber = Type.Integer({ minimum: 1, maximum: Limits.pageMax, default: 1 });

export const PageQuery = Type.Object({
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(
    Type.Integer({ minimum: 1, maximum: Limits.pageSizeMax, default: Limits.pageSizeDefault }),
  ),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(Type.String({ maxLength: 40, pattern: '^-?[a-zA-Z]+$' })),
});
export type PageQuery = Static<typeof PageQuery>;

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const Ok = Type.Object({ ok: Type.Boolean() });
