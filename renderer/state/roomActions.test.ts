import { describe, expect, it } from 'vitest';
import { applyEventBatch } from './applyEvents.js';
import { setupActions } from './testActions.js';
import { account } from './testData.js';

describe('room actions', () => {
  it('sets the topic, invites and kicks (a blank reason is left out)', async () => {
    const { actions, calls } = setupActions({ 'conversations.setTopic': () => null, 'conversations.invite': () => null, 'members.kick': () => null });
    await actions.setTopic(1, ' New topic ');
    await actions.inviteToRoom(1, ' carol ');
    await actions.kickMember(1, 'dave', '  ');
    await actions.kickMember(1, 'eve', ' spam ');
    expect(calls).toEqual([
      ['conversations.setTopic', { conversationId: 1, topic: 'New topic' }],
      ['conversations.invite', { conversationId: 1, contactId: 'carol' }],
      ['members.kick', { conversationId: 1, memberId: 'dave' }],
      ['members.kick', { conversationId: 1, memberId: 'eve', reason: 'spam' }],
    ]);
  });
});

describe('account actions', () => {
  it('trusts a certificate and shows the account the core returns', async () => {
    const fingerprint = 'AB:'.repeat(31) + 'AB';
    const { stores, actions, calls } = setupActions({ 'accounts.trustCertificate': () => account({ pluginId: 'rich', state: 'connecting' }) });
    await actions.trustCertificate('acc-1', fingerprint);
    expect(calls).toEqual([['accounts.trustCertificate', { accountId: 'acc-1', fingerprint256: fingerprint }]]);
    expect(stores.accounts.getState().list[0]?.state).toBe('connecting');
  });

  it('opens and closes an account\'s server messages; choosing a conversation or removing the account closes them', () => {
    const { stores, actions } = setupActions({ 'conversations.markRead': () => null, 'messages.list': () => [], 'members.list': () => [] });
    actions.openServerConsole('acc-1');
    expect(stores.ui.getState().serverConsole).toBe('acc-1');
    actions.closeServerConsole();
    expect(stores.ui.getState().serverConsole).toBeNull();
    actions.openServerConsole('acc-1');
    actions.activateConversation(1);
    expect(stores.ui.getState().serverConsole).toBeNull();
    actions.openServerConsole('acc-1');
    actions.reloadActive();
    expect(stores.ui.getState().serverConsole).toBe('acc-1');
    applyEventBatch(stores, [{ type: 'server.notice', payload: { accountId: 'acc-1', text: 'bye', timestamp: 1 } }, { type: 'account.removed', payload: { accountId: 'acc-1' } }]);
    expect(stores.ui.getState().serverConsole).toBeNull();
    expect(stores.serverNotices.getState().byAccount.size).toBe(0);
  });

});
