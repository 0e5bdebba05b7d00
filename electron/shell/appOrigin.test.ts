import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppSenderFrame, isAppUrl } from './appOrigin.js';

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, `${APP_ORIGIN}/`, APP_ORIGIN, `${APP_ORIGIN}/assets/app.js?x=1#y`])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://switchboard.evil.example/index.html',
    'app://evil/index.html',
    'app://user@switchboard/index.html',
    'app://switchboard:8080/index.html',
    'https://switchboard/index.html',
    'file:///index.html',
    'javascript:alert(1)',
    'about:blank',
    '',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isAppSenderFrame', () => {
  it('trusts a frame on the app origin', () => {
    expect(isAppSenderFrame({ origin: APP_ORIGIN, url: APP_ENTRY_URL })).toBe(true);
  });

  it('does not trust a frame that is gone', () => {
    expect(isAppSenderFrame(null)).toBe(false);
    expect(isAppSenderFrame(undefined)).toBe(false);
  });

  it('does not trust another origin, or a URL that disagrees with the origin', () => {
    expect(isAppSenderFrame({ origin: 'https://evil.example', url: 'https://evil.example/' })).toBe(false);
    expect(isAppSenderFrame({ origin: 'null', url: 'about:blank' })).toBe(false);
    expect(isAppSenderFrame({ origin: APP_ORIGIN, url: 'https://evil.example/' })).toBe(false);
    expect(isAppSenderFrame({ origin: 'https://evil.example', url: APP_ENTRY_URL })).toBe(false);
  });
});
