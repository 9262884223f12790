import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, PageNumber, Uuid } from './common.js';

/*
 * Attachments (files on case messages and action-plan steps) and @mentions of colleagues in case messages.
 * A file is uploaded first (an unattached upload owned by its uploader, which expires when never used), then
 * attached by listing its id in `attachmentIds` of a message or a plan step.
 */

export const AttachmentLimits = {
  /** Largest file, in bytes. */
  fileBytes: 10 * 1_048_576,
  /** Most files on one message or one plan step. */
  perMessage: 10,
  /** Longest file name kept, in characters. */
  nameMax: 200,
  /** An upload never attached is removed after this many hours. */
  unattachedHours: 24,
  /** Longest side of an image preview, in pixels. */
  previewMaxSide: 1600,
  /** Most colleagues mentioned in one message. */
  mentionsPerMessage: 20,
} as const;

/**
 * Types accepted, recognised from the content (never from the name or the browser's claim), with the
 * extensions a file of that type may have. Plain text is UTF-8 without NUL bytes.
 */
export const AttachmentTypes: Record<string, { extensions: string[]; image?: boolean }> = {
  'image/png': { extensions: ['png'], image: true },
  'image/jpeg': { extensions: ['jpg', 'jpeg', 'jfif'], image: true },
  'image/gif': { extensions: ['gif'], image: true },
  'image/webp': { extensions: ['webp'], image: true },
  'application/pdf': { extensions: ['pdf'] },
  'application/zip': { extensions: ['zip'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { extensions: ['pptx'] },
  'application/vnd.oasis.opendocument.text': { extensions: ['odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { extensions: ['ods'] },
  'application/vnd.oasis.opendocument.presentation': { extensions: ['odp'] },
  'application/msword': { extensions: ['doc'] },
  'application/vnd.ms-excel': { extensions: ['xls'] },
  'application/vnd.ms-powerpoint': { extensions: ['ppt'] },
  'text/plain': { extensions: ['txt', 'log'] },
  'text/csv': { extensions: ['csv'] },
};

/** The extensions the upload field offers (the server decides by content anyway). */
export const AttachmentExtensions = Object.values(AttachmentTypes).flatMap((t) => t.extensions);

/** A file as both sides see it; urls point at the caller's own download routes. */
export const Attachment = Type.Object({
  id: Uuid,
  name: Type.String(),
  size: Type.Integer(),
  /** The type recognised from the content. */
  contentType: Type.String(),
  /** A raster image (png, jpeg, gif, webp) with a re-encoded preview. */
  isImage: Type.Boolean(),
  /** Download (always as an attachment). */
  url: Type.String(),
  /** Re-encoded preview of an image; null for other files. */
  previewUrl: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type Attachment = Static<typeof Attachment>;

/** What an upload answers: the file, not yet attached to anything. */
export const AttachmentUpload = Type.Object({
  ...Attachment.properties,
  sha256: Type.String(),
  /** When it is removed unless attached first. */
  expiresAt: IsoDateTime,
});
export type AttachmentUpload = Static<typeof AttachmentUpload>;

/** Uploads to attach (each once, at most ten). */
export const AttachmentIds = Type.Array(Uuid, {
  maxItems: AttachmentLimits.perMessage,
  uniqueItems: true,
  description: 'Ids of your own unattached uploads (POST /attachments) to attach',
});

/** Active staff of the workspace mentioned in a message. */
export const MentionIds = Type.Array(Uuid, {
  maxItems: AttachmentLimits.mentionsPerMessage,
  uniqueItems: true,
  description: 'User ids of colleagues mentioned (@name in the text is only how it looks)',
});

export const Mention = Type.Object({ userId: Uuid, name: Type.String() });
export type Mention = Static<typeof Mention>;

/** A message that mentioned me, with its case. */
export const MyMention = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNumber: Type.String(),
  caseSubject: Type.String(),
  caseStatus: Type.String(),
  messageId: Uuid,
  /** public or internal */
  visibility: Type.String(),
  mentionedBy: Nullable(Type.String()),
  excerpt: Type.String(),
  createdAt: IsoDateTime,
});
export type MyMention = Static<typeof MyMention>;

export const MyMentionQuery = Type.Object({
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type MyMentionQuery = Static<typeof MyMentionQuery>;
