import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface CapturedMail {
  /** The envelope recipients. */
  rcptTo: string[];
  mailFrom: string;
  raw: Buffer;
}

/**
 * A real SMTP server on a free loopback port that keeps every message it accepts. `failNext(code, text)` makes
 * it answer the next DATA with that reply (451 temporary, 550 permanent…) instead of 250.
 */
export class SmtpSink {
  readonly messages: CapturedMail[] = [];
  private readonly failures: Array<{ code: number; text: string }> = [];
  private readonly server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const failure = this.failures.shift();
          if (failure) {
            const err = Object.assign(new Error(failure.text), { responseCode: failure.code });
            callback(err);
            return;
          }
          this.messages.push({
            raw: Buffer.concat(chunks),
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  failNext(code: number, text: string): void {
    this.failures.push({ code, text });
  }

  /** The accepted messages to this address, parsed. */
  async to(address: string): Promise<ParsedMail[]> {
    const mine = this.messages.filter((m) => m.rcptTo.some((r) => r.toLowerCase() === address.toLowerCase()));
    return Promise.all(mine.map((m) => simpleParser(m.raw)));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
