import { describe, expect, it } from 'vitest';
import { caseMappingOf, DEFAULT_NAME_RULES, foldCase, nameRules } from './names.js';

describe('CASEMAPPING', () => {
  it('folds by each mapping the way the server compares names', () => {
    const name = '#Chan[A]\\~';
    expect(foldCase(name, 'rfc1459')).toBe('#chan{a}|^');
    expect(foldCase(name, 'rfc1459-strict')).toBe('#chan{a}|~');
    expect(foldCase(name, 'ascii')).toBe('#chan[a]\\~');
  });

  it('reads the token, the old spelling of strict, and falls back to rfc1459', () => {
    expect(caseMappingOf('ascii')).toBe('ascii');
    expect(caseMappingOf('strict-rfc1459')).toBe('rfc1459-strict');
    expect(caseMappingOf('rfc1459-strict')).toBe('rfc1459-strict');
    expect(caseMappingOf('rfc7613')).toBe('rfc1459');
    expect(caseMappingOf(undefined)).toBe('rfc1459');
    expect(caseMappingOf(true)).toBe('rfc1459');
  });

  it('follows the ISUPPORT tokens as they change (005 arrives after the session starts)', () => {
    const options: Record<string, unknown> = {};
    const rules = nameRules(() => options);
    expect(rules.fold('Nick[1]')).toBe('nick{1}');
    options['CASEMAPPING'] = 'ascii';
    expect(rules.fold('Nick[1]')).toBe('nick[1]');
    expect(rules.fold('Nick{1}')).not.toBe(rules.fold('Nick[1]'));
  });

  it('leaves non-ASCII letters alone (no mapping the spec names folds them)', () => {
    expect(DEFAULT_NAME_RULES.fold('#ÄÖÜ')).toBe('#ÄÖÜ');
  });
});

describe('CHANTYPES', () => {
  it('uses RFC 2812 prefixes until the server says otherwise', () => {
    for (const name of ['#a', '&a', '+a', '!a']) expect(DEFAULT_NAME_RULES.isChannel(name)).toBe(true);
    expect(DEFAULT_NAME_RULES.isChannel('alice')).toBe(false);
    expect(DEFAULT_NAME_RULES.isChannel('#')).toBe(false);
  });

  it('follows the token, also as irc-framework keeps it (split into characters)', () => {
    const options: Record<string, unknown> = { CHANTYPES: ['#'] };
    const rules = nameRules(() => options);
    expect(rules.isChannel('#a')).toBe(true);
    expect(rules.isChannel('&a')).toBe(false);
    options['CHANTYPES'] = '#&';
    expect(rules.isChannel('&a')).toBe(true);
    options['CHANTYPES'] = '';
    expect(rules.isChannel('#a')).toBe(false);
  });
});

describe('LINELEN', () => {
  it('allows longer lines where the server says so, never shorter than 512, capped', () => {
    const options: Record<string, unknown> = {};
    const rules = nameRules(() => options);
    expect(rules.lineMaxBytes()).toBe(512);
    options['LINELEN'] = '2048';
    expect(rules.lineMaxBytes()).toBe(2048);
    options['LINELEN'] = '100';
    expect(rules.lineMaxBytes()).toBe(512);
    options['LINELEN'] = '99999999';
    expect(rules.lineMaxBytes()).toBe(8192);
    options['LINELEN'] = 'lots';
    expect(rules.lineMaxBytes()).toBe(512);
  });
});
