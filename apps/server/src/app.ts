import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, Limits } from '@aftercare/contracts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Config } from './platform/config.js';
import { systemClock, type Clock } from './platform/clock.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { Mailer } from './platform/mail/mailer.js';
import type { Deps } from './platform/context.js';
import { access, registerAccess } from './platform/http/access.js';
import {
  AppError,
  errorHandler,
  fieldError,
  frameworkErrorHandler,
  invalidFields,
  sendError,
} from './platform/http/errors.js';
import { nulCharacterAt, serializerCompiler, validatorCompiler } from './platform/http/validation.js';
import { PERIODIC_TASKS, registerModules } from './modules/index.js';
import { startScheduler } from './platform/scheduler.js';
import { WorkspacesRepository } from './modules/workspaces/index.js';
import { registerWebFormPage } from './modules/webform/index.js';

export interface BuildOptions {
  config: Config;
  database?: Database;
  clock?: Clock;
  /** Compile every route's validators and serializers at start-up instead of on first use (a test of them all). */
  eagerSchemas?: boolean;
}

export type App = FastifyInstance;

/** Builds the whole server. Tests call this with their own database and clock and use app.inject(). */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    bodyLimit: Limits.bodyBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(sent) ? sent : randomUUID();
    },
    ajv: { customOptions: { strict: false } },
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database =
    options.database ??
    openDatabase({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      sqliteSynchronous: config.sqliteSynchronous,
    });
  const deps: Deps = {
    config,
    database,
    clock: options.clock ?? systemClock,
    mailer: new Mailer(config.mail.smtpUrl, config.mail.from, app.log),
  };
  app.decorate('deps', deps);
  if (!options.database) app.addHook('onClose', () => database.close());

  // An empty body sent as JSON (a bodiless POST from many HTTP clients) is no body, not a syntax error.
  // Anything else goes to Fastify's own parser, which refuses prototype poisoning.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (String(body).trim() === '') return done(null, undefined);
    jsonParser(req, String(body), done);
  });
  const eager = options.eagerSchemas ?? false;
  app.setValidatorCompiler(validatorCompiler({ eager }));
  app.setSerializerCompiler(serializerCompiler(() => app.getSchemas(), { eager }));
  app.setErrorHandler(errorHandler);
  app.addHook('preValidation', async (request) => {
    const field =
      nulCharacterAt(request.params) ?? nulCharacterAt(request.query) ?? nulCharacterAt(request.body);
    if (field !== null) throw invalidFields([fieldError(field || 'body', 'invalid_value')]);
  });
  app.addSchema(ErrorBody);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https://*.tile.openstreetmap.org', 'https://*.autonavi.com'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    // The API explorer needs inline scripts; the rest of the app never does.
    hsts: config.secureCookies,
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: Limits.uploadBytes, files: 1, fields: 10, parts: 12 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Aftercare API',
        version: '0.1.0',
        description: 'REST API of Aftercare. Every error has the shape of ErrorBody.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token: act_<workspace>.<secret>' },
          session: { type: 'apiKey', in: 'cookie', name: 'ac_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAccess(app, { database, clock: deps.clock });

  app.get('/healthz', { config: { access: access.public() }, schema: { hide: true } }, async () => ({
    ok: true,
  }));
  app.get(
    '/readyz',
    { config: { access: access.public() }, schema: { hide: true } },
    async (request, reply) => {
      try {
        await new WorkspacesRepository(database.db).count();
        return { ok: true };
      } catch (err) {
        request.log.error({ err }, 'database not ready');
        return sendError(request, reply, 'unavailable');
      }
    },
  );

  await app.register(async (api) => registerModules(api), { prefix: '/api' });
  await registerWebFormPage(app, config);
  await registerWeb(app, config);
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'not_found'));
  startScheduler(app, deps, PERIODIC_TASKS);
  return app;
}

/** The built web app: static assets, and index.html for every client-side route. */
async function registerWeb(app: FastifyInstance, config: Config): Promise<void> {
  const root = config.webDist;
  const hasWeb = existsSync(join(root, 'index.html'));
  await app.register(fastifyStatic, { root: hasWeb ? root : process.cwd(), serve: false });
  app.get('/*', { config: { access: access.public() }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/')) throw new AppError('not_found');
    if (!hasWeb) return reply.type('text/plain').send('The web app is not built. Run `npm run build`.');
    if (path === '/') return reply.redirect('/app');
    const file = path.slice(1);
    if (
      /^[\w./-]+$/.test(file) &&
      !file.includes('..') &&
      existsSync(join(root, file)) &&
      file.includes('.')
    ) {
      const immutable = file.startsWith('assets/');
      return reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .sendFile(file);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
