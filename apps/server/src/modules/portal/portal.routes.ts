import { Page, PortalAsset, PortalCompany, PortalOrder, PortalQuery, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access, requireContact } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { PortalService } from './portal.service.js';

function service(req: FastifyRequest): PortalService {
  return new PortalService(contextOf(req), requireContact(req));
}

/** The customer portal: a contact's view of their own company. */
export async function portalRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  app.get(
    '/portal/company',
    {
      config: { access: access.contact() },
      schema: { tags, summary: 'The contact’s company', response: { 200: PortalCompany, ...errors } },
    },
    (req) => service(req).company(),
  );
  app.get(
    '/portal/assets',
    {
      config: { access: access.contact() },
      schema: {
        tags,
        summary: 'The company’s installed base, newest purchase first; q searches serial and product',
        querystring: PortalQuery,
        response: { 200: Page(PortalAsset), ...errors },
      },
    },
    (req) => service(req).assets(req.query),
  );
  app.get(
    '/portal/assets/:assetId',
    {
      config: { access: access.contact() },
      schema: {
        tags,
        params: Type.Object({ assetId: Uuid }),
        response: { 200: PortalAsset, ...errors },
      },
    },
    (req) => service(req).asset(req.params.assetId),
  );
  app.get(
    '/portal/orders',
    {
      config: { access: access.contact() },
      schema: {
        tags,
        summary: 'The company’s orders, newest first (company-wide contacts only; others get 403)',
        querystring: PortalQuery,
        response: { 200: Page(PortalOrder), ...errors },
      },
    },
    (req) => service(req).orders(req.query),
  );
  app.get(
    '/portal/orders/:orderId',
    {
      config: { access: access.contact() },
      schema: {
        tags,
        summary: 'One order with its lines (company-wide contacts only; 404 otherwise)',
        params: Type.Object({ orderId: Uuid }),
        response: { 200: PortalOrder, ...errors },
      },
    },
    (req) => service(req).order(req.params.orderId),
  );
}
