import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../../platform/context.js';
import { findSmtpChannel, type MailChannelRecord } from './mail-channels.repository.js';
import { ingestMail } from './mail.ingest.js';

/** Largest message the receiver takes (the SIZE it announces), in bytes. */
export const SMTP_MAX_BYTES = 25 * 1_048_576;

export interface SmtpReceiver {
  /** The port it listens on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

interface Envelope {
  channels: Map<string, MailChannelRecord>;
  recipients: string[];
}

function smtpError(message: string, code: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The built-in SMTP receiver (for MX records or forwarding). It accepts RCPT TO only for the addresses of
 * enabled SMTP channels (plus-addressing allowed) and answers 550 for anything else, so it never relays. The
 * DATA is acknowledged only after the intake transaction has committed: when the server fails before that, the
 * sending server keeps the mail and tries again, and the Message-ID makes the second delivery harmless.
 */
export async function startSmtpReceiver(
  deps: Deps,
  options: {
    port: number;
    host?: string;
    maxBytes?: number;
    /** Told about intake failures (the sender was answered 451 and will retry). */
    onError?: (err: unknown) => void;
  },
): Promise<SmtpReceiver> {
  const maxBytes = options.maxBytes ?? SMTP_MAX_BYTES;
  const envelopes = new WeakMap<SMTPServerSession, Envelope>();
  const envelopeOf = (session: SMTPServerSession): Envelope => {
    let e = envelopes.get(session);
    if (!e) {
      e = { channels: new Map(), recipients: [] };
      envelopes.set(session, e);
    }
    return e;
  };
  const server = new SMTPServer({
    name: 'aftercare',
    banner: 'Aftercare mail intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    onMailFrom(_address, session, callback) {
      envelopes.set(session, { channels: new Map(), recipients: [] });
      callback();
    },
    onRcptTo(address, session, callback) {
      findSmtpChannel(deps.database.unscoped, address.address).then(
        (channel) => {
          if (!channel) return callback(smtpError('5.1.1 No such mailbox here', 550));
          const e = envelopeOf(session);
          e.channels.set(channel.id, channel);
          e.recipients.push(address.address.toLowerCase());
          callback();
        },
        () => callback(smtpError('4.3.0 Temporary failure, try again later', 451)),
      );
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError('5.3.4 Message too big', 552));
        const raw = Buffer.concat(chunks);
        const e = envelopeOf(session);
        void (async () => {
          let refused = 0;
          for (const channel of e.channels.values()) {
            const result = await ingestMail(deps, channel, raw, { recipients: e.recipients });
            if (result.status === 'refused') refused++;
          }
          return refused > 0 && refused === e.channels.size;
        })().then(
          (allRefused) =>
            allRefused ? callback(smtpError('5.7.1 Sender not accepted by this mailbox', 550)) : callback(),
          (err: unknown) => {
            options.onError?.(err);
            callback(smtpError('4.3.0 Temporary failure, try again later', 451));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
