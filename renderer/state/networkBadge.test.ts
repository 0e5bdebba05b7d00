import { describe, expect, it } from 'vitest';
import { colourFromId } from './identityColour.js';
import { accountColour, networkBadge, protocolIcon } from './networkBadge.js';
import { account, richPlugin } from './testData.js';

describe('network badge', () => {
  it('has an icon for each built-in protocol and a generic one for any other plugin', () => {
    expect(protocolIcon('irc')).toBe('irc');
    expect(protocolIcon('xmpp')).toBe('xmpp');
    expect(protocolIcon('matrix')).toBe('matrix');
    expect(protocolIcon('org.example.echo')).toBe('plugin');
    expect(protocolIcon('__proto__')).toBe('plugin');
  });

  it('names the network and the account in words', () => {
    const xmpp = { ...richPlugin, id: 'xmpp', name: 'XMPP', accountLabelField: 'jid' };
    const alice = account({ id: 'a1', pluginId: 'xmpp', label: 'alice@example.org (XMPP)', settings: { jid: 'alice@example.org' } });
    expect(networkBadge('a1', alice, xmpp)).toEqual({ icon: 'xmpp', colour: colourFromId('a1'), label: 'XMPP, alice@example.org' });
    // Without a label value: the account's label; an unknown account: its id.
    expect(networkBadge('a1', { ...alice, settings: {} }, xmpp).label).toBe('XMPP, alice@example.org (XMPP)');
    expect(networkBadge('gone', undefined, undefined)).toEqual({ icon: 'plugin', colour: colourFromId('gone'), label: 'Unknown network, gone' });
  });

  it('uses the colour the user chose for an account, else the colour of its id', () => {
    expect(accountColour('a1', { a1: '#123456' })).toBe('#123456');
    expect(accountColour('a2', { a1: '#123456' })).toBe(colourFromId('a2'));
    expect(accountColour('toString', {})).toBe(colourFromId('toString'));
  });
});
