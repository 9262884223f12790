import {
  Contact,
  ContactCreate,
  ContactQuery,
  ContactUpdate,
  Ok,
  Page,
  PortalInviteResult,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { ContactsService } from './contacts.service.js';

const Params = Type.Object({ contactId: Uuid });

export async function contactRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['contacts'];
  app.get(
    '/contacts',
    {
      config: { access: access.staff('customers.read') },
      schema: {
        tags,
        summary: 'Contacts of customer companies: search (name, email, phone, WeChat), filter, sort, page',
        querystring: ContactQuery,
        response: { 200: Page(Contact), ...errors },
      },
    },
    (req) => new ContactsService(contextOf(req)).list(req.query),
  );
  app.post(
    '/contacts',
    {
      config: { access: access.staff('customers.write') },
      schema: { tags, body: ContactCreate, response: { 201: Contact, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await new ContactsService(contextOf(req)).create(req.body)),
  );
  app.get(
    '/contacts/:contactId',
    {
      config: { access: access.staff('customers.read') },
      schema: { tags, params: Params, response: { 200: Contact, ...errors } },
    },
    (req) => new ContactsService(contextOf(req)).get(req.params.contactId),
  );
  app.patch(
    '/contacts/:contactId',
    {
      config: { access: access.staff('customers.write') },
      schema: {
        tags,
        summary:
          'Update; send the version you read (409 when stale). Turning portal access off signs the contact out.',
        params: Params,
        body: ContactUpdate,
        response: { 200: Contact, ...errors },
      },
    },
    (req) => new ContactsService(contextOf(req)).update(req.params.contactId, req.body),
  );
  app.delete(
    '/contacts/:contactId',
    {
      config: { access: access.staff('customers.write') },
      schema: { tags, params: Params, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await new ContactsService(contextOf(req)).delete(req.params.contactId);
      return { ok: true };
    },
  );
  app.post(
    '/contacts/:contactId/portal-invite',
    {
      config: { access: access.staff('customers.write') },
      schema: {
        tags,
        summary: 'Give the contact portal access and mail a single-use link to set a password (valid 7 days)',
        params: Params,
        response: { 200: PortalInviteResult, ...errors },
      },
    },
    (req) => new ContactsService(contextOf(req)).invite(req.params.contactId),
  );
  historyRoute(app, {
    path: '/contacts/:contactId/history',
    param: 'contactId',
    entityType: 'contact',
    permission: 'customers.read',
    tags,
    exists: (ctx, id) => new ContactsService(ctx).exists(id),
  });
}
