import { describe, expect, it } from 'vitest';
import { initialValues, toSettings, validateForm } from './accountForm.js';
import { account, ircPlugin } from './testData.js';

describe('account form', () => {
  it('starts from the defaults, validates, and leaves blank secrets out', () => {
    const values = initialValues(ircPlugin);
    expect(values).toEqual({ server: '', nick: '', password: '', port: '6697', tls: true, sasl: 'plain' });
    expect(validateForm(ircPlugin, values)).toEqual({ server: 'Server is required.', nick: 'Nickname is required.' });
    const filled = { ...values, server: ' irc.example ', nick: '9lives', port: '70000' };
    expect(validateForm(ircPlugin, filled)).toEqual({ nick: 'A nickname starts with a letter.', port: 'Port must be at most 65535.' });
    expect(toSettings(ircPlugin, { ...filled, nick: 'alice', port: '6667' })).toEqual({ server: 'irc.example', nick: 'alice', port: 6667, tls: true, sasl: 'plain' });
  });

  it('edits an account from its stored settings; a stored required secret may stay blank', () => {
    const plugin = { ...ircPlugin, accountFields: ircPlugin.accountFields.map((field) => (field.kind === 'secret' ? { ...field, required: true } : field)) };
    const stored = account({ settings: { server: 'irc.example', nick: 'alice', port: 6667, tls: false, sasl: 'external' }, secretsStored: ['password'] });
    const values = initialValues(plugin, stored);
    expect(values).toEqual({ server: 'irc.example', nick: 'alice', password: '', port: '6667', tls: false, sasl: 'external' });
    expect(validateForm(plugin, values, stored)).toEqual({});
    expect(validateForm(plugin, values)).toEqual({ password: 'Password is required.' });
  });
});
