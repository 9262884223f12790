import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed token in a case's reply address (`support+<token>@example.com`). It names the case and carries an
 * HMAC over the workspace and case under AFTERCARE_SECRET, so nobody can write a token for a case they were never
 * sent mail about. Lower-case hex only: mail systems may change the case of the local part.
 */
const TAG_BYTES = 10;

function tag(secret: string, workspaceId: string, caseId: string): Buffer {
  return createHmac('sha256', secret)
    .update(`reply-token v1\n${workspaceId}\n${caseId}`)
    .digest()
    .subarray(0, TAG_BYTES);
}

export function replyToken(secret: string, workspaceId: string, caseId: string): string {
  return `c${caseId.replace(/-/g, '').toLowerCase()}${tag(secret, workspaceId, caseId).toString('hex')}`;
}

/** The case id the token was signed for in this workspace, or null for a malformed or forged token. */
export function verifyReplyToken(secret: string, workspaceId: string, token: string): string | null {
  const m = /^c([0-9a-f]{32})([0-9a-f]{20})$/.exec(token.toLowerCase());
  if (!m) return null;
  const hex = m[1] as string;
  const caseId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = tag(secret, workspaceId, caseId);
  const given = Buffer.from(m[2] as string, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? caseId : null;
}

/** `support@example.com` + token → `support+<token>@example.com`. */
export function replyAddress(channelAddress: string, token: string): string {
  const at = channelAddress.lastIndexOf('@');
  return `${channelAddress.slice(0, at)}+${token}${channelAddress.slice(at)}`;
}

/** The token in a plus address (`support+<token>@…`), if any. */
export function tokenOfAddress(address: string): string | null {
  const local = address.slice(0, Math.max(0, address.lastIndexOf('@')));
  const plus = local.indexOf('+');
  return plus >= 0 ? local.slice(plus + 1) : null;
}
