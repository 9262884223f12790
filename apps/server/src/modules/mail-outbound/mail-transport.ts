import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Config } from '../../platform/config.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Executor } from '../../platform/db/database.js';
import { MailOutboundRepository, type MailSettingsData } from './mail-outbound.repository.js';

/** The settings a workspace has until an admin saves its own. */
export function defaultMailSettings(workspaceName: string): MailSettingsData {
  return {
    enabled: false,
    host: '',
    port: 587,
    security: 'starttls',
    username: '',
    fromName: '',
    fromAddress: '',
    replyToAddress: '',
    brand: {
      companyName: workspaceName,
      color: '#1677ff',
      footer: {
        'zh-CN': '此邮件由客服系统发送。直接回复本邮件即可继续沟通。',
        en: 'Sent by our customer service. Reply to this mail to continue the conversation.',
      },
    },
  };
}

/** `Name <addr@x>` or `addr@x` → its parts. */
export function parseMailbox(value: string): { name: string; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  return m
    ? { name: (m[1] ?? '').trim(), address: (m[2] ?? '').trim() }
    : { name: '', address: value.trim() };
}

/** The domain of an address (the right-hand side of Message-IDs). */
export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1) || 'localhost';

/** Who a workspace's mail comes from and where replies go, whichever SMTP server carries it. */
export interface MailIdentity {
  fromName: string;
  fromAddress: string;
  /** The mailbox the signed case token is added to. */
  replyBase: string;
}

/** Everything needed to send a workspace's mail. */
export interface MailSender {
  identity: MailIdentity;
  settings: MailSettingsData;
  /** Null: no SMTP server at all (workspace settings off and no SMTP_URL). */
  transport: SMTPTransport.Options | string | null;
}

export async function loadMailSettings(
  db: Executor,
  workspaceId: string,
  workspaceName: string,
): Promise<{ data: MailSettingsData; passwordSealed: string | null; version: number }> {
  const stored = await new MailOutboundRepository(db, workspaceId).loadSettings();
  const defaults = defaultMailSettings(workspaceName);
  return {
    data: { ...defaults, ...stored.data, brand: { ...defaults.brand, ...stored.data.brand } },
    passwordSealed: stored.passwordSealed,
    version: stored.version,
  };
}

/**
 * The sender of a workspace: its own SMTP settings when enabled, otherwise the server-wide SMTP_URL and
 * MAIL_FROM (so a fresh install still sends). The from name and address of the settings apply either way.
 */
export function mailSender(
  config: Config,
  settings: MailSettingsData,
  passwordSealed: string | null,
  workspaceName: string,
): MailSender {
  const server = parseMailbox(config.mail.from);
  const fromAddress = settings.fromAddress || server.address;
  const identity: MailIdentity = {
    fromName: settings.fromName || (settings.fromAddress ? '' : server.name) || workspaceName,
    fromAddress,
    replyBase: settings.replyToAddress || fromAddress,
  };
  if (!settings.enabled) return { identity, settings, transport: config.mail.smtpUrl ?? null };
  const password = passwordSealed ? new SecretBox(config.secret).open(passwordSealed) : null;
  const transport: SMTPTransport.Options = {
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    ...(settings.username ? { auth: { user: settings.username, pass: password ?? '' } } : {}),
  };
  return { identity, settings, transport };
}

export function createTransport(transport: SMTPTransport.Options | string): Transporter {
  return nodemailer.createTransport(transport);
}

/** An SMTP failure: temporary (4xx, connection trouble: try again later) or permanent (5xx). */
export function classifyError(err: unknown): { message: string; permanent: boolean } {
  const e = err as { responseCode?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const message =
    typeof e.response === 'string' && e.response
      ? e.response
      : typeof e.message === 'string'
        ? e.message
        : String(err);
  return { message, permanent: code !== null && code >= 500 };
}
