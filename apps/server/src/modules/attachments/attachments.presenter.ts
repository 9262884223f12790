import type { Attachment, AttachmentUpload } from '@aftercare/contracts';
import type { AttachmentRecord } from './attachments.repository.js';

/** Whose routes the urls point at: staff download from /api/attachments, contacts from /api/portal/attachments. */
export type Audience = 'staff' | 'portal';

export function presentAttachment(a: AttachmentRecord, audience: Audience): Attachment {
  const base = audience === 'staff' ? `/api/attachments/${a.id}` : `/api/portal/attachments/${a.id}`;
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    contentType: a.contentType,
    isImage: a.isImage,
    url: base,
    previewUrl: a.isImage ? `${base}/preview` : null,
    createdAt: a.createdAt,
  };
}

export function presentUpload(a: AttachmentRecord, audience: Audience): AttachmentUpload {
  return { ...presentAttachment(a, audience), sha256: a.sha256, expiresAt: a.expiresAt ?? a.createdAt };
}
