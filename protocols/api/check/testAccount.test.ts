/** The kit waits for a message as the user sees it: a late room key's decryption counts. */
import { expect, it } from 'vitest';
import { definePlugin, type ProtocolEvent } from '../index.js';
import { TestAccount } from './testAccount.js';

it('finds a message that arrived undecryptable once its key came (message.decrypted)', async () => {
  let emit: (event: ProtocolEvent) => void = () => undefined;
  const plugin = definePlugin({
    manifest: {
      id: 'org.example.e2ee', name: 'E2EE', version: '1.0.0', apiVersion: '^0.8.0', capabilities: { directMessages: true },
      accountFields: [{ key: 'name', kind: 'text', label: 'Name', required: true }], accountLabelField: 'name',
    },
    createConnection: (context) => {
      emit = (event) => context.emit(event);
      return { connect: () => Promise.resolve(), disconnect: () => Promise.resolve(), sendMessage: () => Promise.resolve() };
    },
  });
  const account = new TestAccount(plugin, { name: 'alice' }, 2_000);
  const base = { conversationId: 'bob', networkId: '$1', senderId: 'bob', senderName: 'Bob', timestamp: 1, kind: 'text' as const, encrypted: true };
  const waiting = account.waitForMessage('"hi alice"', (m) => m.body === 'hi alice');
  emit({ type: 'message.received', message: { ...base, body: 'This message could not be decrypted.', undecryptable: true } });
  emit({ type: 'message.decrypted', message: { ...base, body: 'hi alice' } });
  await expect(waiting).resolves.toMatchObject({ networkId: '$1', body: 'hi alice' });
  expect(account.shown()).toHaveLength(1);
  expect(account.received().map((m) => m.undecryptable)).toEqual([true]);
});
