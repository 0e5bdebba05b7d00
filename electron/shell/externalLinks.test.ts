import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from './externalLinks.js';

describe('isSafeExternalUrl', () => {
  it.each(['https://example.org/', 'http://example.org/a?b=c#d', 'HTTPS://EXAMPLE.ORG', 'mailto:someone@example.org', 'https://[::1]:8443/x'])(
    'lets %s open externally',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-msdt:/id',
    'app://switchboard/index.html',
    'ftp://example.org/',
    'https://bank.example@evil.example/',
    'https://user:pass@example.org/',
    'mailto:',
    '//example.org',
    'example.org',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
