import { Type, type Static } from 'typebox';
import { Email, Name, Nullable, Uuid } from './common.js';
import { Locales } from './locale.js';
import { Limits } from './limits.js';
import { ModuleKeys } from './modules.js';

export const LocaleSchema = Type.Enum(Locales);
export const Password = Type.String({ minLength: Limits.passwordMin, maxLength: 200 });
export const Slug = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9][a-z0-9-]*[a-z0-9]$' });

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }), workspace: Type.Optional(Slug) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SignupBody = Type.Object(
  {
    companyName: Name,
    slug: Slug,
    name: Name,
    email: Email,
    password: Password,
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const ForgotPasswordBody = Type.Object(
  {
    email: Email,
    workspace: Type.Optional(Slug),
    kind: Type.Optional(Type.Union([Type.Literal('staff'), Type.Literal('contact')])),
  },
  { additionalProperties: false },
);
export const ResetPasswordBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export const AcceptInviteBody = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200 }), name: Type.Optional(Name), password: Password },
  { additionalProperties: false },
);

export const ModuleMap = Type.Object(
  Object.fromEntries(ModuleKeys.map((k) => [k, Type.Boolean()])) as Record<
    (typeof ModuleKeys)[number],
    ReturnType<typeof Type.Boolean>
  >,
);

export const Me = Type.Object({
  kind: Type.Union([Type.Literal('staff'), Type.Literal('contact')]),
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  locale: LocaleSchema,
  csrfToken: Type.String(),
  permissions: Type.Array(Type.String()),
  workspace: Type.Object({
    id: Uuid,
    slug: Type.String(),
    name: Type.String(),
    timezone: Type.String(),
    modules: ModuleMap,
  }),
  customer: Type.Optional(
    Nullable(Type.Object({ id: Uuid, name: Type.String(), companyWide: Type.Boolean() })),
  ),
});
export type Me = Static<typeof Me>;

export const UpdateMeBody = Type.Object(
  {
    name: Type.Optional(Name),
    locale: Type.Optional(LocaleSchema),
    currentPassword: Type.Optional(Type.String({ maxLength: 200 })),
    newPassword: Type.Optional(Password),
  },
  { additionalProperties: false },
);
