import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { integrityMatches, parseNpmSpec } from './npmRegistry.js';

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

describe('npm package specs (name, name@version, name@tag)', () => {
  it('takes a name alone as its latest version, and a version or tag after the last @', () => {
    expect(parseNpmSpec('switchboard-lan')).toEqual({ name: 'switchboard-lan', version: 'latest' });
    expect(parseNpmSpec(' switchboard-lan@1.2.3 ')).toEqual({ name: 'switchboard-lan', version: '1.2.3' });
    expect(parseNpmSpec('switchboard-lan@next')).toEqual({ name: 'switchboard-lan', version: 'next' });
    expect(parseNpmSpec('@acme/lan')).toEqual({ name: '@acme/lan', version: 'latest' });
    expect(parseNpmSpec('@acme/lan@2.0.0-beta.1')).toEqual({ name: '@acme/lan', version: '2.0.0-beta.1' });
  });

  it('refuses names npm would refuse and version ranges, in words', () => {
    expect(() => parseNpmSpec('Upper')).toThrow('"Upper" is not an npm package name (write it as name or name@version).');
    expect(() => parseNpmSpec('../etc')).toThrow('is not an npm package name');
    expect(() => parseNpmSpec('lan@')).toThrow('"" is not a version of lan');
    expect(() => parseNpmSpec('lan@>=1 <2')).toThrow('">=1 <2" is not a version of lan');
  });
});
