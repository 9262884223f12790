import type { MailSettings, MessageDelivery } from '@aftercare/contracts';
import type { MailSettingsData, OutboundMail } from './mail-outbound.repository.js';

export function presentSettings(
  data: MailSettingsData,
  extra: { hasPassword: boolean; deliverable: boolean; serverFrom: string; version: number },
): MailSettings {
  return { ...data, ...extra };
}

export function presentDelivery(m: OutboundMail): MessageDelivery {
  return {
    mailId: m.id,
    status: m.status,
    attempts: m.attempts,
    to: m.to,
    ...(m.lastError && m.status !== 'sent' ? { lastError: m.lastError } : {}),
    ...(m.sentAt ? { sentAt: m.sentAt } : {}),
  };
}
