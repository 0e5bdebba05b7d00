/**
 * The adapter conformance suite: scenarios written against protocols/api only, run
 * against any plugin and its real server through a {@link ConformanceHarness}.
 *
 * ```ts
 * import { defineConformanceSuite } from '../conformance/index.js';
 * defineConformanceSuite({ name: 'IRC on ngIRCd', plugin, startServer, serverProvidesMessageIds: false });
 * ```
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError, isProtocolErrorData, type ProtocolErrorData } from '../../protocols/api/index.js';
import type { AccountSettings, ConformanceHarness, ConformanceServer } from './harness.js';
import { TestAccount } from './testAccount.js';

/** Run `operation`, expect it to reject with error data, and return that data. */
async function expectRejection(operation: Promise<unknown>): Promise<ProtocolErrorData> {
  try {
    await operation;
  } catch (thrown: unknown) {
    if (thrown instanceof ProtocolError) return thrown.toData();
    if (isProtocolErrorData(thrown)) return thrown;
    throw new Error(`rejected with something that is not a ProtocolError: ${String(thrown)}`);
  }
  throw new Error('expected a rejection, but the operation succeeded');
}

export function defineConformanceSuite(harness: ConformanceHarness): void {
  const timeoutMs = harness.eventTimeoutMs ?? 10_000;

  describe(`conformance: ${harness.name}`, () => {
    let server: ConformanceServer | undefined;
    const open: TestAccount[] = [];

    const env = (): ConformanceServer => {
      if (!server) throw new Error('the harness did not start its server');
      return server;
    };
    const account = (settings: AccountSettings): TestAccount => {
      const created = new TestAccount(harness.plugin, settings, timeoutMs);
      open.push(created);
      return created;
    };
    const online = async (settings: AccountSettings): Promise<TestAccount & { readonly id: string }> => {
      const created = account(settings);
      await created.connection.connect();
      const id = created.selfId;
      if (!id) throw new Error('online without a selfId');
      return Object.assign(created, { id });
    };

    beforeAll(async () => {
      server = await harness.startServer();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((a) => a.connection.disconnect()));
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('logs in: connect resolves, the states go connecting → online, and selfId is set', async () => {
      const alice = account(env().accounts[0]);
      await alice.connection.connect();
      expect(alice.states).toEqual(['connecting', 'online']);
      expect(alice.selfId).toBeTruthy();
    });

    it('disconnect reports offline, and disconnect resolves even without a connection', async () => {
      const alice = account(env().accounts[0]);
      await alice.connection.connect();
      await alice.connection.disconnect();
      expect(alice.states.at(-1)).toBe('offline');
      expect(alice.states).not.toContain('failed');

      const never = account(env().accounts[1]);
      await never.connection.disconnect();
      await never.connection.disconnect();
    });

    it('bad credentials: connect rejects with kind auth and a message, and the app can go on', async () => {
      const wrong = account(env().badCredentials);
      const error = await expectRejection(wrong.connection.connect());
      expect(error.kind).toBe('auth');
      expect(error.message.trim().length).toBeGreaterThan(10);
      expect(error.message).not.toMatch(/\n\s+at /); // no stack trace for the user
      expect(wrong.states[0]).toBe('connecting');
      expect(wrong.states).not.toContain('online');
      await wrong.connection.disconnect();

      const good = account(env().accounts[0]);
      await good.connection.connect();
      expect(good.states.at(-1)).toBe('online');
    });

    it('unreachable host: connect rejects with kind network', async () => {
      const lost = account(env().unreachable);
      const error = await expectRejection(lost.connection.connect());
      expect(error.kind).toBe('network');
      expect(error.message.trim().length).toBeGreaterThan(10);
      expect(lost.states).not.toContain('online');
    });

    it('direct messages both ways: body, sender, time, ids and confirmation', async () => {
      const alice = await online(env().accounts[0]);
      const bob = await online(env().accounts[1]);
      expect(alice.id).not.toBe(bob.id);
      if (!alice.connection.openDirect) throw new Error('the plugin declares no openDirect');
      const { conversationId: toBob } = await alice.connection.openDirect(bob.id);
      await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === toBob && e.conversation.kind === 'direct');

      const hello = `hello bob ${Date.now()} ünïcødé 😀`;
      const sentAt = Date.now();
      await alice.connection.sendMessage({ conversationId: toBob, localId: 'local-1', kind: 'text', body: hello });
      const got = await bob.waitForMessage(`"${hello}" at bob`, (m) => m.body === hello);
      expect(got.senderId).toBe(alice.id);
      expect(got.senderName).toBeTruthy();
      expect(got.kind).toBe('text');
      expect(got.fromSelf).toBeFalsy();
      expect(Math.abs(got.timestamp - sentAt)).toBeLessThan(10_000);
      if (harness.serverProvidesMessageIds) expect(got.networkId).toBeTruthy();
      await alice.waitForEvent('message.confirmed', (e) => e.localId === 'local-1');
      // The conversation exists for bob before (or with) the message.
      const upsertIndex = bob.events.findIndex((e) => e.type === 'conversation.upserted' && e.conversation.id === got.conversationId);
      const messageIndex = bob.events.findIndex((e) => e.type === 'message.received' && e.message.body === hello);
      expect(upsertIndex).toBeGreaterThanOrEqual(0);
      expect(upsertIndex).toBeLessThan(messageIndex);

      const reply = `hi alice ${Date.now()}`;
      await bob.connection.sendMessage({ conversationId: got.conversationId, localId: 'local-2', kind: 'text', body: reply });
      const back = await alice.waitForMessage(`"${reply}" at alice`, (m) => m.body === reply);
      expect(back.senderId).toBe(bob.id);
      expect(back.conversationId).toBe(toBob);
      expect(back.fromSelf).toBeFalsy();
      await bob.waitForEvent('message.confirmed', (e) => e.localId === 'local-2');
      // Nobody receives their own sent message as someone else's.
      expect(alice.received().some((m) => m.body === hello && !m.fromSelf)).toBe(false);
    });

    it('rooms: join, both members listed, messages both ways, a leaver disappears', async () => {
      const alice = await online(env().accounts[0]);
      const bob = await online(env().accounts[1]);
      if (!alice.connection.joinRoom || !bob.connection.joinRoom || !bob.connection.leaveRoom) {
        throw new Error('the plugin declares no joinRoom/leaveRoom');
      }
      const { conversationId: room } = await alice.connection.joinRoom({ room: env().room });
      await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.kind === 'room' && e.conversation.joined === true);
      const { conversationId: bobRoom } = await bob.connection.joinRoom({ room: env().room });
      expect(bobRoom).toBe(room);
      await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === true);

      const both = [alice.id, bob.id].sort();
      await alice.waitFor(`alice's member list to hold ${both.join(', ')}`, () =>
        both.every((id) => alice.memberIds(room).includes(id)) ? true : undefined);
      await bob.waitFor(`bob's member list to hold ${both.join(', ')}`, () =>
        both.every((id) => bob.memberIds(room).includes(id)) ? true : undefined);

      const fromAlice = `room hello ${Date.now()}`;
      await alice.connection.sendMessage({ conversationId: room, localId: 'room-1', kind: 'text', body: fromAlice });
      const atBob = await bob.waitForMessage('alice\'s room message at bob', (m) => m.body === fromAlice);
      expect(atBob.conversationId).toBe(room);
      expect(atBob.senderId).toBe(alice.id);
      expect(atBob.kind).toBe('text');
      await alice.waitForEvent('message.confirmed', (e) => e.localId === 'room-1');

      const fromBob = `room reply ${Date.now()}`;
      await bob.connection.sendMessage({ conversationId: room, localId: 'room-2', kind: 'text', body: fromBob });
      const atAlice = await alice.waitForMessage('bob\'s room message at alice', (m) => m.body === fromBob);
      expect(atAlice.conversationId).toBe(room);
      expect(atAlice.senderId).toBe(bob.id);

      await bob.connection.leaveRoom(room);
      await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === false);
      await alice.waitFor('bob to leave alice\'s member list', () =>
        alice.memberIds(room).includes(bob.id) ? undefined : true);
      expect(alice.memberIds(room)).toContain(alice.id);
    });

    it('disconnects cleanly after a session', async () => {
      const alice = await online(env().accounts[0]);
      await alice.connection.disconnect();
      expect(alice.states).toEqual(['connecting', 'online', 'offline']);
      // A new connection for the same account can log in again at once.
      const again = await online(env().accounts[0]);
      expect(again.id).toBe(alice.id);
    });
  });
}
