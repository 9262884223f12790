export { mailChannelRoutes } from './mail-channels.routes.js';
export { mayAutoReply, ingestMail, AUTO_REPLY_LIMIT, type IngestResult } from './mail.ingest.js';
export { startSmtpReceiver, type SmtpReceiver } from './mail.smtp.js';
export { runMailPoll, pollChannel, MAIL_POLL_INTERVAL_MS } from './mail.imap.js';
export { parseMail, type InboundMail } from './mail.parse.js';
export { trimReply } from './mail.trim.js';
