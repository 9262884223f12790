import { describe, expect, it } from 'vitest';
import { replyAddress, replyToken, tokenOfAddress, verifyReplyToken } from './reply-token.js';

const secret = 'reply-token-test-secret';
const ws = '0b6f8f3e-7b7e-4c53-9d55-1f1b8c0e7a11';
const caseId = '3f2a9c1d-5e6b-4a7c-8d9e-0f1a2b3c4d5e';

describe('reply tokens', () => {
  it('round-trips through a plus address, whatever the case of the letters', () => {
    const address = replyAddress('support@acme.example', replyToken(secret, ws, caseId));
    expect(address).toMatch(/^support\+c[0-9a-f]{52}@acme\.example$/);
    expect(verifyReplyToken(secret, ws, tokenOfAddress(address.toUpperCase()) as string)).toBe(caseId);
  });
  it('refuses a token for another case, another workspace or another secret', () => {
    const token = replyToken(secret, ws, caseId);
    const otherCase = `c${'1'.repeat(32)}${token.slice(33)}`;
    expect(verifyReplyToken(secret, ws, otherCase)).toBeNull();
    expect(verifyReplyToken(secret, '11111111-1111-4111-8111-111111111111', token)).toBeNull();
    expect(verifyReplyToken('another-secret', ws, token)).toBeNull();
    expect(verifyReplyToken(secret, ws, 'c123')).toBeNull();
    expect(tokenOfAddress('support@acme.example')).toBeNull();
  });
});
