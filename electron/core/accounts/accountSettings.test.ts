import { describe, expect, it } from 'vitest';
import type { AccountField } from '../../../protocols/api/index.js';
import { validateAccountSettings } from './accountSettings.js';
import { reconnectDelayMs, isRetriable } from './reconnectPolicy.js';

const fields: AccountField[] = [
  { key: 'server', kind: 'text', label: 'Server', required: true },
  { key: 'port', kind: 'number', label: 'Port', default: 6697, min: 1, max: 65535 },
  { key: 'tls', kind: 'boolean', label: 'Use TLS', default: true },
  { key: 'nick', kind: 'text', label: 'Nickname', required: true, pattern: '[A-Za-z][A-Za-z0-9_-]*', patternMessage: 'Not a valid nickname.' },
  { key: 'password', kind: 'secret', label: 'Password' },
  { key: 'mode', kind: 'choice', label: 'Mode', choices: [{ value: 'a', label: 'A' }] },
];

describe('account settings', () => {
  it('applies defaults, trims text and moves secrets out of the settings', () => {
    expect(validateAccountSettings(fields, { server: ' irc.example.org ', nick: 'alice', password: ' pw ' })).toEqual({
      settings: { server: 'irc.example.org', port: 6697, tls: true, nick: 'alice' },
      secrets: { password: ' pw ' },
    });
  });

  it('explains each invalid value by its label', () => {
    expect(() => validateAccountSettings(fields, { nick: 'a' })).toThrow('Server is required.');
    expect(() => validateAccountSettings(fields, { server: 's', nick: '1abc' })).toThrow('Not a valid nickname.');
    expect(() => validateAccountSettings(fields, { server: 's', nick: 'a', port: 70000 })).toThrow('Port must be between 1 and 65535.');
    expect(() => validateAccountSettings(fields, { server: 's', nick: 'a', port: 1.5 })).toThrow('Port must be a whole number.');
    expect(() => validateAccountSettings(fields, { server: 's', nick: 'a', tls: 'yes' })).toThrow('Use TLS must be on or off.');
    expect(() => validateAccountSettings(fields, { server: 's', nick: 'a', mode: 'b' })).toThrow('Mode must be one of: A.');
    expect(() => validateAccountSettings(fields, { server: 's', nick: 'a', extra: 'x' })).toThrow('Unknown account setting: extra.');
  });

  it('anchors patterns so that a valid prefix does not pass', () => {
    expect(() => validateAccountSettings(fields, { server: 's', nick: 'alice bob' })).toThrow('Not a valid nickname.');
  });

  it('leaves an empty secret out (keep the stored one)', () => {
    expect(validateAccountSettings(fields, { server: 's', nick: 'a', password: '' }).secrets).toEqual({});
  });
});

describe('reconnect policy', () => {
  it('backs off exponentially with jitter up to five minutes', () => {
    expect(reconnectDelayMs(0, () => 1)).toBe(1000);
    expect(reconnectDelayMs(0, () => 0)).toBe(500);
    expect(reconnectDelayMs(3, () => 1)).toBe(8000);
    expect(reconnectDelayMs(50, () => 1)).toBe(300_000);
    expect(reconnectDelayMs(0, () => 1, 5000)).toBe(5000);
  });

  it('does not retry errors that cannot fix themselves', () => {
    expect(isRetriable('network')).toBe(true);
    expect(isRetriable('auth')).toBe(false);
    expect(isRetriable('certificate')).toBe(false);
  });
});
