import { Type, type Static } from 'typebox';
import { Actions, Email, IsoDateTime, Name, Nullable, ShortText, Uuid, Version } from './common.js';
import { DepartmentKinds } from './departments.js';
import { Permissions } from './permissions.js';
import { LocaleSchema, ModuleMap } from './auth.js';

export const DepartmentKindSchema = Type.Enum(DepartmentKinds);
export const PermissionName = Type.Enum(Permissions);

export const Department = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: DepartmentKindSchema,
  memberCount: Type.Integer(),
  actions: Actions,
});
export type Department = Static<typeof Department>;
export const DepartmentInput = Type.Object(
  { name: Name, kind: DepartmentKindSchema },
  { additionalProperties: false },
);

export const Role = Type.Object({
  id: Uuid,
  key: Nullable(Type.String()),
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  builtIn: Type.Boolean(),
  actions: Actions,
});
export type Role = Static<typeof Role>;
export const RoleInput = Type.Object(
  { name: Name, permissions: Type.Array(PermissionName, { maxItems: 100 }) },
  { additionalProperties: false },
);

export const UserStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('invited'),
  Type.Literal('disabled'),
]);
export const Membership = Type.Object({ departmentId: Uuid, lead: Type.Boolean() });
export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  locale: LocaleSchema,
  status: UserStatus,
  roleIds: Type.Array(Uuid),
  departments: Type.Array(
    Type.Object({ departmentId: Uuid, name: Type.String(), kind: Type.String(), lead: Type.Boolean() }),
  ),
  lastLoginAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type User = Static<typeof User>;

export const InviteBody = Type.Object(
  {
    email: Email,
    name: Name,
    roleIds: Type.Array(Uuid, { minItems: 1, maxItems: 20 }),
    departments: Type.Optional(Type.Array(Membership, { maxItems: 20 })),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type InviteBody = Static<typeof InviteBody>;
export const InviteResult = Type.Object({ user: User, inviteUrl: Type.String() });
export type InviteResult = Static<typeof InviteResult>;

export const UserUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    roleIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 20 })),
    departments: Type.Optional(Type.Array(Membership, { maxItems: 20 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    version: Version,
  },
  { additionalProperties: false },
);

export const WorkspaceSettings = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  timezone: Type.String(),
  defaultLocale: LocaleSchema,
  modules: ModuleMap,
  version: Version,
});
export type WorkspaceSettings = Static<typeof WorkspaceSettings>;
export const WorkspaceUpdate = Type.Object(
  {
    name: Type.Optional(Name),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    defaultLocale: Type.Optional(LocaleSchema),
    modules: Type.Optional(Type.Partial(ModuleMap, { additionalProperties: false })),
    version: Version,
  },
  { additionalProperties: false },
);

export const ApiTokenScope = Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('admin')]);
export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  scope: ApiTokenScope,
  prefix: Type.String(),
  createdAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
  expiresAt: Nullable(IsoDateTime),
  revokedAt: Nullable(IsoDateTime),
  actions: Actions,
});
export type ApiToken = Static<typeof ApiToken>;
export const ApiTokenCreate = Type.Object(
  { name: Name, scope: ApiTokenScope, expiresAt: Type.Optional(IsoDateTime) },
  { additionalProperties: false },
);
export const ApiTokenCreated = Type.Object({
  token: ApiToken,
  secret: Type.String({ description: 'Shown once; store it now.' }),
});
export type ApiTokenCreated = Static<typeof ApiTokenCreated>;

export const AuditEntry = Type.Object({
  id: Uuid,
  at: IsoDateTime,
  action: Type.String(),
  entityType: Type.String(),
  entityId: Uuid,
  actorType: Type.String(),
  actorId: Nullable(Uuid),
  actorName: Nullable(ShortText),
  changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
  requestId: Nullable(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;
