export { attachmentRoutes, portalAttachmentRoutes } from './attachments.routes.js';
export {
  attachUploadsInTx,
  syncPlanAttachmentsInTx,
  withCaseAttachments,
  withPlanAttachments,
  messageAttachments,
} from './attachments.service.js';
export { previewOf } from './attachments.content.js';
