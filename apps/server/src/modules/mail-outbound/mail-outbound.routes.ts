import {
  MailPreview,
  MailPreviewRequest,
  MailRetry,
  MailSettings,
  MailSettingsUpdate,
  MailTestResult,
  MessageDelivery,
  Uuid,
} from '@aftercare/contracts';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { MailOutboundService } from './mail-outbound.service.js';

const module = 'helpdesk' as const;
const manage = access.staff('mail.settings.manage');

/** Outgoing mail: SMTP settings and brand, test mail, template preview, and retrying a failed mail. */
export async function mailOutboundRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mail'];
  const service = (req: Parameters<typeof contextOf>[0]) => new MailOutboundService(contextOf(req));
  app.get(
    '/mail-settings',
    {
      config: { access: manage, module },
      schema: {
        tags,
        summary:
          'Outgoing mail settings: SMTP server, sender, reply address, brand (the password is never shown)',
        response: { 200: MailSettings, ...errors },
      },
    },
    (req) => service(req).get(),
  );
  app.put(
    '/mail-settings',
    {
      config: { access: manage, module },
      schema: {
        tags,
        summary:
          'Replace the outgoing mail settings; password absent keeps the stored one, empty removes it (409 when stale)',
        body: MailSettingsUpdate,
        response: { 200: MailSettings, ...errors },
      },
    },
    (req) => service(req).update(req.body),
  );
  app.post(
    '/mail-settings/test',
    {
      config: { access: manage, module },
      schema: {
        tags,
        summary: 'Send a test mail to the signed-in user with the stored settings; answers the SMTP result',
        response: { 200: MailTestResult, ...errors },
      },
    },
    (req) => service(req).test(),
  );
  app.post(
    '/mail-settings/preview',
    {
      config: { access: manage, module },
      schema: {
        tags,
        summary: 'The acknowledgement mail rendered with sample data and the given brand, in zh-CN and en',
        body: MailPreviewRequest,
        response: { 200: MailPreview, ...errors },
      },
    },
    (req) => service(req).preview(req.body),
  );
  app.post(
    '/cases/:caseId/mail/retry',
    {
      config: { access: access.staff('cases.write'), module },
      schema: {
        tags,
        summary: 'Retry now: put a failed mail of the case back in the queue (409 unless it failed)',
        params: Type.Object({ caseId: Uuid }),
        body: MailRetry,
        response: { 200: MessageDelivery, ...errors },
      },
    },
    (req) => service(req).retry(req.params.caseId, req.body.mailId),
  );
}
