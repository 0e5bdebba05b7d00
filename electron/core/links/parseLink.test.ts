/**
 * The link reader against the examples of the specs it follows: RFC 5122 (with XEP-0045
 * and XEP-0147's query types), the IRC URL draft (draft-butcher-irc-url-04) and the
 * Matrix spec's "Matrix URI scheme" and matrix.to appendices. Refusals are checked for
 * the words a user reads.
 */
import { describe, expect, it } from 'vitest';
import { parseLink } from './parseLink.js';

function action(uri: string): unknown {
  const parsed = parseLink(uri);
  if (!parsed.ok) throw new Error(`refused ${uri}: ${parsed.reason}`);
  return parsed.action;
}

function reason(uri: string): string {
  const parsed = parseLink(uri);
  if (parsed.ok) throw new Error(`accepted ${uri}: ${JSON.stringify(parsed.action)}`);
  return parsed.reason;
}

describe('xmpp: (RFC 5122)', () => {
  it('opens a chat with a bare JID (§2.1: xmpp:node@example.com)', () => {
    expect(action('xmpp:node@example.com')).toEqual({ kind: 'open-chat', network: 'xmpp', server: 'example.com', contactId: 'node@example.com' });
  });

  it('takes the authority as the account to use (§2.3: xmpp://guest@example.com/support@example.com?message)', () => {
    expect(action('xmpp://guest@example.com/support@example.com?message')).toEqual({
      kind: 'open-chat', network: 'xmpp', server: 'example.com', account: 'guest@example.com', contactId: 'support@example.com',
    });
  });

  it('reads the message query with its body, percent-decoded (§2.5, XEP-0147)', () => {
    expect(action('xmpp:romeo@montague.net?message;subject=Test%20Message;body=Here%27s%20a%20test%20message')).toMatchObject({
      kind: 'open-chat', contactId: 'romeo@montague.net', body: 'Here\'s a test message',
    });
  });

  it('decodes an escaped node and resource after splitting the path (§2.7.2 examples)', () => {
    expect(action('xmpp:nasty!%23$%25()*+,-.;=%3F%5B%5C%5D%5E_%60%7B%7C%7D~node@example.com')).toMatchObject({
      contactId: 'nasty!#$%()*+,-.;=?[\\]^_`{|}~node@example.com',
    });
    expect(action('xmpp:node@example.com/repulsive%20!%23%22$%25&\'()*+,-.%2F:;%3C=%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~resource')).toMatchObject({
      kind: 'open-chat', contactId: 'node@example.com',
    });
    expect(action('xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze')).toMatchObject({ contactId: 'jiři@čechy.example', server: 'čechy.example' });
  });

  it('joins a room with ?join, its password and the resource as nick (XEP-0045 §15.1.4)', () => {
    expect(action('xmpp:darkcave@chat.shakespeare.lit?join')).toEqual({
      kind: 'join-room', network: 'xmpp', server: 'chat.shakespeare.lit', room: 'darkcave@chat.shakespeare.lit',
    });
    expect(action('xmpp:darkcave@chat.shakespeare.lit/thirdwitch?join;password=cauldronburn')).toMatchObject({
      room: 'darkcave@chat.shakespeare.lit', password: 'cauldronburn', nick: 'thirdwitch',
    });
  });

  it('adds a contact with ?roster (name and group) and with ?subscribe (XEP-0147)', () => {
    expect(action('xmpp:romeo@montague.net?roster;name=Romeo%20Montague;group=Friends')).toEqual({
      kind: 'add-contact', network: 'xmpp', server: 'montague.net', contactId: 'romeo@montague.net', name: 'Romeo Montague', group: 'Friends',
    });
    expect(action('xmpp:romeo@montague.net?subscribe')).toMatchObject({ kind: 'add-contact', contactId: 'romeo@montague.net' });
  });

  it('ignores a query type it does not know and the fragment (§2.5, §2.6)', () => {
    expect(action('xmpp:romeo@montague.net?vcard#top')).toMatchObject({ kind: 'open-chat', contactId: 'romeo@montague.net' });
    expect(action('XMPP:Romeo@Montague.NET')).toMatchObject({ contactId: 'Romeo@montague.net' });
  });

  it('refuses what is not a well-formed JID, in words (§2.8)', () => {
    expect(reason('xmpp:')).toMatch(/names no one/);
    expect(reason('xmpp:montague.net')).toBe('This XMPP link names the server montague.net itself, not a person or a room.');
    expect(reason('xmpp:ro<meo@montague.net')).toMatch(/cannot be the user part of an XMPP address/);
    expect(reason('xmpp:romeo@mon tague.net')).toMatch(/is not a server name/);
    expect(reason('xmpp:romeo@montague.net/%FF')).toMatch(/broken %-escape/);
    expect(reason('xmpp:@montague.net')).toMatch(/user part/);
    expect(reason('xmpp://montague.net/romeo@montague.net')).toMatch(/names the account to use/);
  });
});

describe('irc: and ircs: (draft-butcher-irc-url-04)', () => {
  it('joins a channel named with its # encoded, unencoded, or without one', () => {
    const joined = { kind: 'join-room', network: 'irc', server: 'irc.example.org', tls: false, room: '#chan' };
    expect(action('irc://irc.example.org/%23chan')).toEqual(joined);
    expect(action('irc://irc.example.org/#chan')).toEqual(joined);
    expect(action('irc://irc.example.org/chan')).toEqual(joined);
    expect(action('irc://IRC.Example.ORG/&local')).toMatchObject({ server: 'irc.example.org', room: '&local' });
  });

  it('reads the port, TLS for ircs: (6697 by default, RFC 7194) and the key', () => {
    expect(action('ircs://irc.example.org/chan')).toMatchObject({ tls: true, port: 6697, room: '#chan' });
    expect(action('irc://irc.example.org:6668/%23chan?secret')).toMatchObject({ port: 6668, room: '#chan', password: 'secret' });
    expect(action('irc://irc.example.org/%23chan?key=s%20cret')).toMatchObject({ password: 's cret' });
    expect(action('irc://irc.example.org/%23chan,needkey')).toMatchObject({ room: '#chan', needsPassword: true });
  });

  it('opens a chat with ,isnick (and the draft\'s ,isuser)', () => {
    expect(action('irc://irc.example.org/alice,isnick')).toEqual({ kind: 'open-chat', network: 'irc', server: 'irc.example.org', tls: false, contactId: 'alice' });
    expect(action('irc://irc.example.org/alice,isuser')).toMatchObject({ kind: 'open-chat', contactId: 'alice' });
  });

  it('names the server alone, or a channel on any network when the host is left out', () => {
    expect(action('irc://irc.example.org')).toEqual({ kind: 'open-server', network: 'irc', server: 'irc.example.org', tls: false });
    expect(action('irc:///help')).toEqual({ kind: 'join-room', network: 'irc', tls: false, room: '#help' });
  });

  it('refuses what is not an IRC URL, in words', () => {
    expect(reason('irc:chan')).toBe('This irc: link has no server part: it should read irc://server/channel.');
    expect(reason('irc://irc.example.org:99999/chan')).toMatch(/is not a server name with an optional port/);
    expect(reason('irc://bad_host!/chan')).toMatch(/is not a server name/);
    expect(reason('irc://irc.example.org/a%20b')).toMatch(/cannot be an IRC channel name/);
    expect(reason('irc://irc.example.org/%ZZ')).toMatch(/broken %-escape/);
    expect(reason('irc://irc.example.org/al@ce,isnick')).toMatch(/cannot be an IRC nick/);
    expect(reason('irc://')).toBe('This irc: link names neither a server nor a channel.');
  });
});

describe('matrix: (Matrix spec, Matrix URI scheme)', () => {
  it('joins a room by alias or id, through the via servers', () => {
    expect(action('matrix:r/somewhere:example.org')).toEqual({ kind: 'join-room', network: 'matrix', server: 'example.org', room: '#somewhere:example.org' });
    expect(action('matrix:roomid/somewhere:example.org?via=elsewhere.ca')).toEqual({
      kind: 'join-room', network: 'matrix', server: 'example.org', room: '!somewhere:example.org', via: ['elsewhere.ca'],
    });
    expect(action('matrix:r/somewhere:example.org?action=join&via=a.example&via=b.example')).toMatchObject({ via: ['a.example', 'b.example'] });
  });

  it('points at an event in a room (e/)', () => {
    expect(action('matrix:roomid/somewhere:example.org/e/event?via=elsewhere.ca')).toMatchObject({
      kind: 'join-room', room: '!somewhere:example.org', eventId: '$event', via: ['elsewhere.ca'],
    });
  });

  it('opens a chat with a user (u/, action=chat)', () => {
    expect(action('matrix:u/alice:example.org?action=chat')).toEqual({ kind: 'open-chat', network: 'matrix', server: 'example.org', contactId: '@alice:example.org' });
    expect(action('matrix:u/alice%3Aexample.org')).toMatchObject({ contactId: '@alice:example.org' });
  });

  it('refuses what the grammar does not allow, in words', () => {
    expect(reason('matrix:x/foo:example.org')).toMatch(/“x\/” is not a kind of Matrix id/);
    expect(reason('matrix:u/alice')).toMatch(/does not end in a valid server name/);
    expect(reason('matrix:e/event:example.org')).toBe('This Matrix link names a message but not the room it is in.');
    expect(reason('matrix:u/alice:example.org/e/x')).toMatch(/a user cannot be followed/);
    expect(reason('matrix://example.org/r/room:example.org')).toMatch(/keeps for future use/);
    expect(reason('matrix:r')).toMatch(/should read matrix:u\/…/);
  });
});

describe('https://matrix.to/#/… (Matrix spec, matrix.to navigation)', () => {
  it('reads users, aliases, room ids and events, encoded or not', () => {
    expect(action('https://matrix.to/#/%23somewhere%3Aexample.org')).toMatchObject({ kind: 'join-room', room: '#somewhere:example.org' });
    expect(action('https://matrix.to/#/#somewhere:example.org')).toMatchObject({ kind: 'join-room', room: '#somewhere:example.org' });
    expect(action('https://matrix.to/#/!somewhere%3Aexample.org?via=elsewhere.ca')).toMatchObject({ room: '!somewhere:example.org', via: ['elsewhere.ca'] });
    expect(action('https://matrix.to/#/!somewhere%3Aexample.org/%24event%3Aexample.org?via=elsewhere.ca')).toMatchObject({
      room: '!somewhere:example.org', eventId: '$event:example.org',
    });
    expect(action('https://matrix.to/#/%40alice%3Aexample.org')).toEqual({ kind: 'open-chat', network: 'matrix', server: 'example.org', contactId: '@alice:example.org' });
  });

  it('refuses other web links and communities, in words', () => {
    expect(reason('https://example.org/#/@alice:example.org')).toMatch(/only from matrix\.to/);
    expect(reason('https://matrix.to/#/+group:example.org')).toMatch(/communities no longer exist/);
    expect(reason('https://matrix.to/')).toMatch(/names no user or room/);
  });
});

describe('anything else', () => {
  it('refuses other schemes, empty and overlong links, in words', () => {
    expect(reason('mailto:alice@example.org')).toBe('Switchboard opens xmpp:, irc:, ircs:, matrix: and matrix.to links, not “mailto:” links.');
    expect(reason('   ')).toBe('The link is empty.');
    expect(reason(`matrix:r/${'a'.repeat(5000)}:example.org`)).toBe('The link is longer than 4096 characters.');
    expect(reason('#room:example.org')).toMatch(/is not a link/);
  });

  it('takes a link pasted with spaces or angle brackets', () => {
    expect(action(' <xmpp:romeo@montague.net> ')).toMatchObject({ contactId: 'romeo@montague.net' });
  });
});
