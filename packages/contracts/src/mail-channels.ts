import { Type, type Static } from 'typebox';
import { Actions, Email, IsoDateTime, Name, Nullable, Uuid, Version } from './common.js';
import { CaseType } from './cases.js';

/*
 * Email in: a workspace's mail channels. An SMTP channel is an address the built-in receiver accepts (MX or
 * forwarding points at it); an IMAP channel is an existing mailbox the server polls. Mail to either becomes a
 * case, or a message on the case it answers.
 */

export const MailChannelKinds = ['smtp', 'imap'] as const;
export const MailChannelKind = Type.Enum(MailChannelKinds);
export type MailChannelKind = (typeof MailChannelKinds)[number];

/** What mail from an address that is no contact yet does: become a contact (and a case), or be refused. */
export const UnknownSenderPolicies = ['create_contact', 'refuse'] as const;
export const UnknownSenderPolicy = Type.Enum(UnknownSenderPolicies);
export type UnknownSenderPolicy = (typeof UnknownSenderPolicies)[number];

export const MailChannelImap = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  tls: Type.Boolean(),
  user: Type.String(),
  /** The password is write-only: this says whether one is stored. */
  hasPassword: Type.Boolean(),
  folder: Type.String(),
  pollSeconds: Type.Integer(),
});

export const MailChannel = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: MailChannelKind,
  /** The channel's address: what RCPT TO must name (SMTP; `+tag` allowed), or the mailbox's address (IMAP). */
  address: Type.String(),
  teamId: Nullable(Uuid),
  teamName: Nullable(Type.String()),
  caseType: CaseType,
  unknownSender: UnknownSenderPolicy,
  enabled: Type.Boolean(),
  imap: Nullable(MailChannelImap),
  /** When the mailbox was last polled and the error of that poll (IMAP). */
  polledAt: Nullable(IsoDateTime),
  lastError: Nullable(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Version,
  actions: Actions,
});
export type MailChannel = Static<typeof MailChannel>;

export const MailChannelList = Type.Object({
  items: Type.Array(MailChannel),
  /** Whether this server runs the built-in SMTP receiver (MAIL_SMTP_PORT), and on which port. */
  smtpReceiverPort: Nullable(Type.Integer()),
});
export type MailChannelList = Static<typeof MailChannelList>;

const Host = Type.String({ minLength: 1, maxLength: 253 });
const Port = Type.Integer({ minimum: 1, maximum: 65535 });
const Folder = Type.String({ minLength: 1, maxLength: 200 });
const PollSeconds = Type.Integer({ minimum: 30, maximum: 86400 });
const Secret = Type.String({ minLength: 1, maxLength: 500 });

const editable = {
  name: Name,
  address: Email,
  teamId: Type.Optional(Nullable(Uuid)),
  caseType: Type.Optional(CaseType),
  unknownSender: Type.Optional(UnknownSenderPolicy),
  enabled: Type.Optional(Type.Boolean()),
  imapHost: Type.Optional(Host),
  imapPort: Type.Optional(Port),
  imapTls: Type.Optional(Type.Boolean()),
  imapUser: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
  /** Write-only; stored encrypted. */
  imapPassword: Type.Optional(Secret),
  imapFolder: Type.Optional(Folder),
  pollSeconds: Type.Optional(PollSeconds),
};

export const MailChannelCreate = Type.Object(
  { kind: MailChannelKind, ...editable },
  { additionalProperties: false },
);
export type MailChannelCreate = Static<typeof MailChannelCreate>;

export const MailChannelUpdate = Type.Object(
  {
    ...editable,
    name: Type.Optional(Name),
    address: Type.Optional(Email),
    version: Version,
  },
  { additionalProperties: false },
);
export type MailChannelUpdate = Static<typeof MailChannelUpdate>;

export const MailChannelTestResult = Type.Object({
  ok: Type.Boolean(),
  /** What went wrong (connection, login, folder), in the server's words. */
  error: Nullable(Type.String()),
  /** Messages in the folder, when the check got that far. */
  messages: Nullable(Type.Integer()),
});
export type MailChannelTestResult = Static<typeof MailChannelTestResult>;

/** The original of a case message that came in by mail ("show original"). */
export const MailOriginal = Type.Object({
  caseMessageId: Uuid,
  messageId: Type.String(),
  from: Type.String(),
  subject: Type.String(),
  /** The whole text, quotes and signature included. */
  text: Type.String(),
  /** The whole HTML, sanitised; null for plain-text mail. */
  html: Nullable(Type.String()),
  receivedAt: IsoDateTime,
});
export type MailOriginal = Static<typeof MailOriginal>;
