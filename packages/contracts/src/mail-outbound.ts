import { Type, type Static } from 'typebox';
import { Email, IsoDateTime, Uuid, Version } from './common.js';

/* Outgoing mail: each workspace's SMTP settings and brand, the delivery state of a mail, the test and preview. */

export const SmtpSecurities = ['none', 'starttls', 'tls'] as const;
export const SmtpSecurity = Type.Enum(SmtpSecurities);
export type SmtpSecurity = (typeof SmtpSecurities)[number];

export const MailBrand = Type.Object(
  {
    /** The company name shown in the header of every mail. */
    companyName: Type.String({ minLength: 1, maxLength: 120 }),
    /** The brand colour of the header bar, #rrggbb. */
    color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
    /** The footer of every mail, per language (plain text). */
    footer: Type.Object(
      { 'zh-CN': Type.String({ maxLength: 1000 }), en: Type.String({ maxLength: 1000 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type MailBrand = Static<typeof MailBrand>;

const MailSettingsBody = {
  /** Off: mail goes through the server-wide SMTP_URL / MAIL_FROM. */
  enabled: Type.Boolean(),
  host: Type.String({ maxLength: 255 }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  security: SmtpSecurity,
  username: Type.String({ maxLength: 255 }),
  fromName: Type.String({ maxLength: 120 }),
  /** Empty: the server-wide MAIL_FROM address. */
  fromAddress: Type.Union([Email, Type.Literal('')]),
  /**
   * The mailbox customers' replies reach (a mail channel's address); the signed case token is added to it
   * (`support+<token>@…`). Empty: the from address.
   */
  replyToAddress: Type.Union([Email, Type.Literal('')]),
  brand: MailBrand,
};

/** The settings as an admin reads them: the password is never returned. */
export const MailSettings = Type.Object({
  ...MailSettingsBody,
  hasPassword: Type.Boolean(),
  /** Whether mail can be sent at all: these settings are enabled or the server has SMTP_URL. */
  deliverable: Type.Boolean(),
  /** The server-wide sender used while the workspace settings are off. */
  serverFrom: Type.String(),
  version: Version,
});
export type MailSettings = Static<typeof MailSettings>;

export const MailSettingsUpdate = Type.Object(
  {
    ...MailSettingsBody,
    /** Absent: keep the stored password; '': remove it; otherwise the new password (write-only). */
    password: Type.Optional(Type.String({ maxLength: 500 })),
    /** The version read (0 while on the defaults); 409 when stale. */
    version: Version,
  },
  { additionalProperties: false },
);
export type MailSettingsUpdate = Static<typeof MailSettingsUpdate>;

/** The answer of "send a test mail": sent to the signed-in user, or the SMTP server's refusal. */
export const MailTestResult = Type.Object({
  ok: Type.Boolean(),
  to: Type.String(),
  /** The SMTP server's answer when sent, its error otherwise. */
  response: Type.String(),
});
export type MailTestResult = Static<typeof MailTestResult>;

/** The acknowledgement template rendered with sample data and the given brand, in both languages. */
export const MailPreviewRequest = Type.Object(
  { brand: MailBrand, fromName: Type.String({ maxLength: 120 }) },
  { additionalProperties: false },
);
export type MailPreviewRequest = Static<typeof MailPreviewRequest>;

const RenderedMail = Type.Object({ subject: Type.String(), html: Type.String(), text: Type.String() });
export const MailPreview = Type.Object({ 'zh-CN': RenderedMail, en: RenderedMail });
export type MailPreview = Static<typeof MailPreview>;

export const MailStatuses = ['queued', 'sending', 'sent', 'failed', 'bounced'] as const;
export const MailStatus = Type.Enum(MailStatuses);
export type MailStatus = (typeof MailStatuses)[number];

/** How the mail of a case message to its contact fares (staff only). */
export const MessageDelivery = Type.Object({
  mailId: Uuid,
  status: MailStatus,
  attempts: Type.Integer({ minimum: 0 }),
  to: Type.String(),
  lastError: Type.Optional(Type.String()),
  sentAt: Type.Optional(IsoDateTime),
});
export type MessageDelivery = Static<typeof MessageDelivery>;

export const MailRetry = Type.Object({ mailId: Uuid }, { additionalProperties: false });
export type MailRetry = Static<typeof MailRetry>;
