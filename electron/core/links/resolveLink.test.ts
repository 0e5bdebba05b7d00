/** Which accounts a link fits, and what "Add account" is prefilled with when none does. */
import { describe, expect, it } from 'vitest';
import { resolveLink } from './resolveLink.js';

const accounts = [
  { id: 'i1', pluginId: 'irc', label: 'alice on irc.example.org', settings: { server: 'IRC.example.org', nick: 'alice' } },
  { id: 'i2', pluginId: 'irc', label: 'alice on irc.other.net', settings: { server: 'irc.other.net', nick: 'alice' } },
  { id: 'x1', pluginId: 'xmpp', label: 'juliet@capulet.lit', settings: { jid: 'juliet@capulet.lit' } },
  { id: 'x2', pluginId: 'xmpp', label: 'guest@example.com', settings: { jid: 'guest@example.com/desk' } },
  { id: 'm1', pluginId: 'matrix', label: '@alice:matrix.org', settings: { userId: '@alice:matrix.org' } },
  { id: 'm2', pluginId: 'matrix', label: '@alice:example.org', settings: { userId: '@alice:example.org' } },
];

describe('resolveLink', () => {
  it('fits IRC links only to accounts on the same server', () => {
    const resolved = resolveLink('irc://irc.example.org/%23chan', accounts);
    expect(resolved.accounts).toEqual([{ accountId: 'i1', label: 'alice on irc.example.org', sameServer: true }]);
    expect(resolved.newAccount).toBeUndefined();
    expect(resolveLink('irc:///help', accounts).accounts.map((a) => a.accountId)).toEqual(['i1', 'i2']);
  });

  it('fits every account of a federated network, those on the link\'s domain first', () => {
    expect(resolveLink('matrix:r/room:example.org', accounts).accounts).toEqual([
      { accountId: 'm2', label: '@alice:example.org', sameServer: true },
      { accountId: 'm1', label: '@alice:matrix.org', sameServer: false },
    ]);
    expect(resolveLink('xmpp:romeo@capulet.lit', accounts).accounts.map((a) => a.accountId)).toEqual(['x1', 'x2']);
  });

  it('fits only the account an XMPP link names (RFC 5122 §2.3)', () => {
    expect(resolveLink('xmpp://guest@example.com/support@example.com?message', accounts).accounts.map((a) => a.accountId)).toEqual(['x2']);
    expect(resolveLink('xmpp://nobody@example.com/support@example.com', accounts)).toMatchObject({
      accounts: [], newAccount: { pluginId: 'xmpp', settings: { jid: 'nobody@example.com' } },
    });
  });

  it('offers a new account prefilled with the server, port and TLS when none fits', () => {
    expect(resolveLink('ircs://irc.new.example:7000/chan', accounts)).toMatchObject({
      accounts: [], newAccount: { pluginId: 'irc', settings: { server: 'irc.new.example', tls: true, port: 7000 } },
    });
    expect(resolveLink('irc://irc.new.example/chan', [])).toMatchObject({ newAccount: { settings: { server: 'irc.new.example', tls: false, port: 6667 } } });
  });

  it('fits nothing to a refused link and keeps its reason', () => {
    expect(resolveLink('matrix:u/alice', accounts)).toEqual({
      uri: 'matrix:u/alice', accounts: [],
      parsed: { ok: false, reason: 'This Matrix link is not valid: its user ID @alice does not end in a valid server name (“:example.org”).' },
    });
  });
});
