import { describe, expect, it } from 'vitest';
import { resetContacts } from './contacts.js';
import { draftOf, setDraftText } from './drafts.js';
import { applyPage } from './messages.js';
import { resetRequests } from './requests.js';
import { setupActions } from './testActions.js';
import { contact, conversation, message, request, richPlugin } from './testData.js';

const setup = setupActions;

const page = (from: number, count: number) => Array.from({ length: count }, (_, index) => message({ id: from - index, timestamp: from - index })).reverse();

describe('history paging', () => {
  it('pages the store; when it runs short and the conversation has server history, fetches older and pages again', async () => {
    const lists: unknown[] = [];
    let listCall = 0;
    const { stores, actions, methods } = setup({
      'messages.list': (params) => { lists.push(params); listCall += 1; return listCall === 1 ? page(100, 30) : page(70, 100); },
      'messages.fetchOlder': () => ({ added: 100, complete: false }),
    });
    stores.messages.setState(applyPage(stores.messages.getState(), 1, page(200, 100), 100));
    await actions.loadOlderMessages(1);
    expect(methods()).toEqual(['messages.list', 'messages.fetchOlder', 'messages.list']);
    expect(lists[0]).toEqual({ conversationId: 1, before: { timestamp: 101, id: 101 }, limit: 100 });
    expect(lists[1]).toEqual({ conversationId: 1, before: { timestamp: 71, id: 71 }, limit: 100 });
    const entry = stores.messages.getState().byConversation.get(1);
    expect(entry?.items).toHaveLength(230);
    expect([entry?.loading, entry?.complete, entry?.hasOlder]).toEqual([false, false, true]);
  });

  it('asks the network directly when the store has nothing older, and records "complete"', async () => {
    const { stores, actions, methods } = setup({ 'messages.fetchOlder': () => ({ added: 2, complete: true }), 'messages.list': () => page(2, 2) });
    stores.messages.setState(applyPage(stores.messages.getState(), 1, page(10, 5), 100));
    await actions.loadOlderMessages(1);
    expect(methods()).toEqual(['messages.fetchOlder', 'messages.list']);
    expect(stores.messages.getState().byConversation.get(1)?.complete).toBe(true);
    expect(stores.messages.getState().byConversation.get(1)?.items).toHaveLength(7);
  });

  it('never asks the network without the history capability, and shows the core\'s error when fetching fails', async () => {
    const local = setup({ 'messages.list': () => page(5, 5) }, { ...richPlugin.capabilities, history: false });
    local.stores.messages.setState(applyPage(local.stores.messages.getState(), 1, page(200, 100), 100));
    await local.actions.loadOlderMessages(1);
    expect(local.methods()).toEqual(['messages.list']);
    expect(local.stores.messages.getState().byConversation.get(1)?.loading).toBe(false);

    const failing = setup({ 'messages.list': () => [] });
    failing.stores.messages.setState(applyPage(failing.stores.messages.getState(), 1, page(10, 5), 100));
    await failing.actions.loadOlderMessages(1);
    expect(failing.stores.messages.getState().byConversation.get(1)?.error).toBe('messages.fetchOlder is not supported yet');
  });
});

describe('showing a message further back', () => {
  it('waits for a page the log is already loading instead of giving up (a search result opened during scroll-back)', async () => {
    // The store holds messages 1…300; each page comes a little later, as over the bridge.
    const { stores, actions } = setup({
      'messages.list': (params) => new Promise((resolve) => {
        const before = (params as { readonly before?: { readonly id: number } }).before?.id ?? 301;
        setTimeout(() => resolve(page(before - 1, Math.min(100, before - 1))), 5);
      }),
    });
    stores.messages.setState(applyPage(stores.messages.getState(), 1, page(300, 100), 100));
    const scrollBack = actions.loadOlderMessages(1);
    expect(await actions.showMessage(1, 50)).toBe(true);
    expect(stores.ui.getState().focusedMessage).toEqual({ conversationId: 1, messageId: 50 });
    await scrollBack;
  });
});

describe('the composer', () => {
  it('sends a reply with replyTo and clears the draft and the target', async () => {
    const sent = message({ id: 50, direction: 'out', status: 'sending', body: 'yes' });
    const { stores, actions, calls } = setup({ 'messages.send': () => sent });
    actions.replyTo(message({ id: 7 }));
    actions.setDraft(1, 'yes');
    expect(await actions.submitComposer(1, 'yes')).toEqual({ status: 'done' });
    expect(calls).toEqual([['messages.send', { conversationId: 1, body: 'yes', kind: 'text', replyTo: 7 }]]);
    expect(draftOf(stores.drafts.getState(), 1)).toEqual({ text: '' });
    expect(stores.messages.getState().byConversation.get(1)?.items).toEqual([sent]);
  });

  it('runs plugin commands on the conversation\'s account, and shows the core\'s error', async () => {
    const { actions, calls } = setup({ 'commands.run': () => null });
    expect(await actions.submitComposer(1, '/whois bob')).toEqual({ status: 'done' });
    expect(calls).toEqual([['commands.run', { accountId: 'acc-1', command: 'whois', args: 'bob', conversationId: 1 }]]);
    const failing = setup();
    expect(await failing.actions.submitComposer(1, '/topic hi')).toEqual({ status: 'error', message: '/topic failed: commands.run is not supported yet' });
  });

  it('lists commands for /help in the log, and refuses an unknown command without sending it', async () => {
    const { stores, actions, calls } = setup();
    actions.setDraft(1, '/help');
    await actions.submitComposer(1, '/help');
    const notice = stores.notices.getState().byConversation.get(1)?.[0];
    expect(notice?.lines).toContain('/whois <nick> — Show who someone is');
    expect(notice?.timestamp).toBe(5000);
    expect(draftOf(stores.drafts.getState(), 1).text).toBe('');
    actions.setDraft(1, '/shrug');
    const outcome = await actions.submitComposer(1, '/shrug');
    expect(outcome.status === 'error' ? outcome.message : '').toMatch(/^Unknown command \/shrug/);
    expect(draftOf(stores.drafts.getState(), 1).text).toBe('/shrug');
    expect(calls).toEqual([]);
  });

  it('edits: Up picks the last own message, Enter saves with messages.edit, the draft comes back', async () => {
    const own = message({ id: 3, direction: 'out', status: 'sent', body: 'teh' });
    const { stores, actions, calls } = setup({ 'messages.edit': () => ({ ...own, body: 'the', edited: true }) });
    stores.messages.setState(applyPage(stores.messages.getState(), 1, [own, message({ id: 4, timestamp: 2000 })], 100));
    stores.drafts.setState(setDraftText(stores.drafts.getState(), 1, ''));
    expect(actions.editLastOwn(1)).toBe(true);
    expect(draftOf(stores.drafts.getState(), 1).text).toBe('teh');
    actions.setDraft(1, 'the');
    expect(await actions.submitComposer(1, 'the')).toEqual({ status: 'done' });
    expect(calls).toEqual([['messages.edit', { messageId: 3, body: 'the' }]]);
    expect(draftOf(stores.drafts.getState(), 1)).toEqual({ text: '' });
  });

  it('an edit the core refuses keeps the edit open with its error', async () => {
    const own = message({ id: 3, direction: 'out', status: 'sent', body: 'teh' });
    const { stores, actions } = setup();
    actions.startEditing(own);
    actions.setDraft(1, 'the');
    expect(await actions.submitComposer(1, 'the')).toEqual({ status: 'error', message: 'Not edited: messages.edit is not supported yet' });
    expect(draftOf(stores.drafts.getState(), 1).target?.kind).toBe('edit');
  });

  it('sends typing notices only where the conversation supports them', () => {
    const typing = setup({ 'conversations.setTyping': () => null });
    typing.actions.setOwnTyping(1, 'active');
    expect(typing.calls).toEqual([['conversations.setTyping', { conversationId: 1, state: 'active' }]]);
    const silent = setup({}, { ...richPlugin.capabilities, typing: false });
    silent.actions.setOwnTyping(1, 'active');
    expect(silent.calls).toEqual([]);
  });
});

describe('message actions', () => {
  it('react sends the whole new set of the user\'s reactions; delete asks the core', async () => {
    const { actions, calls } = setup({ 'messages.react': () => null, 'messages.delete': () => null });
    const target = message({ id: 9, reactions: [{ reaction: '👍', senders: [{ id: 'me', name: 'Me' }], mine: true }] });
    await actions.toggleReaction(target, '🎉');
    await actions.toggleReaction(target, '👍');
    await actions.deleteMessage(message({ id: 9, direction: 'out' }));
    expect(calls).toEqual([
      ['messages.react', { messageId: 9, reactions: ['👍', '🎉'] }],
      ['messages.react', { messageId: 9, reactions: [] }],
      ['messages.delete', { messageId: 9 }],
    ]);
  });
});

describe('buddy list, requests, presence, links', () => {
  it('renames, blocks and removes contacts, updating the list once the core agrees', async () => {
    const { stores, actions, calls } = setup({ 'contacts.update': () => null, 'contacts.setBlocked': () => null, 'contacts.remove': () => null, 'contacts.add': () => null });
    const bob = contact();
    stores.contacts.setState(resetContacts([bob]));
    await actions.renameContact(bob, ' Robert ');
    await actions.setContactBlocked(bob, true);
    expect([...stores.contacts.getState().byKey.values()][0]).toMatchObject({ displayName: 'Robert', blocked: true });
    await actions.removeContact(bob);
    expect(stores.contacts.getState().byKey.size).toBe(0);
    await actions.addContact({ accountId: 'acc-1', contactId: ' carol@example.org ', displayName: '', group: 'Work' });
    expect(calls).toEqual([
      ['contacts.update', { accountId: 'acc-1', contactId: 'bob@example.org', displayName: 'Robert' }],
      ['contacts.setBlocked', { accountId: 'acc-1', contactId: 'bob@example.org', blocked: true }],
      ['contacts.remove', { accountId: 'acc-1', contactId: 'bob@example.org' }],
      ['contacts.add', { accountId: 'acc-1', contactId: 'carol@example.org', groups: ['Work'] }],
    ]);
  });

  it('opens a contact\'s existing direct conversation, or a new one', async () => {
    const { stores, actions, calls } = setup({ 'conversations.openDirect': () => conversation({ id: 8, kind: 'direct', networkId: 'carol' }), 'messages.list': () => [] });
    stores.conversations.setState({ byId: new Map([[5, conversation({ id: 5, kind: 'direct', networkId: 'bob@example.org' })]]), tabs: [5], activeId: null });
    await actions.openContact(contact());
    expect(stores.conversations.getState().activeId).toBe(5);
    await actions.openContact(contact({ id: 'carol' }));
    expect(calls.filter(([method]) => method === 'conversations.openDirect')).toEqual([['conversations.openDirect', { accountId: 'acc-1', contactId: 'carol' }]]);
    expect(stores.conversations.getState().activeId).toBe(8);
  });

  it('answers a request and drops it; a refusal leaves it', async () => {
    const ok = setup({ 'requests.answer': () => null });
    ok.stores.requests.setState(resetRequests([request()]));
    await ok.actions.answerRequest(request(), 'allow');
    expect(ok.calls).toEqual([['requests.answer', { accountId: 'acc-1', requestId: 'req-1', choiceId: 'allow' }]]);
    expect(ok.stores.requests.getState().list).toEqual([]);
    const refused = setup();
    refused.stores.requests.setState(resetRequests([request()]));
    await expect(refused.actions.answerRequest(request(), 'allow')).rejects.toThrow('requests.answer is not supported yet');
    expect(refused.stores.requests.getState().list).toHaveLength(1);
  });

  it('sets the global status and an account\'s own one, and shows what the core answers', async () => {
    const view = (global: { status: 'away'; message: string }) => ({ global, autoAway: false, saved: [], overrides: {}, notes: {} });
    const ok = setup({ 'status.set': () => view({ status: 'away', message: 'lunch' }), 'status.setAccount': () => view({ status: 'away', message: 'lunch' }) });
    await ok.actions.setStatus('away', ' lunch ');
    await ok.actions.setAccountStatus('acc-1', { status: 'busy', message: '' });
    await ok.actions.setAccountStatus('acc-1', null);
    expect(ok.calls).toEqual([
      ['status.set', { status: 'away', message: 'lunch' }],
      ['status.setAccount', { accountId: 'acc-1', status: { status: 'busy' } }],
      ['status.setAccount', { accountId: 'acc-1', status: null }],
    ]);
    expect(ok.stores.status.getState().view?.global).toEqual({ status: 'away', message: 'lunch' });
    const refused = setup();
    await expect(refused.actions.setStatus('busy', '')).rejects.toThrow('status.set is not supported yet');
    expect(refused.stores.status.getState().view).toBeNull();
  });

  it('asks before opening a link, and opens only safe links', () => {
    const { stores, actions, platform } = setup();
    actions.askToOpenLink('javascript:alert(1)', 'x');
    expect(stores.ui.getState().dialog).toBeNull();
    actions.askToOpenLink('https://аррӏе.com/', 'apple.com');
    const dialog = stores.ui.getState().dialog;
    expect(dialog?.kind === 'open-link' ? [dialog.link.destination, dialog.text] : null).toEqual(['xn--80ak6aa92e.com', 'apple.com']);
    actions.openLink('https://аррӏе.com/');
    expect(platform.openUrl).toHaveBeenCalledWith('https://xn--80ak6aa92e.com/');
    expect(stores.ui.getState().dialog).toBeNull();
    actions.openLink('javascript:alert(1)');
    expect(platform.openUrl).toHaveBeenCalledTimes(1);
  });
});
