import { describe, expect, it } from 'vitest';
import { activeFilterCount, groupResults, NO_FILTERS, parseSnippet, parseWhoChoice, resultKeyTarget, searchParams, SEARCH_LIMIT, whoChoice } from './search.js';
import { conversation, message } from './testData.js';

const S = '\u0002';
const E = '\u0003';

describe('parseSnippet', () => {
  it('splits plain and marked parts', () => {
    expect(parseSnippet(`…the ${S}quokka${E} is small and the ${S}quokkas${E}`)).toEqual([
      { text: '…the ', marked: false }, { text: 'quokka', marked: true }, { text: ' is small and the ', marked: false },
      { text: 'quokkas', marked: true },
    ]);
    expect(parseSnippet('')).toEqual([]);
    expect(parseSnippet('no match markers')).toEqual([{ text: 'no match markers', marked: false }]);
  });

  it('keeps hostile markup as text: nothing is parsed but the two markers', () => {
    const parts = parseSnippet(`<script>alert(1)</script> ${S}<img src=x onerror=alert(2)>${E} &amp; <b>`);
    expect(parts).toEqual([
      { text: '<script>alert(1)</script> ', marked: false },
      { text: '<img src=x onerror=alert(2)>', marked: true },
      { text: ' &amp; <b>', marked: false },
    ]);
  });

  it('survives unbalanced, nested and empty markers', () => {
    expect(parseSnippet(`a${S}b${S}c${E}d${E}e`)).toEqual([
      { text: 'a', marked: false }, { text: 'bc', marked: true }, { text: 'de', marked: false },
    ]);
    expect(parseSnippet(`${E}stray end, open ${S}to the end`)).toEqual([
      { text: 'stray end, open ', marked: false }, { text: 'to the end', marked: true },
    ]);
    expect(parseSnippet(`x${S}${E}y`)).toEqual([{ text: 'xy', marked: false }]);
    expect(parseSnippet(`${S}${S}${E}${E}`)).toEqual([]);
  });

  it('keeps characters outside the BMP whole', () => {
    expect(parseSnippet(`${S}🦘${E}!`)).toEqual([{ text: '🦘', marked: true }, { text: '!', marked: false }]);
  });
});

describe('groupResults', () => {
  it('groups by conversation in the order of each one\'s newest result, and names closed ones', () => {
    const hits = [
      { message: message({ id: 9, conversationId: 2, timestamp: 900 }), snippet: `${S}a${E}` },
      { message: message({ id: 8, conversationId: 1, timestamp: 800 }), snippet: 'b' },
      { message: message({ id: 7, conversationId: 2, timestamp: 700 }), snippet: 'c' },
      { message: message({ id: 6, conversationId: 5, timestamp: 600, body: 'body text' }), snippet: '' },
    ];
    const open = new Map([[1, conversation({ id: 1, title: '#one' })], [2, conversation({ id: 2, title: '#two' })]]);
    const groups = groupResults(hits, open);
    expect(groups.map((group) => [group.conversationId, group.title, group.open, group.items.map((item) => item.hit.message.id)])).toEqual([
      [2, '#two', true, [9, 7]], [1, '#one', true, [8]], [5, 'Closed conversation', false, [6]],
    ]);
    expect(groups[0]?.items[0]?.parts).toEqual([{ text: 'a', marked: true }]);
    expect(groups[2]?.items[0]?.parts).toEqual([{ text: 'body text', marked: false }]);
    expect(groupResults([], open)).toEqual([]);
  });
});

describe('searchParams', () => {
  it('trims, limits, and scopes to the active conversation when asked and there is one', () => {
    expect(searchParams('   ', 'all', 1)).toBeNull();
    expect(searchParams(' quokka ', 'all', 1)).toEqual({ query: 'quokka', limit: SEARCH_LIMIT });
    expect(searchParams('quokka', 'conversation', 3)).toEqual({ query: 'quokka', limit: 50, conversationId: 3 });
    expect(searchParams('quokka', 'conversation', null)).toEqual({ query: 'quokka', limit: 50 });
    expect(searchParams('x'.repeat(600), 'all', null)?.query).toHaveLength(512);
  });
});

describe('search filters in the request', () => {
  it('sends only the filters set: account, trimmed sender, whole local days, link and file', () => {
    const filters = { ...NO_FILTERS, accountId: 'acc-2', sender: '  Carol ', since: '2026-03-01', until: '2026-03-02', hasLink: true };
    expect(searchParams('otter', 'conversation', 4, filters)).toEqual({
      query: 'otter', limit: 50, conversationId: 4, accountId: 'acc-2', sender: 'Carol',
      since: new Date(2026, 2, 1).getTime(), until: new Date(2026, 2, 3).getTime() - 1, hasLink: true,
    });
    expect(searchParams('otter', 'all', null, { ...NO_FILTERS, hasFile: true, since: 'not a date', sender: '   ' })).toEqual({ query: 'otter', limit: 50, hasFile: true });
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount(filters)).toBe(5);
  });

  it('sends the network, and a person or a buddy chosen; a malformed choice sends nothing', () => {
    const person = whoChoice({ personId: 7 });
    const buddy = whoChoice({ buddy: { accountId: 'acc-1', contactId: 'carol"@example.org' } });
    expect(searchParams('otter', 'all', null, { ...NO_FILTERS, network: 'xmpp', who: person })).toEqual({ query: 'otter', limit: 50, network: 'xmpp', personId: 7 });
    expect(searchParams('otter', 'all', null, { ...NO_FILTERS, who: buddy })).toEqual({
      query: 'otter', limit: 50, buddy: { accountId: 'acc-1', contactId: 'carol"@example.org' },
    });
    for (const bad of ['person:x', 'person:', 'buddy:["only-one"]', 'buddy:{', 'buddy:["",""]', 'someone']) {
      expect(parseWhoChoice(bad)).toBeUndefined();
      expect(searchParams('otter', 'all', null, { ...NO_FILTERS, who: bad })).toEqual({ query: 'otter', limit: 50 });
    }
    expect(activeFilterCount({ ...NO_FILTERS, network: 'irc', who: person })).toBe(2);
  });
});

describe('keys between results', () => {
  it('moves down and up without wrapping, Home and End to the ends, and ignores other keys', () => {
    expect(resultKeyTarget('ArrowDown', 0, 3)).toBe(1);
    expect(resultKeyTarget('ArrowDown', 2, 3)).toBe(2);
    expect(resultKeyTarget('ArrowUp', 0, 3)).toBe(0);
    expect(resultKeyTarget('ArrowUp', 2, 3)).toBe(1);
    expect(resultKeyTarget('End', 0, 3)).toBe(2);
    expect(resultKeyTarget('Home', 2, 3)).toBe(0);
    expect(resultKeyTarget('Enter', 1, 3)).toBeNull();
    expect(resultKeyTarget('ArrowDown', 0, 0)).toBeNull();
  });
});
