import { PortalServiceLevels, ServiceSettings, ServiceSettingsUpdate } from '@aftercare/contracts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access, requireContact } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { ServiceSettingsService } from './service-settings.service.js';

const module = 'helpdesk' as const;

/** The workspace's service settings (helpdesk module) and what the portal may know of them. */
export async function serviceSettingsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sla'];
  app.get(
    '/service-settings',
    {
      config: { access: access.staff('cases.read'), module },
      schema: {
        tags,
        summary: 'Reopen window, severity definitions, complaint settings and paid-escalation price list',
        response: { 200: ServiceSettings, ...errors },
      },
    },
    (req) => new ServiceSettingsService(contextOf(req)).get(),
  );
  app.put(
    '/service-settings',
    {
      config: { access: access.staff('sla.manage'), module },
      schema: {
        tags,
        summary:
          'Replace the service settings; send the version you read (0 while on the defaults; 409 when stale)',
        body: ServiceSettingsUpdate,
        response: { 200: ServiceSettings, ...errors },
      },
    },
    (req) => new ServiceSettingsService(contextOf(req)).update(req.body),
  );
  app.get(
    '/portal/service-levels',
    {
      config: { access: access.contact(), module },
      schema: {
        tags: ['portal'],
        summary: 'Severity definitions, the customer’s entitlement and the paid-escalation prices',
        response: { 200: PortalServiceLevels, ...errors },
      },
    },
    (req) => new ServiceSettingsService(contextOf(req)).forContact(requireContact(req)),
  );
}
