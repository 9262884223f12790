export { attachmentRoutes, portalAttachmentRoutes } from './attachments.routes.js';
export {
  attachUploadsInTx,
  syncPlanAttachmentsInTx,
  withCaseAttachments,
  withPlanAttachments,
  messageAttachments,
} from './attachments.service.js';
export { AttachmentsRepository } from './attachments.repository.js';
