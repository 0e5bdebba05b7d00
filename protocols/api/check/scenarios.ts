/**
 * The conformance scenarios: what every protocol plugin must do against its real server,
 * written against the plugin API only (no test framework, so that the kit runs anywhere
 * Node does). Each scenario throws an Error saying what went wrong, or returns.
 */
import { strict as assert } from 'node:assert';
import { ProtocolError, isProtocolErrorData, type ProtocolErrorData } from '../index.js';
import type { ProtocolPlugin } from '../plugin.js';
import { capabilityProblems, manifestProblem } from '../validation/index.js';
import { SUPPORTED_API_VERSIONS } from '../version.js';
import type { AccountSettings, ConformanceHarness, ConformanceServer } from './harness.js';
import { TestAccount } from './testAccount.js';

/** What a scenario works with: the plugin, its started server, and accounts it opens. */
export class ScenarioContext {
  readonly opened: TestAccount[] = [];

  constructor(readonly plugin: ProtocolPlugin, readonly harness: ConformanceHarness, readonly server: ConformanceServer) {}

  get timeoutMs(): number {
    return this.harness.eventTimeoutMs ?? 10_000;
  }

  account(settings: AccountSettings): TestAccount {
    const created = new TestAccount(this.plugin, settings, this.timeoutMs);
    this.opened.push(created);
    return created;
  }

  async online(settings: AccountSettings): Promise<TestAccount & { readonly id: string }> {
    const created = this.account(settings);
    await created.connection.connect();
    const id = created.selfId;
    if (!id) throw new Error('online without a selfId');
    return Object.assign(created, { id });
  }

  /** Disconnects what the scenario opened; says which events the core would have refused. */
  async finish(): Promise<string[]> {
    const accounts = this.opened.splice(0);
    await Promise.all(accounts.map((account) => account.connection.disconnect()));
    return accounts.flatMap((account) => account.invalidEvents);
  }
}

export interface Scenario {
  readonly name: string;
  /**
   * Why the scenario does not apply to this plugin and harness (a network without rooms,
   * logins or servers), or undefined when it does. Since 0.6.
   */
  notApplicable?(plugin: ProtocolPlugin, harness: ConformanceHarness, server: ConformanceServer): string | undefined;
  run(context: ScenarioContext): Promise<void>;
}

/** The settings a scenario needs, which {@link Scenario.notApplicable} made sure the harness gives. */
function required(settings: AccountSettings | undefined, what: string): AccountSettings {
  if (!settings) throw new Error(`the harness gives no ${what}`);
  return settings;
}

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

function assertUserMessage(error: ProtocolErrorData): void {
  assert.ok(error.message.trim().length > 10, `the error message "${error.message}" is too short to tell a user anything`);
  assert.doesNotMatch(error.message, /\n\s+at /, 'the error message holds a stack trace');
}

export const conformanceScenarios: readonly Scenario[] = [
  {
    name: 'manifest: valid, for this API, and every declared capability has its methods',
    run: (context) => {
      const problem = manifestProblem(context.plugin.manifest, SUPPORTED_API_VERSIONS);
      assert.equal(problem, undefined, `the manifest is refused: ${problem ?? ''}`);
      const connection = context.account(context.server.accounts[0]).connection;
      assert.deepEqual(capabilityProblems(context.plugin.manifest.capabilities, connection), []);
      return Promise.resolve();
    },
  },
  {
    name: 'logs in: connect resolves, the states go connecting → online, and selfId is set',
    async run(context) {
      const alice = context.account(context.server.accounts[0]);
      await alice.connection.connect();
      assert.deepEqual(alice.states, ['connecting', 'online']);
      assert.ok(alice.selfId, 'online without a selfId');
    },
  },
  {
    name: 'disconnect reports offline, and disconnect resolves even without a connection',
    async run(context) {
      const alice = context.account(context.server.accounts[0]);
      await alice.connection.connect();
      await alice.connection.disconnect();
      assert.equal(alice.states.at(-1), 'offline');
      assert.ok(!alice.states.includes('failed'), `states: ${alice.states.join(' → ')}`);
      const never = context.account(context.server.accounts[1]);
      await never.connection.disconnect();
      await never.connection.disconnect();
    },
  },
  {
    name: 'bad credentials: connect rejects with kind auth and a message, and the app can go on',
    notApplicable: (_plugin, _harness, server) => server.badCredentials ? undefined : 'the harness gives no bad credentials (a network without logins)',
    async run(context) {
      const wrong = context.account(required(context.server.badCredentials, 'bad credentials'));
      const error = await expectRejection(wrong.connection.connect());
      assert.equal(error.kind, 'auth', `kind ${error.kind}: ${error.message}`);
      assertUserMessage(error);
      assert.equal(wrong.states[0], 'connecting');
      assert.ok(!wrong.states.includes('online'), 'went online with bad credentials');
      await wrong.connection.disconnect();
      const good = context.account(context.server.accounts[0]);
      await good.connection.connect();
      assert.equal(good.states.at(-1), 'online');
    },
  },
  {
    name: 'unreachable host: connect rejects with kind network',
    notApplicable: (_plugin, _harness, server) => server.unreachable ? undefined : 'the harness gives no unreachable account (a network without a server)',
    async run(context) {
      const lost = context.account(required(context.server.unreachable, 'unreachable account'));
      const error = await expectRejection(lost.connection.connect());
      assert.equal(error.kind, 'network', `kind ${error.kind}: ${error.message}`);
      assertUserMessage(error);
      assert.ok(!lost.states.includes('online'), 'went online without a server');
    },
  },
  {
    name: 'direct messages both ways: body, sender, time, ids and confirmation',
    async run(context) {
      const alice = await context.online(context.server.accounts[0]);
      const bob = await context.online(context.server.accounts[1]);
      assert.notEqual(alice.id, bob.id);
      if (!alice.connection.openDirect) throw new Error('the plugin declares no openDirect');
      const { conversationId: toBob } = await alice.connection.openDirect(bob.id);
      await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === toBob && e.conversation.kind === 'direct');

      const hello = `hello bob ${Date.now()} ünïcødé 😀`;
      const sentAt = Date.now();
      await alice.connection.sendMessage({ conversationId: toBob, localId: 'local-1', kind: 'text', body: hello });
      const got = await bob.waitForMessage(`"${hello}" at bob`, (m) => m.body === hello);
      assert.equal(got.senderId, alice.id);
      assert.ok(got.senderName, 'no senderName');
      assert.equal(got.kind, 'text');
      assert.ok(got.fromSelf !== true, 'a message from alice is marked fromSelf at bob');
      assert.ok(Math.abs(got.timestamp - sentAt) < 10_000, `timestamp ${got.timestamp} is far from ${sentAt}`);
      if (context.harness.serverProvidesMessageIds) assert.ok(got.networkId, 'no networkId although the server gives ids');
      await alice.waitForEvent('message.confirmed', (e) => e.localId === 'local-1');
      // The conversation exists for bob before (or with) the message.
      const upsertIndex = bob.events.findIndex((e) => e.type === 'conversation.upserted' && e.conversation.id === got.conversationId);
      const messageIndex = bob.events.findIndex((e) => e.type === 'message.received' && e.message.body === hello);
      assert.ok(upsertIndex >= 0 && upsertIndex < messageIndex, 'bob got the message before its conversation.upserted');

      const reply = `hi alice ${Date.now()}`;
      await bob.connection.sendMessage({ conversationId: got.conversationId, localId: 'local-2', kind: 'text', body: reply });
      const back = await alice.waitForMessage(`"${reply}" at alice`, (m) => m.body === reply);
      assert.equal(back.senderId, bob.id);
      assert.equal(back.conversationId, toBob);
      assert.ok(back.fromSelf !== true, 'a message from bob is marked fromSelf at alice');
      await bob.waitForEvent('message.confirmed', (e) => e.localId === 'local-2');
      // Nobody receives their own sent message as someone else's.
      assert.ok(!alice.received().some((m) => m.body === hello && m.fromSelf !== true), 'alice received her own message as someone else\'s');
    },
  },
  {
    name: 'rooms: join, both members listed, messages both ways, a leaver disappears',
    notApplicable: (plugin, _harness, server) => plugin.manifest.capabilities.rooms !== true ? 'the plugin declares no rooms'
      : server.room === undefined ? 'the harness names no room' : undefined,
    async run(context) {
      const roomName = context.server.room;
      if (roomName === undefined) throw new Error('the harness names no room');
      const alice = await context.online(context.server.accounts[0]);
      const bob = await context.online(context.server.accounts[1]);
      if (!alice.connection.joinRoom || !bob.connection.joinRoom || !bob.connection.leaveRoom) {
        throw new Error('the plugin declares no joinRoom/leaveRoom');
      }
      const { conversationId: room } = await alice.connection.joinRoom({ room: roomName });
      await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.kind === 'room' && e.conversation.joined === true);
      const { conversationId: bobRoom } = await bob.connection.joinRoom({ room: roomName });
      assert.equal(bobRoom, room);
      await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === true);

      const both = [alice.id, bob.id].sort();
      await alice.waitFor(`alice's member list to hold ${both.join(', ')}`, () =>
        both.every((id) => alice.memberIds(room).includes(id)) ? true : undefined);
      await bob.waitFor(`bob's member list to hold ${both.join(', ')}`, () =>
        both.every((id) => bob.memberIds(room).includes(id)) ? true : undefined);

      const fromAlice = `room hello ${Date.now()}`;
      await alice.connection.sendMessage({ conversationId: room, localId: 'room-1', kind: 'text', body: fromAlice });
      const atBob = await bob.waitForMessage('alice\'s room message at bob', (m) => m.body === fromAlice);
      assert.equal(atBob.conversationId, room);
      assert.equal(atBob.senderId, alice.id);
      assert.equal(atBob.kind, 'text');
      await alice.waitForEvent('message.confirmed', (e) => e.localId === 'room-1');

      const fromBob = `room reply ${Date.now()}`;
      await bob.connection.sendMessage({ conversationId: room, localId: 'room-2', kind: 'text', body: fromBob });
      const atAlice = await alice.waitForMessage('bob\'s room message at alice', (m) => m.body === fromBob);
      assert.equal(atAlice.conversationId, room);
      assert.equal(atAlice.senderId, bob.id);

      await bob.connection.leaveRoom(room);
      await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === room && e.conversation.joined === false);
      await alice.waitFor('bob to leave alice\'s member list', () => alice.memberIds(room).includes(bob.id) ? undefined : true);
      assert.ok(alice.memberIds(room).includes(alice.id), 'alice left her own member list');
    },
  },
  {
    name: 'disconnects cleanly after a session, and the account logs in again at once',
    async run(context) {
      const alice = await context.online(context.server.accounts[0]);
      await alice.connection.disconnect();
      assert.deepEqual(alice.states, ['connecting', 'online', 'offline']);
      const again = await context.online(context.server.accounts[0]);
      assert.equal(again.id, alice.id);
    },
  },
];

/** Runs one scenario and fails it, too, when any event it caused is one the core would refuse. */
export async function runScenario(context: ScenarioContext, scenario: Scenario): Promise<void> {
  let failure: Error | undefined;
  try {
    await scenario.run(context);
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  const invalid = await context.finish();
  if (failure) throw failure;
  if (invalid.length > 0) throw new Error(`${invalid.length} emitted event(s) fail the SDK's validators:\n  ${invalid.slice(0, 10).join('\n  ')}`);
}
