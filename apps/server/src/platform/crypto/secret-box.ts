import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts credentials the server must use again (SMTP and IMAP passwords, bot and webhook secrets) at rest with
 * AES-256-GCM under a key derived from AFTERCARE_SECRET. The stored form is `v1:<base64 iv|tag|ciphertext>`.
 * Changing AFTERCARE_SECRET makes stored credentials unreadable: they must be entered again.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'aftercare', 'secret-box v1', 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The plain text, or null when the value was sealed under another secret or has been tampered with. */
  open(sealed: string): string | null {
    if (!sealed.startsWith('v1:')) return null;
    const raw = Buffer.from(sealed.slice(3), 'base64');
    if (raw.length < 28) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
