import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { access } from '../../platform/http/access.js';
import type { Config } from '../../platform/config.js';
import { formFrameAncestors } from './webform.service.js';

/**
 * The public form page `/form/<slug>` (the web app's standalone page). It is the only page other sites may frame:
 * its Content-Security-Policy lists the workspace's allowed origins in frame-ancestors and X-Frame-Options is
 * dropped; every other page keeps frame-ancestors 'none'.
 */
export async function registerWebFormPage(app: FastifyInstance, config: Config): Promise<void> {
  const hasWeb = existsSync(join(config.webDist, 'index.html'));
  app.get<{ Params: { slug: string } }>(
    '/form/:slug',
    { config: { access: access.public() }, schema: { hide: true } },
    async (request, reply) => {
      const origins = /^[a-z0-9-]{1,63}$/.test(request.params.slug)
        ? await formFrameAncestors(app.deps, request.params.slug)
        : null;
      if (origins && origins.length) {
        const csp = String(reply.getHeader('content-security-policy') ?? '');
        reply.header(
          'content-security-policy',
          csp.replace(/frame-ancestors [^;]*/, `frame-ancestors 'self' ${origins.join(' ')}`),
        );
        reply.removeHeader('x-frame-options');
      }
      reply.header('cache-control', 'no-cache');
      if (!hasWeb) return reply.type('text/plain').send('The web app is not built. Run `npm run build`.');
      return reply.sendFile('index.html');
    },
  );
}
