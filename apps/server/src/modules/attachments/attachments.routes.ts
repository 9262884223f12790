import { AttachmentLimits, AttachmentUpload, Ok, Uuid } from '@aftercare/contracts';
import { Type } from 'typebox';
import contentDisposition from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { access } from '../../platform/http/access.js';
import { contextOf } from '../../platform/context.js';
import { errors } from '../../platform/http/schemas.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { AttachmentsService, type AttachmentFile } from './attachments.service.js';

const Params = Type.Object({ attachmentId: Uuid });
const module = 'helpdesk' as const;

/** Reads the one file of a multipart upload (field "file"), refusing anything larger than the limit. */
async function readUpload(req: FastifyRequest): Promise<{ filename: string; content: Buffer }> {
  const file = await req.file({ limits: { fileSize: AttachmentLimits.fileBytes, files: 1 } });
  if (!file || file.fieldname !== 'file') throw invalidFields([fieldError('file', 'required')]);
  try {
    return { filename: file.filename, content: await file.toBuffer() };
  } catch (e) {
    if ((e as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('attachment_too_large');
    throw e;
  }
}

/** Headers that keep a stored file inert in the browser: never sniffed, never run, never framed. */
function inert(reply: FastifyReply): FastifyReply {
  return reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache');
}

/** A download: always as an attachment, under its stored (detected) type and a safe RFC 5987 file name. */
function sendDownload(reply: FastifyReply, file: AttachmentFile): FastifyReply {
  const type = file.attachment.contentType.startsWith('text/')
    ? `${file.attachment.contentType}; charset=utf-8`
    : file.attachment.contentType || 'application/octet-stream';
  return inert(reply)
    .header('content-type', type)
    .header('content-disposition', contentDisposition(file.attachment.name, { type: 'attachment' }))
    .send(file.content);
}

/** A preview: the re-encoded image, inline so an <img> can show it, with the same inert headers. */
function sendPreview(reply: FastifyReply, file: AttachmentFile): FastifyReply {
  return inert(reply)
    .header('content-type', 'image/webp')
    .header('content-disposition', contentDisposition(`${file.attachment.name}.webp`, { type: 'inline' }))
    .send(file.content);
}

const uploadDescription =
  `multipart/form-data with one file in the field "file", at most ${AttachmentLimits.fileBytes / 1_048_576} MB. ` +
  'The type is recognised from the content: images (png, jpeg, gif, webp), pdf, zip, Office documents, and ' +
  'UTF-8 plain text (txt, csv, log); the name’s extension must agree with the content (415 ' +
  'attachment_type_mismatch, 415 attachment_type_refused, 413 attachment_too_large). The upload belongs to ' +
  `you and is removed after ${AttachmentLimits.unattachedHours} h unless you attach it (attachmentIds on a ` +
  'message or a plan step).';
const downloadDescription =
  'Always Content-Disposition: attachment, the type recognised at upload, nosniff and a sandboxing CSP.';
const previewDescription =
  'Raster images only: decoded and encoded again as WebP (at most ' +
  `${AttachmentLimits.previewMaxSide} px), so nothing but pixels survives. 404 for other files.`;

/** Attachments for staff (the helpdesk module). */
export async function attachmentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['attachments'];
  const read = { access: access.staff('cases.read'), module };
  const write = { access: access.staff('cases.write'), module };
  app.post(
    '/attachments',
    {
      config: write,
      schema: {
        tags,
        summary: 'Upload a file to attach to a case message or plan step',
        description: uploadDescription,
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentUpload, ...errors },
      },
    },
    async (req, reply) => {
      const { filename, content } = await readUpload(req);
      return reply.status(201).send(await new AttachmentsService(contextOf(req)).upload(filename, content));
    },
  );
  app.get(
    '/attachments/:attachmentId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Download a file (attached ones, and your own uploads)',
        description: downloadDescription,
        params: Params,
        response: { ...errors },
      },
    },
    async (req, reply) =>
      sendDownload(reply, await new AttachmentsService(contextOf(req)).download(req.params.attachmentId)),
  );
  app.get(
    '/attachments/:attachmentId/preview',
    {
      config: read,
      schema: {
        tags,
        summary: 'A safe preview of an image',
        description: previewDescription,
        params: Params,
        response: { ...errors },
      },
    },
    async (req, reply) =>
      sendPreview(reply, await new AttachmentsService(contextOf(req)).preview(req.params.attachmentId)),
  );
  app.delete(
    '/attachments/:attachmentId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove one of your uploads before it is attached',
        params: Params,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await new AttachmentsService(contextOf(req)).remove(req.params.attachmentId);
      return { ok: true };
    },
  );
}

/** Attachments in the customer portal: their own uploads, and files of public messages and plan steps. */
export async function portalAttachmentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const config = { access: access.contact(), module };
  app.post(
    '/portal/attachments',
    {
      config,
      schema: {
        tags,
        summary: 'Upload a file to attach to a new case or a reply',
        description: uploadDescription,
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentUpload, ...errors },
      },
    },
    async (req, reply) => {
      const { filename, content } = await readUpload(req);
      return reply.status(201).send(await new AttachmentsService(contextOf(req)).upload(filename, content));
    },
  );
  app.get(
    '/portal/attachments/:attachmentId',
    {
      config,
      schema: {
        tags,
        summary: 'Download a file of a public message or plan step of your cases, or your own upload',
        description: downloadDescription,
        params: Params,
        response: { ...errors },
      },
    },
    async (req, reply) =>
      sendDownload(reply, await new AttachmentsService(contextOf(req)).download(req.params.attachmentId)),
  );
  app.get(
    '/portal/attachments/:attachmentId/preview',
    {
      config,
      schema: {
        tags,
        summary: 'A safe preview of an image',
        description: previewDescription,
        params: Params,
        response: { ...errors },
      },
    },
    async (req, reply) =>
      sendPreview(reply, await new AttachmentsService(contextOf(req)).preview(req.params.attachmentId)),
  );
  app.delete(
    '/portal/attachments/:attachmentId',
    {
      config,
      schema: {
        tags,
        summary: 'Remove one of your uploads before it is attached',
        params: Params,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await new AttachmentsService(contextOf(req)).remove(req.params.attachmentId);
      return { ok: true };
    },
  );
}
