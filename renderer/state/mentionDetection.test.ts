import { describe, expect, it } from 'vitest';
import { ircLower, mentionedMembers, mentionsSelf, type SelfIdentity } from './mentionDetection.js';

const irc: SelfIdentity = { pluginId: 'irc', selfId: 'alice', nameHere: undefined };
const says = (body: string, self: SelfIdentity, html?: string): boolean => mentionsSelf(html === undefined ? { body } : { body, html }, self);

describe('does a message name the user, per network', () => {
  it('IRC: the nick as a word of its own, with RFC 1459 case mapping; nick characters are not boundaries', () => {
    expect(says('alice: ping', irc)).toBe(true);
    expect(says('ping ALICE!', irc)).toBe(true);
    expect(says('malice', irc)).toBe(false);
    expect(says('alice_ is someone else', irc)).toBe(false);
    expect(says('alice-bot ran', irc)).toBe(false);
    expect(says('is alice| here', irc)).toBe(false);
    const brackets: SelfIdentity = { pluginId: 'irc', selfId: 'al[ice]', nameHere: undefined };
    expect(ircLower('AL[ICE]~')).toBe('al{ice}^');
    expect(says('AL{ICE}: hi', brackets)).toBe(true);
    // The nick in use wins over the configured one.
    expect(says('alice2: hi', { ...irc, nameHere: 'alice2' })).toBe(true);
  });

  it('XMPP rooms: the own room nick, any case', () => {
    const xmpp: SelfIdentity = { pluginId: 'xmpp', selfId: 'alice@example.org', nameHere: 'Ally' };
    expect(says('ally, lunch?', xmpp)).toBe(true);
    expect(says('alice, lunch?', xmpp)).toBe(false);
    expect(says('rally round', xmpp)).toBe(false);
    // Without a room nick, the JID's local part.
    expect(says('alice, lunch?', { ...xmpp, nameHere: undefined })).toBe(true);
  });

  it('Matrix: a pill to the user, the user id, or the display name', () => {
    const matrix: SelfIdentity = { pluginId: 'matrix', selfId: '@alice:example.org', nameHere: 'Alice Liddell' };
    expect(says('Alice: see this', matrix, '<a href="https://matrix.to/#/@alice:example.org">Alice</a>: see this')).toBe(true);
    expect(says('A: see this', matrix, '<a href="https://matrix.to/#/%40alice%3Aexample.org">A</a>: see this')).toBe(true);
    expect(says('see this', matrix, '<a href="https://matrix.to/#/@alice:example.org.evil">x</a>')).toBe(false);
    expect(says('ping @alice:example.org', matrix)).toBe(true);
    expect(says('alice liddell, hi', matrix)).toBe(true);
    expect(says('Alice, hi', matrix)).toBe(false);
    expect(says('alice, hi', { ...matrix, nameHere: undefined })).toBe(true);
  });

  it('another network: its id, local part or room nick', () => {
    const other: SelfIdentity = { pluginId: 'loopback', selfId: 'alice', nameHere: undefined };
    expect(says('hey @alice', other)).toBe(true);
    expect(says('alices', other)).toBe(false);
    expect(says('anything', { pluginId: 'x', selfId: undefined, nameHere: undefined })).toBe(false);
  });
});

describe('intentional mentions (Matrix m.mentions)', () => {
  const alice: SelfIdentity = { pluginId: 'matrix', selfId: '@alice:x', nameHere: 'Alice' };
  it('follows what the network said over the text', () => {
    expect(mentionsSelf({ body: 'Alice wrote this', mentionsSelf: false }, alice)).toBe(false);
    expect(mentionsSelf({ body: 'you there?', mentionsSelf: true }, alice)).toBe(true);
    expect(mentionsSelf({ body: 'Alice: old client' }, alice)).toBe(true);
  });

  it('finds the members a message names, not the user, not part of a word', () => {
    const members = [{ id: '@bob:x', displayName: 'Bob' }, { id: '@carol:x', displayName: 'Carol' }, { id: '@alice:x', displayName: 'Alice' }];
    expect(mentionedMembers('Bob: and @carol:x, said Alice', members, '@alice:x')).toEqual(['@bob:x', '@carol:x']);
    expect(mentionedMembers('Bobby is away', members, '@alice:x')).toEqual([]);
  });
});
