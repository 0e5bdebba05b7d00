import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { integrityMatches } from './packageSources.js';

describe('npm integrity (Subresource Integrity strings)', () => {
  const bytes = Buffer.from('a plugin tarball');
  const sha512 = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

  it('accepts a matching sha512, also among several digests, and nothing else', () => {
    expect(integrityMatches(bytes, sha512)).toBe(true);
    expect(integrityMatches(bytes, `sha1-abc ${sha512}`)).toBe(true);
    expect(integrityMatches(Buffer.from('another tarball'), sha512)).toBe(false);
    // sha1 alone (old packages' `shasum`) is not strong enough to count.
    expect(integrityMatches(bytes, `sha1-${createHash('sha1').update(bytes).digest('base64')}`)).toBe(false);
    expect(integrityMatches(bytes, '')).toBe(false);
  });
});
