import {
  WebFormConfig,
  WebFormReceipt,
  WebFormSettings,
  WebFormSettingsUpdate,
  WebFormSlugParams,
  WebFormSubmission,
} from '@aftercare/contracts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { PublicWebFormService, WebFormSettingsService } from './webform.service.js';

const module = 'helpdesk' as const;

/** The public web form (a case channel) and its settings. */
export async function webFormRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['web form'];
  const manage = { access: access.staff('workspace.manage'), module };
  app.get(
    '/webform/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The web form settings, its public address and the <iframe> snippet',
        response: { 200: WebFormSettings, ...errors },
      },
    },
    (req) => new WebFormSettingsService(contextOf(req)).get(),
  );
  app.put(
    '/webform/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Save the web form settings; send the version you read (0 the first time; 409 when stale)',
        body: WebFormSettingsUpdate,
        response: { 200: WebFormSettings, ...errors },
      },
    },
    (req) => new WebFormSettingsService(contextOf(req)).update(req.body),
  );
  app.get(
    '/public/forms/:slug',
    {
      config: { access: access.public(), module },
      schema: {
        tags,
        summary: 'Public: what the web form shows, a signed form token and a proof-of-work challenge',
        description: '404 when the workspace does not exist, has the helpdesk off, or the form is disabled.',
        params: WebFormSlugParams,
        response: { 200: WebFormConfig, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return new PublicWebFormService(req.server.deps, req.id).config(req.params.slug, req.locale);
    },
  );
  app.post(
    '/public/forms/:slug',
    {
      config: { access: access.public(), module },
      schema: {
        tags,
        summary: 'Public: send the web form; opens a case (channel web_form) and answers with its commitment',
        description:
          'Refused with 429 rate_limited (per address and per email), 400 submission_rejected (honeypot), ' +
          'submission_too_fast / form_expired (form token), challenge_failed (proof of work).',
        params: WebFormSlugParams,
        body: WebFormSubmission,
        response: { 201: WebFormReceipt, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await new PublicWebFormService(req.server.deps, req.id).submit(
            req.params.slug,
            req.body,
            req.ip,
            req.locale,
          ),
        ),
  );
}
