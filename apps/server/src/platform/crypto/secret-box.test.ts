import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox('a-test-secret-that-is-long-enough');
  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = box.seal('smtp-密码');
    expect(box.open(a)).toBe('smtp-密码');
    expect(box.seal('smtp-密码')).not.toBe(a);
    expect(a).not.toContain('smtp');
  });
  it('refuses a value sealed under another secret or altered', () => {
    const sealed = box.seal('x');
    expect(new SecretBox('another-secret-entirely-here').open(sealed)).toBeNull();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(box.open(`v1:${raw.toString('base64')}`)).toBeNull();
    expect(box.open('plain')).toBeNull();
  });
});
