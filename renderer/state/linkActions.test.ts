/**
 * What confirming a link does, per kind of link, through the ordinary requests (the core's
 * real link reader gives the resolutions): XMPP join with the link's nick and password, a
 * suggested message put in the composer and not sent, a roster entry with its name and
 * group, an IRC server's messages; and a core that cannot read a link, said in words.
 */
import { describe, expect, it, vi } from 'vitest';
import { requests } from '../../electron/bridge/contract.js';
import { resolveLink } from '../../electron/core/links/resolveLink.js';
import { draftOf } from './drafts.js';
import { setupActions } from './testActions.js';
import { account, conversation } from './testData.js';

const xmpp = account({ id: 'x1', pluginId: 'xmpp', label: 'juliet@capulet.lit', settings: { jid: 'juliet@capulet.lit' } });
const irc = account({ id: 'i1', pluginId: 'irc', label: 'alice (IRC)', settings: { server: 'irc.example.org' } });

describe('confirmLink', () => {
  it('joins an XMPP room with the link\'s password and nick, and shows it', async () => {
    const { stores, actions, calls } = setupActions({ 'conversations.joinRoom': () => conversation({ id: 5, title: 'darkcave' }) });
    await actions.confirmLink(resolveLink('xmpp:darkcave@chat.shakespeare.lit/thirdwitch?join;password=cauldronburn', [xmpp]), 'x1');
    // (Then the shown room loads its messages and members.)
    expect(calls[0]).toEqual(['conversations.joinRoom', { accountId: 'x1', room: 'darkcave@chat.shakespeare.lit', password: 'cauldronburn', nick: 'thirdwitch' }]);
    expect(stores.conversations.getState().activeId).toBe(5);
  });

  it('joins a Matrix room id through the link\'s via servers (a room id alone cannot be joined over federation)', async () => {
    const matrix = account({ id: 'm1', pluginId: 'matrix', label: '@alice:example.org (Matrix)', settings: { userId: '@alice:example.org' } });
    const { actions, calls } = setupActions({ 'conversations.joinRoom': () => conversation({ id: 7 }) });
    await actions.confirmLink(resolveLink('matrix:roomid/opaque123:matrix.org?via=matrix.org&via=elsewhere.example&action=join', [matrix]), 'm1');
    expect(calls[0]).toEqual(['conversations.joinRoom', { accountId: 'm1', room: '!opaque123:matrix.org', via: ['matrix.org', 'elsewhere.example'] }]);
    expect(requests['conversations.joinRoom'].params.safeParse(calls[0]?.[1]).success).toBe(true);
  });

  it('asks for the key of an IRC ,needkey link and joins with what the user typed', async () => {
    const { actions, calls } = setupActions({ 'conversations.joinRoom': () => conversation({ id: 6 }) });
    await actions.confirmLink(resolveLink('irc://irc.example.org/%23vault,needkey', [irc]), 'i1', 'opensesame');
    expect(calls[0]).toEqual(['conversations.joinRoom', { accountId: 'i1', room: '#vault', password: 'opensesame' }]);
  });

  it('opens a chat with the suggested message in the composer, unsent', async () => {
    const { stores, actions, methods } = setupActions({ 'conversations.openDirect': () => conversation({ id: 8, kind: 'direct', title: 'romeo' }) });
    await actions.confirmLink(resolveLink('xmpp:romeo@montague.net?message;body=Wherefore%20art%20thou%3F', [xmpp]), 'x1');
    expect(methods().filter((method) => method.startsWith('messages.send'))).toEqual([]);
    expect(draftOf(stores.drafts.getState(), 8).text).toBe('Wherefore art thou?');
    expect(stores.conversations.getState().activeId).toBe(8);
  });

  it('adds a roster entry with its name and group', async () => {
    const { actions, calls } = setupActions({ 'contacts.add': () => null });
    await actions.confirmLink(resolveLink('xmpp:romeo@montague.net?roster;name=Romeo%20Montague;group=Friends', [xmpp]), 'x1');
    expect(calls).toEqual([['contacts.add', { accountId: 'x1', contactId: 'romeo@montague.net', displayName: 'Romeo Montague', groups: ['Friends'] }]]);
  });

  it('shows an IRC server\'s messages for irc://host', async () => {
    const { stores, actions, methods } = setupActions();
    await actions.confirmLink(resolveLink('irc://irc.example.org', [irc]), 'i1');
    expect(methods()).toEqual([]);
    expect(stores.ui.getState().serverConsole).toBe('i1');
  });
});

describe('askAboutLink', () => {
  it('refuses a link far too long for the bridge in the reader\'s words', async () => {
    // The core checks parameters against the contract first: so does this stand-in.
    const { stores, actions } = setupActions({ 'links.resolve': (params) => resolveLink(requests['links.resolve'].params.parse(params).uri, []) });
    await actions.askAboutLink(`matrix:r/${'a'.repeat(200_000)}:example.org`);
    expect(stores.ui.getState().dialog).toMatchObject({ kind: 'link', resolution: { parsed: { ok: false, reason: 'The link is longer than 4096 characters.' } } });
  });

  it('says in words when the core cannot read the link', async () => {
    const { stores, actions } = setupActions();
    await actions.askAboutLink('xmpp:romeo@montague.net');
    expect(stores.ui.getState().dialog).toEqual({
      kind: 'link',
      resolution: { uri: 'xmpp:romeo@montague.net', accounts: [], parsed: { ok: false, reason: 'Switchboard could not read this link: links.resolve is not supported yet' } },
    });
  });
});

describe('addAccountForLink', () => {
  it('opens Add account prefilled, and asks about the link again once an account was saved (not when cancelled)', async () => {
    const { stores, actions } = setupActions({
      'links.resolve': (params) => resolveLink((params as { uri: string }).uri, stores.accounts.getState().list),
    });
    const link = resolveLink('irc://irc.new.example/%23chan', []);
    actions.addAccountForLink(link);
    expect(stores.ui.getState().dialog).toEqual({ kind: 'account', prefill: { pluginId: 'irc', settings: { server: 'irc.new.example', tls: false, port: 6667 } } });
    stores.ui.setState({ dialog: null });
    await Promise.resolve();
    expect(stores.ui.getState().dialog).toBeNull();

    actions.addAccountForLink(link);
    stores.accounts.setState({ list: [...stores.accounts.getState().list, account({ id: 'i9', pluginId: 'irc', label: 'alice (IRC)', settings: { server: 'irc.new.example' } })] });
    stores.ui.setState({ dialog: null });
    await vi.waitFor(() => expect(stores.ui.getState().dialog).toMatchObject({ kind: 'link', resolution: { accounts: [{ accountId: 'i9' }] } }));
  });
});
