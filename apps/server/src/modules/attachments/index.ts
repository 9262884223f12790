export { attachmentRoutes, portalAttachmentRoutes } from './attachments.routes.js';
export {
  attachUploadsInTx,
  syncPlanAttachmentsInTx,
  withCaseAttachments,
  withPlanAttachments,
  messageAttachments,
} from './attachments.service.js';
export { AttachmentsRepository, type AttachmentRecord } from './attachments.repository.js';
export { inspect as inspectAttachment } from './attachments.content.js';
export { previewOf } from './attachments.content.js';
