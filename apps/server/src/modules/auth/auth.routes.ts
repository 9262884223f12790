import {
  AcceptInviteBody,
  ForgotPasswordBody,
  LoginBody,
  Me,
  Ok,
  ResetPasswordBody,
  SignupBody,
  UpdateMeBody,
} from '@aftercare/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access, requirePrincipal, SESSION_COOKIE } from '../../platform/http/access.js';
import { errors } from '../../platform/http/schemas.js';
import { resolvePrincipal } from '../../platform/auth/resolve.js';
import { AppError } from '../../platform/http/errors.js';
import { AuthService, presentMe, type AccountKind, type StartedSession } from './auth.service.js';

function service(req: FastifyRequest): AuthService {
  return new AuthService(req.server.deps, {
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    locale: req.locale,
  });
}

/** Sets the session cookie and answers with the signed-in person, as GET /auth/me would. */
async function signedIn(req: FastifyRequest, reply: FastifyReply, started: StartedSession, status = 200) {
  const { config, database, clock } = req.server.deps;
  reply.setCookie(SESSION_COOKIE, started.cookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: config.sessionDays * 86_400,
  });
  req.cookies[SESSION_COOKIE] = started.cookie;
  req.headers.authorization = undefined;
  const principal = await resolvePrincipal(req, { database, clock });
  if (!principal) throw new AppError('unauthenticated');
  return reply.status(status).send(presentMe(principal));
}

export async function authRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];

  app.post(
    '/auth/signup',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'Sign up a new company: creates its workspace and first administrator',
        body: SignupBody,
        response: { 201: Me, ...errors },
      },
    },
    async (req, reply) => signedIn(req, reply, await service(req).signup(req.body), 201),
  );

  for (const kind of ['staff', 'contact'] as AccountKind[]) {
    const prefix = kind === 'staff' ? '/auth' : '/portal/auth';
    app.post(
      `${prefix}/login`,
      {
        config: { access: access.public() },
        schema: {
          tags,
          summary: kind === 'staff' ? 'Staff sign-in' : 'Portal sign-in for customer contacts',
          body: LoginBody,
          response: { 200: Me, ...errors },
        },
      },
      async (req, reply) =>
        signedIn(
          req,
          reply,
          await service(req).login(kind, req.body.email, req.body.password, req.body.workspace),
        ),
    );
    app.post(
      `${prefix}/forgot-password`,
      {
        config: { access: access.public() },
        schema: {
          tags,
          summary: 'Mail a single-use password reset link (answers the same for unknown emails)',
          body: ForgotPasswordBody,
          response: { 200: Ok, ...errors },
        },
      },
      async (req) => {
        await service(req).forgotPassword(kind, req.body.email, req.body.workspace);
        return { ok: true };
      },
    );
  }

  app.post(
    '/auth/reset-password',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'Set a new password with a reset token',
        body: ResetPasswordBody,
        response: { 200: Me, ...errors },
      },
    },
    async (req, reply) =>
      signedIn(req, reply, await service(req).redeem('reset', req.body.token, req.body.password)),
  );
  app.post(
    '/auth/accept-invite',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'Accept a staff invitation and set a password',
        body: AcceptInviteBody,
        response: { 200: Me, ...errors },
      },
    },
    async (req, reply) =>
      signedIn(
        req,
        reply,
        await service(req).redeem('invite', req.body.token, req.body.password, req.body.name),
      ),
  );
  app.post(
    '/portal/auth/accept-invite',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'Accept a portal invitation and set a password',
        body: AcceptInviteBody,
        response: { 200: Me, ...errors },
      },
    },
    async (req, reply) =>
      signedIn(req, reply, await service(req).redeem('portal-invite', req.body.token, req.body.password)),
  );

  app.post(
    '/auth/logout',
    { config: { access: access.signedIn() }, schema: { tags, response: { 200: Ok, ...errors } } },
    async (req, reply) => {
      await service(req).logout(requirePrincipal(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );
  app.get(
    '/auth/me',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'The signed-in person, their workspace, permissions and CSRF token',
        response: { 200: Me, ...errors },
      },
    },
    async (req) => presentMe(requirePrincipal(req)),
  );
  app.patch(
    '/auth/me',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Change own name, language or password',
        body: UpdateMeBody,
        response: { 200: Me, ...errors },
      },
    },
    async (req) => {
      await service(req).updateMe(requirePrincipal(req), req.body);
      const principal = await resolvePrincipal(req, req.server.deps);
      if (!principal) throw new AppError('unauthenticated');
      return presentMe(principal);
    },
  );
}
