import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Outbound mail through nodemailer. With SMTP_URL it sends through that server; without it (development)
 * it renders the message and writes it to the log, so invitation and reset links can be followed locally.
 */
export class Mailer {
  private readonly transport: Transporter;
  readonly configured: boolean;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.configured = Boolean(smtpUrl);
    this.transport = smtpUrl
      ? nodemailer.createTransport(smtpUrl)
      : nodemailer.createTransport({ jsonTransport: true });
  }

  async send(message: MailMessage): Promise<void> {
    const info = (await this.transport.sendMail({ from: this.from, ...message })) as {
      messageId?: string;
      message?: unknown;
    };
    if (!this.configured)
      this.log.info(
        { mail: { to: message.to, subject: message.subject, text: message.text } },
        'mail (no SMTP_URL set; logged instead of sent)',
      );
    else this.log.info({ to: message.to, messageId: info.messageId }, 'mail sent');
  }

  /** Sends after the transaction has committed; a failure is logged, never turned into a lost write. */
  sendLater(message: MailMessage): void {
    this.send(message).catch((err: unknown) => this.log.error({ err }, 'mail failed'));
  }
}
