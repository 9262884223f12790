import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

/**
 * Spam protection of the public web form, in layers (the honeypot and the rate limits live in the service):
 * a form token signed with the app secret that carries when the form was handed out (too fast = a bot, too
 * old = reload), and an ALTCHA proof-of-work challenge bound to that token.
 */

/** A person needs at least this long to fill the form. */
export const MIN_FILL_MS = 3_000;
/** A form handed out longer ago than this must be reloaded. */
export const MAX_FORM_AGE_MS = 2 * 60 * 60 * 1000;
/** Proof of work: the client tries SHA-256 counters up to this range (a fraction of a second in a browser). */
const POW_COUNTER = { min: 5_000, max: 50_000 } as const;

interface TokenPayload {
  /** workspace id */
  w: string;
  /** issued at, ms since epoch (server clock) */
  i: number;
  /** nonce, also written into the challenge */
  n: string;
}

const sign = (secret: string, data: string) =>
  createHmac('sha256', secret).update(`webform:${data}`).digest('base64url');

export function issueFormToken(
  secret: string,
  workspaceId: string,
  now: Date,
): { token: string; nonce: string } {
  const nonce = randomBytes(12).toString('base64url');
  const payload: TokenPayload = { w: workspaceId, i: now.getTime(), n: nonce };
  const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { token: `${data}.${sign(secret, data)}`, nonce };
}

export type TokenCheck =
  { ok: true; nonce: string } | { ok: false; reason: 'invalid' | 'expired' | 'too_fast' };

export function checkFormToken(secret: string, workspaceId: string, token: string, now: Date): TokenCheck {
  const [data, mac] = token.split('.');
  if (!data || !mac) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(secret, data));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (payload.w !== workspaceId || typeof payload.i !== 'number' || typeof payload.n !== 'string')
    return { ok: false, reason: 'invalid' };
  const age = now.getTime() - payload.i;
  if (age > MAX_FORM_AGE_MS || age < -60_000) return { ok: false, reason: 'expired' };
  if (age < MIN_FILL_MS) return { ok: false, reason: 'too_fast' };
  return { ok: true, nonce: payload.n };
}

/** Separate keys derived from the app secret for the challenge signature and the key signature. */
const subKey = (secret: string, purpose: string) =>
  createHmac('sha256', secret).update(purpose).digest('hex');

export async function issueChallenge(secret: string, nonce: string): Promise<Challenge> {
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    counter: randomInt(POW_COUNTER.min, POW_COUNTER.max),
    deriveKey,
    data: { form: nonce },
    hmacSignatureSecret: subKey(secret, 'altcha-signature'),
    hmacKeySignatureSecret: subKey(secret, 'altcha-key'),
  });
}

/** The widget's payload: base64 of {"challenge", "solution"} (plain JSON accepted too). */
function decodePayload(raw: string): { challenge: Challenge; solution: Solution } | null {
  for (const text of [raw, Buffer.from(raw, 'base64').toString('utf8')]) {
    try {
      const p = JSON.parse(text) as { challenge?: Challenge; solution?: Solution };
      if (p && typeof p === 'object' && p.challenge?.parameters && p.solution)
        return { challenge: p.challenge, solution: p.solution };
    } catch {
      // try the next reading
    }
  }
  return null;
}

/** True when the proof of work is solved, signed by us and bound to this form token. */
export async function checkChallenge(secret: string, nonce: string, raw: string): Promise<boolean> {
  const payload = decodePayload(raw);
  if (!payload) return false;
  if (payload.challenge.parameters.data?.form !== nonce) return false;
  try {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: subKey(secret, 'altcha-signature'),
      hmacKeySignatureSecret: subKey(secret, 'altcha-key'),
    });
    return result.verified;
  } catch {
    return false;
  }
}
