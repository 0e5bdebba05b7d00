import { describe, expect, it } from 'vitest';
import { mergeSuggestions, memberKey, pairKey, type SuggestionContact, type SuggestionInput } from './mergeSuggestions.js';

const NETWORKS: Record<string, string> = { irc: 'irc', irc2: 'irc', xmpp: 'xmpp', matrix: 'matrix', other: 'something' };

function suggest(contacts: SuggestionContact[], extra: Partial<SuggestionInput> = {}) {
  return mergeSuggestions({
    contacts, networkOf: (accountId) => NETWORKS[accountId], personOf: new Map(), dismissed: new Set(), selfIds: [], ...extra,
  }).map(({ a, b, reason }) => [`${a.accountId}:${a.contactId}`, `${b.accountId}:${b.contactId}`, reason].join(' '));
}

const c = (accountId: string, id: string, displayName = id): SuggestionContact => ({ accountId, id, displayName });

describe('merge suggestions', () => {
  it('pairs an IRC nick with the XMPP address of the same local part, and equal display names across accounts', () => {
    expect(suggest([c('irc', 'alice'), c('xmpp', 'alice@example.org', 'Alice L.')])).toEqual(['irc:alice xmpp:alice@example.org nick']);
    expect(suggest([c('xmpp', 'bob@example.org', 'Bob  Builder'), c('matrix', '@robert:example.org', 'bob builder')]))
      .toEqual(['xmpp:bob@example.org matrix:@robert:example.org display-name']);
  });

  it('pairs Matrix bridge puppets with the IRC or XMPP user they stand for, before any weaker match', () => {
    expect(suggest([c('irc', 'Carol'), c('matrix', '@irc_carol:example.org', 'Carol (IRC)')])).toEqual(['irc:Carol matrix:@irc_carol:example.org bridge-puppet']);
    expect(suggest([c('matrix', '@_xmpp_dave=40jabber.example:example.org', 'dave'), c('xmpp', 'dave@jabber.example', 'Dave')]))
      .toEqual(['xmpp:dave@jabber.example matrix:@_xmpp_dave=40jabber.example:example.org bridge-puppet']);
  });

  it('ignores a name two buddies of one account share: two "Alex" on IRC say nothing about the XMPP one', () => {
    expect(suggest([c('irc', 'alex_w', 'Alex'), c('irc', 'alex_k', 'Alex'), c('xmpp', 'ax@example.org', 'Alex')])).toEqual([]);
    // One "Alex" on one network only: nobody to pair with.
    expect(suggest([c('xmpp', 'alex@example.org', 'Alex')])).toEqual([]);
  });

  it('never pairs two buddies of one account, nor a short nick', () => {
    expect(suggest([c('irc', 'eve'), c('irc', 'Eve2', 'eve')])).toEqual([]);
    expect(suggest([c('irc', 'jo'), c('xmpp', 'jo@example.org', 'Joanna')])).toEqual([]);
  });

  it('leaves out the user themself, pairs already in one person and dismissed pairs', () => {
    expect(suggest([c('irc', 'me'), c('irc', 'frank'), c('xmpp', 'me@example.org', 'me'), c('xmpp', 'frank@example.org')], { selfIds: ['me', 'me@example.org'] }))
      .toEqual(['irc:frank xmpp:frank@example.org nick']);
    const personOf = new Map([[memberKey('irc', 'frank'), 1], [memberKey('xmpp', 'frank@example.org'), 1]]);
    expect(suggest([c('irc', 'frank'), c('xmpp', 'frank@example.org')], { personOf })).toEqual([]);
    const dismissed = new Set([pairKey({ accountId: 'xmpp', contactId: 'frank@example.org' }, { accountId: 'irc', contactId: 'frank' })]);
    expect(suggest([c('irc', 'frank'), c('xmpp', 'frank@example.org')], { dismissed })).toEqual([]);
  });

  it('still offers a buddy whose match is in another person (merging joins it in), one pair per buddy at a time', () => {
    const personOf = new Map([[memberKey('irc', 'gina'), 7]]);
    expect(suggest([c('irc', 'gina'), c('xmpp', 'gina@example.org')], { personOf })).toEqual(['irc:gina xmpp:gina@example.org nick']);
    expect(suggest([c('irc', 'hank'), c('xmpp', 'hank@example.org'), c('matrix', '@hank:example.org')])).toHaveLength(1);
  });

  it('does not guess which of two IRC accounts a puppet bridges', () => {
    expect(suggest([c('irc', 'ivan'), c('irc2', 'ivan'), c('matrix', '@irc_ivan:example.org', 'I.')]).filter((line) => line.endsWith('bridge-puppet'))).toEqual([]);
  });
});
