import {
  MailChannel,
  MailChannelCreate,
  MailChannelList,
  MailChannelTestResult,
  MailChannelUpdate,
  MailOriginal,
  Ok,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { historyRoute } from '../../platform/audit/history.route.js';
import { MailChannelsService } from './mail-channels.service.js';

const Params = Type.Object({ channelId: Uuid });
const CaseParams = Type.Object({ caseId: Uuid });

export async function mailChannelRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mail-channels'];
  const service = (req: Parameters<typeof contextOf>[0]) => new MailChannelsService(contextOf(req));
  app.get(
    '/mail-channels',
    {
      config: { access: access.staff('mail.manage'), module: 'helpdesk' },
      schema: {
        tags,
        summary: 'Mail channels (SMTP receiver addresses and IMAP mailboxes) and the receiver port',
        response: { 200: MailChannelList, ...errors },
      },
    },
    (req) => service(req).list(),
  );
  app.post(
    '/mail-channels',
    {
      config: { access: access.staff('mail.manage'), module: 'helpdesk' },
      schema: {
        tags,
        summary: 'Add a mail channel; an IMAP password is stored encrypted and never returned',
        body: MailChannelCreate,
        response: { 201: MailChannel, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service(req).create(req.body)),
  );
  app.get(
    '/mail-channels/:channelId',
    {
      config: { access: access.staff('mail.manage'), module: 'helpdesk' },
      schema: { tags, params: Params, response: { 200: MailChannel, ...errors } },
    },
    (req) => service(req).get(req.params.channelId),
  );
  app.patch(
    '/mail-channels/:channelId',
    {
      config: { access: access.staff('mail.manage'), module: 'helpdesk' },
      schema: {
        tags,
        summary:
          'Update a mail channel; send the version you read (409 when stale). Omit imapPassword to keep it',
        params: Params,
        body: MailChannelUpdate,
        response: { 200: MailChannel, ...errors },
      },
    },
    (req) => service(req).update(req.params.channelId, req.body),
  );
  app.delete(
    '/mail-channels/:channelId',
    {
      config: { access: access.staff('mail.manage'), module: 'helpdesk' },
      schema: { tags, params: Params, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await service(req).remove(req.params.channelId);
      return { ok: true };
    },
  );
  app.post(
    '/mail-channels/:channelId/test',
    {
      config: { access: access.staff('mail.manage'), module: 'helpdesk' },
      schema: {
        tags,
        summary: 'Check an IMAP channel: connect, log in and open the folder',
        params: Params,
        response: { 200: MailChannelTestResult, ...errors },
      },
    },
    (req) => service(req).test(req.params.channelId),
  );
  app.get(
    '/cases/:caseId/mail-originals',
    {
      config: { access: access.staff('cases.read'), module: 'helpdesk' },
      schema: {
        tags,
        summary: 'The full originals (quotes and signatures included) of the case messages received by mail',
        params: CaseParams,
        response: { 200: Type.Array(MailOriginal), ...errors },
      },
    },
    (req) => service(req).originals(req.params.caseId),
  );
  historyRoute(app, {
    path: '/mail-channels/:channelId/history',
    param: 'channelId',
    entityType: 'mail_channel',
    permission: 'mail.manage',
    tags,
    module: 'helpdesk',
    exists: async (ctx, id) => Boolean(await new MailChannelsService(ctx).get(id).catch(() => null)),
  });
}
