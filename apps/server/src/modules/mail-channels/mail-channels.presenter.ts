import type { CaseType, MailChannel, MailOriginal } from '@aftercare/contracts';
import { messageBody } from '../cases/case-body.js';
import type { MailChannelRecord } from './mail-channels.repository.js';
import type { MailOriginal as OriginalRecord } from './mail-inbound.repository.js';

export function presentChannel(
  c: MailChannelRecord,
  teamName: string | null,
  canManage: boolean,
): MailChannel {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    address: c.address,
    teamId: c.teamId,
    teamName,
    caseType: c.caseType as CaseType,
    unknownSender: c.unknownSender,
    enabled: c.enabled,
    imap: c.imap && {
      host: c.imap.host,
      port: c.imap.port,
      tls: c.imap.tls,
      user: c.imap.user,
      hasPassword: Boolean(c.imap.password),
      folder: c.imap.folder,
      pollSeconds: c.imap.pollSeconds,
    },
    polledAt: c.polledAt,
    lastError: c.lastError,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
    actions: canManage ? ['update', 'delete', ...(c.kind === 'imap' ? ['test'] : [])] : [],
  };
}

/** The full original of a received mail; its HTML goes through the same sanitiser as every message. */
export function presentOriginal(o: OriginalRecord): MailOriginal {
  const html = o.fullHtml ? messageBody(o.fullHtml).html : null;
  return {
    caseMessageId: o.caseMessageId,
    messageId: o.messageId,
    from: o.fromAddress,
    subject: o.subject,
    text: o.fullText,
    html: html || null,
    receivedAt: o.receivedAt,
  };
}
