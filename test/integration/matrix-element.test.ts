/**
 * What Element users expect of Matrix, against Synapse and Dendrite: threads (§Threading,
 * §Threaded read receipts), intentional mentions (§User and room mentions), private read
 * receipts (§Private read receipts), room upgrades (§Room Upgrades), polls, ignoring, knocking.
 * Alice is the adapter; bob is another client speaking the client-server API over raw HTTP.
 * What Dendrite 0.13.8 lacks is skipped there with the reason printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMatrixServer } from '../servers/matrixServer.js';
import { MATRIX_SERVERS, MATRIX_SERVER_TITLES, startMatrixServer, startTimeoutMs } from '../servers/matrixServers.js';
import { MatrixAccounts, type OnlineAccount } from '../servers/synapse/accounts.js';
import { registerTestUser, type MatrixTestUser } from '../servers/synapse/fixtures.js';
import { unsupportedOn } from '../support/unsupportedOn.js';

for (const kind of MATRIX_SERVERS) describe(`on ${MATRIX_SERVER_TITLES[kind]}`, () => {
  let server: RunningMatrixServer;
  let aliceUser: MatrixTestUser;
  let bobUser: MatrixTestUser;
  let alice: OnlineAccount;
  const accounts = new MatrixAccounts();
  let roomId: string;
  const onDendrite = (reason: string): string | undefined => (kind === 'dendrite' ? reason : undefined);
  const itWithThreadList = unsupportedOn('Dendrite', onDendrite('it has no thread list (GET /_matrix/client/v1/rooms/{roomId}/threads answers 404 M_UNRECOGNIZED)'));
  const itWithThreadedReceipts = unsupportedOn('Dendrite', onDendrite('it drops thread_id from receipts: no threaded read receipts (§Threaded read receipts)'));
  const itWithKnocking = unsupportedOn('Dendrite', onDendrite('it has no knocking (POST /_matrix/client/v3/knock answers 404 M_UNRECOGNIZED)'));

  beforeAll(async () => {
    server = await startMatrixServer(kind);
    [aliceUser, bobUser] = await Promise.all([registerTestUser(server, 'alice'), registerTestUser(server, 'bob')]);
    const created = await server.request('POST', '/_matrix/client/v3/createRoom', bobUser.accessToken, { preset: 'public_chat', name: 'threads' }) as { room_id: string };
    roomId = created.room_id;
    alice = await accounts.online(aliceUser.settings);
    if (!alice.connection.joinRoom) throw new Error('no joinRoom');
    await alice.connection.joinRoom({ room: roomId });
  }, startTimeoutMs(kind));
  afterAll(async () => {
    await accounts.closeAll();
    await server.stop();
  });

  let txnCounter = 0;
  async function bobSends(content: Record<string, unknown>): Promise<string> {
    txnCounter++;
    const answer = await server.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/bob-${txnCounter}`, bobUser.accessToken, content) as { event_id: string };
    return answer.event_id;
  }

  async function eventAsBobSees(eventId: string): Promise<Record<string, unknown>> {
    const event = await server.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(eventId)}`, bobUser.accessToken) as { content: Record<string, unknown> };
    return event.content;
  }

  /** Ask again every 200 ms until `find` has an answer (for state the server settles a moment later). */
  async function pollFor<T>(what: string, find: () => Promise<T | undefined>, attempts = 75): Promise<T> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const found = await find();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`gave up waiting for ${what}`);
  }

  type ReceiptContent = Record<string, Record<string, Record<string, { thread_id?: string }> | undefined>>;

  /** Alice's receipt on `eventId` as bob's sync shows it (receipt type and thread), if any. */
  async function aliceReceiptSeenByBob(eventId: string): Promise<{ type: string; threadId: string | undefined } | undefined> {
    const sync = await server.request('GET', '/_matrix/client/v3/sync?timeout=0', bobUser.accessToken) as {
      rooms?: { join?: Record<string, { ephemeral?: { events?: { type: string; content: ReceiptContent }[] } }> };
    };
    for (const event of sync.rooms?.join?.[roomId]?.ephemeral?.events ?? []) {
      if (event.type !== 'm.receipt') continue;
      for (const [type, byUser] of Object.entries(event.content[eventId] ?? {})) {
        const receipt = byUser?.[aliceUser.userId];
        if (receipt) return { type, threadId: receipt.thread_id };
      }
    }
    return undefined;
  }

  describe('Matrix threads (§Threading)', () => {
    it('a message in a thread names its root and is no reply to the fallback event', async () => {
      const root = await bobSends({ msgtype: 'm.text', body: 'Lunch at noon?' });
      const inThread = await bobSends({
        msgtype: 'm.text', body: 'I am in',
        'm.relates_to': { rel_type: 'm.thread', event_id: root, is_falling_back: true, 'm.in_reply_to': { event_id: root } },
      });
      const got = await alice.waitForMessage('the thread reply', (m) => m.networkId === inThread);
      expect(got.threadRootId).toBe(root);
      expect(got.replyTo).toBeUndefined();
      const rootAsReceived = await alice.waitForMessage('the root', (m) => m.networkId === root);
      expect(rootAsReceived.threadRootId).toBeUndefined();
    });

    itWithThreadList('a reply sent in a thread reaches other clients in the thread, with the fallback for clients without threads', async () => {
      const root = await bobSends({ msgtype: 'm.text', body: 'Release tonight' });
      const first = await bobSends({ msgtype: 'm.text', body: 'tests green', 'm.relates_to': { rel_type: 'm.thread', event_id: root, is_falling_back: true, 'm.in_reply_to': { event_id: root } } });
      await alice.waitForMessage('the first thread message', (m) => m.networkId === first);
      await alice.connection.sendMessage({ conversationId: roomId, localId: 'thread-reply', kind: 'text', body: 'ship it', threadRootId: root });
      const confirmed = await alice.waitForEvent('message.confirmed', (e) => e.localId === 'thread-reply');
      if (confirmed.networkId === undefined) throw new Error('no event id');
      const content = await eventAsBobSees(confirmed.networkId);
      expect(content['m.relates_to']).toEqual({ rel_type: 'm.thread', event_id: root, is_falling_back: true, 'm.in_reply_to': { event_id: first } });
      // The server counts it in the thread (§Threading: bundled m.thread aggregation on the root).
      const threads = await server.request('GET', `/_matrix/client/v1/rooms/${encodeURIComponent(roomId)}/threads`, bobUser.accessToken) as { chunk: { event_id: string; unsigned?: { 'm.relations'?: { 'm.thread'?: { count: number } } } }[] };
      expect(threads.chunk.find((event) => event.event_id === root)?.unsigned?.['m.relations']?.['m.thread']?.count).toBe(2);
    });

    itWithThreadedReceipts('reading a thread sends a threaded receipt (thread_id: the root), not one for the main timeline', async () => {
      const root = await bobSends({ msgtype: 'm.text', body: 'Thread for receipts' });
      const inThread = await bobSends({ msgtype: 'm.text', body: 'read me in the thread', 'm.relates_to': { rel_type: 'm.thread', event_id: root, is_falling_back: true, 'm.in_reply_to': { event_id: root } } });
      await alice.waitForMessage('the thread message', (m) => m.networkId === inThread);
      if (!alice.connection.markRead) throw new Error('no markRead');
      await alice.connection.markRead(roomId, inThread);
      expect(await pollFor('alice\'s receipt', () => aliceReceiptSeenByBob(inThread))).toEqual({ type: 'm.read', threadId: root });
    });
  });

  describe('Matrix intentional mentions (§User and room mentions)', () => {
    it('sends m.mentions with the members the user picked, and an empty one otherwise', async () => {
      await alice.connection.sendMessage({ conversationId: roomId, localId: 'mention', kind: 'text', body: 'Bob: look', mentionIds: [bobUser.userId] });
      await alice.connection.sendMessage({ conversationId: roomId, localId: 'no-mention', kind: 'text', body: 'bob is not pinged here' });
      const withMention = await alice.waitForEvent('message.confirmed', (e) => e.localId === 'mention');
      const without = await alice.waitForEvent('message.confirmed', (e) => e.localId === 'no-mention');
      if (withMention.networkId === undefined || without.networkId === undefined) throw new Error('no event id');
      expect((await eventAsBobSees(withMention.networkId))['m.mentions']).toEqual({ user_ids: [bobUser.userId] });
      expect((await eventAsBobSees(without.networkId))['m.mentions']).toEqual({});
    });

    it('a message naming alice in its text but not in m.mentions does not mention her; one listing her does', async () => {
      const localpart = aliceUser.userId.slice(1).split(':')[0] ?? '';
      const named = await bobSends({ msgtype: 'm.text', body: `${localpart} wrote this`, 'm.mentions': {} });
      const listed = await bobSends({ msgtype: 'm.text', body: 'you there?', 'm.mentions': { user_ids: [aliceUser.userId] } });
      const legacy = await bobSends({ msgtype: 'm.text', body: `${localpart}: old client` });
      expect((await alice.waitForMessage('named only', (m) => m.networkId === named)).mentionsSelf).toBe(false);
      expect((await alice.waitForMessage('listed', (m) => m.networkId === listed)).mentionsSelf).toBe(true);
      expect((await alice.waitForMessage('legacy', (m) => m.networkId === legacy)).mentionsSelf).toBeUndefined();
    });
  });

  describe('Matrix private read receipts (§Private read receipts)', () => {
    it('with the setting on, other members never see how far the user read', async () => {
      const privateAlice = await accounts.online({ ...aliceUser.settings, privateReadReceipts: true });
      const eventId = await bobSends({ msgtype: 'm.text', body: 'read privately' });
      await privateAlice.waitForMessage('the message', (m) => m.networkId === eventId);
      if (!privateAlice.connection.markRead) throw new Error('no markRead');
      await privateAlice.connection.markRead(roomId, eventId);
      // Alice's own sync has the private receipt: the request went through. Dendrite 0.13.8 shows
      // it there (to her only) under m.read: its sync labels every receipt m.read.
      const ownType = kind === 'dendrite' ? 'm.read' : 'm.read.private';
      const own = await pollFor('alice\'s private receipt', async () => {
        const sync = await server.request('GET', '/_matrix/client/v3/sync?timeout=0', aliceUser.accessToken) as {
          rooms?: { join?: Record<string, { ephemeral?: { events?: { type: string; content: ReceiptContent }[] } }> };
        };
        const events = sync.rooms?.join?.[roomId]?.ephemeral?.events ?? [];
        return events.some((event) => event.content[eventId]?.[ownType]?.[aliceUser.userId] !== undefined) ? true : undefined;
      });
      expect(own).toBe(true);
      expect(await aliceReceiptSeenByBob(eventId)).toBeUndefined();
    });
  });

  describe('Matrix room upgrades (§Room Upgrades)', () => {
    it('follows the tombstone to the new room, and scrolling back reaches the old room\'s history', async () => {
      const created = await server.request('POST', '/_matrix/client/v3/createRoom', bobUser.accessToken, { preset: 'public_chat', name: 'old home' }) as { room_id: string };
      const oldRoom = created.room_id;
      if (!alice.connection.joinRoom || !alice.connection.fetchHistory) throw new Error('missing methods');
      await alice.connection.joinRoom({ room: oldRoom });
      const txn = (): string => `up-${Date.now()}-${Math.random()}`;
      const { event_id: before } = await server.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(oldRoom)}/send/m.room.message/${txn()}`, bobUser.accessToken, { msgtype: 'm.text', body: 'said before the upgrade' }) as { event_id: string };
      await alice.waitForMessage('the message before the upgrade', (m) => m.networkId === before);

      const { replacement_room: newRoom } = await server.request('POST', `/_matrix/client/v3/rooms/${encodeURIComponent(oldRoom)}/upgrade`, bobUser.accessToken, { new_version: '10' }) as { replacement_room: string };
      const line = await alice.waitForMessage('the upgrade line', (m) => m.conversationId === oldRoom && m.kind === 'event');
      expect(line.body).toMatch(/upgraded and continues in a new room/);
      expect(await alice.waitForEvent('conversation.renamed', (e) => e.conversationId === oldRoom)).toMatchObject({ newId: newRoom });
      await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === newRoom && e.conversation.joined !== false);

      const { event_id: after } = await server.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(newRoom)}/send/m.room.message/${txn()}`, bobUser.accessToken, { msgtype: 'm.text', body: 'said after the upgrade' }) as { event_id: string };
      expect((await alice.waitForMessage('the message after the upgrade', (m) => m.networkId === after)).conversationId).toBe(newRoom);

      // One conversation's history, across the upgrade: newest page, then on from the new room's first message.
      const page = await alice.connection.fetchHistory({ conversationId: newRoom, limit: 50 });
      const bodies = page.messages.map((m) => m.body);
      expect(bodies).toContain('said after the upgrade');
      expect(bodies).toContain('said before the upgrade');
      expect(bodies.indexOf('said before the upgrade')).toBeLessThan(bodies.indexOf('said after the upgrade'));
      expect(new Set(page.messages.map((m) => m.conversationId))).toEqual(new Set([newRoom]));
      const older = await alice.connection.fetchHistory({ conversationId: newRoom, limit: 50, before: { networkId: after, timestamp: Date.now() } });
      expect(older.messages.map((m) => m.body)).toContain('said before the upgrade');
    });
  });

  describe('Matrix polls (§Polls, MSC3381)', () => {
    async function bobSendsType(type: string, content: Record<string, unknown>): Promise<string> {
      txnCounter++;
      const answer = await server.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${type}/bob-${txnCounter}`, bobUser.accessToken, content) as { event_id: string };
      return answer.event_id;
    }
    async function newestOfType(type: string): Promise<{ sender: string; content: Record<string, unknown> } | undefined> {
      const page = await server.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=20`, bobUser.accessToken) as { chunk: { type: string; sender: string; content: Record<string, unknown> }[] };
      return page.chunk.find((event) => event.type === type && event.sender === aliceUser.userId);
    }

    it('shows a poll with its answers, asks alice, sends her vote, and shows the votes as the answers\' chips', async () => {
      const pollId = await bobSendsType('m.poll.start', {
        'm.text': [{ body: 'Where? 1. Park 2. Beach' }],
        'm.poll': {
          kind: 'm.disclosed', max_selections: 1, question: { 'm.text': [{ body: 'Where shall we meet?' }] },
          answers: [{ 'm.id': 'park', 'm.text': [{ body: 'Park' }] }, { 'm.id': 'beach', 'm.text': [{ body: 'Beach' }] }],
        },
      });
      const shown = await alice.waitForMessage('the poll', (m) => m.networkId === pollId);
      expect(shown.body).toBe('📊 Where shall we meet?\n• Park\n• Beach');
      const asked = await alice.waitForEvent('request.raised', (e) => e.request.id === `poll:${pollId}`);
      expect(asked.request.choices?.map((choice) => choice.label)).toEqual(['Park', 'Beach', 'Not now']);

      await bobSendsType('m.poll.response', { 'm.relates_to': { rel_type: 'm.reference', event_id: pollId }, 'm.selections': ['park'] });
      expect((await alice.waitForEvent('reactions.changed', (e) => e.targetNetworkId === pollId && e.senderId === bobUser.userId)).reactions).toEqual(['Park']);

      if (!alice.connection.answerRequest) throw new Error('no answerRequest');
      await alice.connection.answerRequest(`poll:${pollId}`, 'answer-1');
      const sent = await pollFor('alice\'s response', () => newestOfType('m.poll.response'));
      expect(sent.content).toEqual({ 'm.relates_to': { rel_type: 'm.reference', event_id: pollId }, 'm.selections': ['beach'] });
      expect((await alice.waitForEvent('reactions.changed', (e) => e.targetNetworkId === pollId && e.senderId === aliceUser.userId)).reactions).toEqual(['Beach']);
      await alice.waitForEvent('request.closed', (e) => e.requestId === `poll:${pollId}`);

      // The end: results as a line; a vote after it does not count.
      await bobSendsType('m.poll.end', { 'm.relates_to': { rel_type: 'm.reference', event_id: pollId }, 'm.text': [{ body: 'The poll has ended.' }] });
      const end = await alice.waitForMessage('the end of the poll', (m) => m.kind === 'event' && m.body.startsWith('Poll ended'));
      expect(end.body).toBe('Poll ended: Where shall we meet? — Park: 1, Beach: 1');
      await bobSendsType('m.poll.response', { 'm.relates_to': { rel_type: 'm.reference', event_id: pollId }, 'm.selections': ['beach'] });
      const marker = await bobSends({ msgtype: 'm.text', body: 'after the poll' });
      await alice.waitForMessage('the message after the poll', (m) => m.networkId === marker);
      expect(alice.events.filter((e) => e.type === 'reactions.changed' && e.targetNetworkId === pollId && e.senderId === bobUser.userId)).toHaveLength(1);
    });

    it('an MSC3381 poll is answered in kind, by picking its answer\'s chip', async () => {
      const pollId = await bobSendsType('org.matrix.msc3381.poll.start', {
        'org.matrix.msc1767.text': 'Tea or coffee?',
        'org.matrix.msc3381.poll.start': {
          kind: 'org.matrix.msc3381.poll.disclosed', max_selections: 1, question: { 'org.matrix.msc1767.text': 'Tea or coffee?' },
          answers: [{ id: 't', 'org.matrix.msc1767.text': 'Tea' }, { id: 'c', 'org.matrix.msc1767.text': 'Coffee' }],
        },
      });
      expect((await alice.waitForMessage('the MSC3381 poll', (m) => m.networkId === pollId)).body).toBe('📊 Tea or coffee?\n• Tea\n• Coffee');
      if (!alice.connection.react) throw new Error('no react');
      await alice.connection.react(roomId, pollId, ['Coffee']);
      const sent = await pollFor('alice\'s MSC3381 response', () => newestOfType('org.matrix.msc3381.poll.response'));
      expect(sent.content).toEqual({ 'm.relates_to': { rel_type: 'm.reference', event_id: pollId }, 'org.matrix.msc3381.poll.response': { answers: ['c'] } });
      expect((await alice.waitForEvent('reactions.changed', (e) => e.targetNetworkId === pollId && e.senderId === aliceUser.userId)).reactions).toEqual(['Coffee']);
    });
  });

  describe('Matrix ignoring users (§Ignoring Users)', () => {
    it('ignoring bob writes m.ignored_user_list, shows him blocked and his messages stop; stopping brings them back', async () => {
      if (!alice.connection.setBlocked) throw new Error('no setBlocked');
      await alice.connection.setBlocked(bobUser.userId, true);
      const listed = await server.request('GET', `/_matrix/client/v3/user/${encodeURIComponent(aliceUser.userId)}/account_data/m.ignored_user_list`, aliceUser.accessToken) as { ignored_users: Record<string, unknown> };
      expect(Object.keys(listed.ignored_users)).toEqual([bobUser.userId]);
      expect((await alice.waitForEvent('contact.upserted', (e) => e.contact.id === bobUser.userId && e.contact.blocked === true)).contact.blocked).toBe(true);

      const ignoredMessage = await bobSends({ msgtype: 'm.text', body: 'you should not see this' });
      // Sent after bob's, by alice's other device: once it is in, bob's would have been too.
      const marker = await server.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/marker-${Date.now()}`, aliceUser.accessToken, { msgtype: 'm.text', body: 'marker' }) as { event_id: string };
      await alice.waitForMessage('the marker', (m) => m.networkId === marker.event_id);
      expect(alice.received().some((m) => m.networkId === ignoredMessage)).toBe(false);
      await alice.connection.setBlocked(bobUser.userId, false);
      await alice.waitForEvent('contact.upserted', (e) => e.contact.id === bobUser.userId && e.contact.blocked === false);
      const heard = await bobSends({ msgtype: 'm.text', body: 'heard again' });
      await alice.waitForMessage('bob again', (m) => m.networkId === heard);
    });
  });

  describe('Matrix knocking (§Knocking on rooms)', () => {
    itWithKnocking('a room that lets in only whom it invites offers "Ask to join"; asking knocks, and the members see it', async () => {
      const created = await server.request('POST', '/_matrix/client/v3/createRoom', bobUser.accessToken, {
        name: 'members only', room_version: '10', initial_state: [{ type: 'm.room.join_rules', state_key: '', content: { join_rule: 'knock' } }],
      }) as { room_id: string };
      if (!alice.connection.joinRoom || !alice.connection.answerRequest) throw new Error('missing methods');
      await expect(alice.connection.joinRoom({ room: created.room_id })).rejects.toThrow(/lets in only people it invites\. You can ask to join/);
      const offered = await alice.waitForEvent('request.raised', (e) => e.request.id === `knock:${created.room_id}`);
      expect(offered.request.choices?.map((choice) => choice.label)).toEqual(['Ask to join', 'Cancel']);
      await alice.connection.answerRequest(`knock:${created.room_id}`, 'knock');
      const membership = await server.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(created.room_id)}/state/m.room.member/${encodeURIComponent(aliceUser.userId)}`, bobUser.accessToken) as { membership: string };
      expect(membership.membership).toBe('knock');
      await alice.waitForEvent('request.closed', (e) => e.requestId === `knock:${created.room_id}`);
    });

    if (kind === 'dendrite') {
      it('on a homeserver without knocking, "Ask to join" says the homeserver does not support it, not "not found"', async () => {
        const created = await server.request('POST', '/_matrix/client/v3/createRoom', bobUser.accessToken, {
          name: 'no knocking here', initial_state: [{ type: 'm.room.join_rules', state_key: '', content: { join_rule: 'knock' } }],
        }) as { room_id: string };
        if (!alice.connection.joinRoom || !alice.connection.answerRequest) throw new Error('missing methods');
        await expect(alice.connection.joinRoom({ room: created.room_id })).rejects.toThrow(/lets in only people it invites/);
        await alice.waitForEvent('request.raised', (e) => e.request.id === `knock:${created.room_id}`);
        await expect(alice.connection.answerRequest(`knock:${created.room_id}`, 'knock'))
          .rejects.toThrow(`Could not ask to join ${created.room_id}: the homeserver does not support this.`);
        await alice.waitForEvent('request.closed', (e) => e.requestId === `knock:${created.room_id}`);
      });
    }

    itWithKnocking('someone knocking on a room alice may invite to is a request; "Let in" invites them', async () => {
      const created = await server.request('POST', '/_matrix/client/v3/createRoom', aliceUser.accessToken, {
        name: 'alice only', room_version: '10', initial_state: [{ type: 'm.room.join_rules', state_key: '', content: { join_rule: 'knock' } }],
      }) as { room_id: string };
      await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === created.room_id);
      await server.request('POST', `/_matrix/client/v3/knock/${encodeURIComponent(created.room_id)}`, bobUser.accessToken, { reason: 'let me in' });
      const requestId = `knocked:${created.room_id}:${bobUser.userId}`;
      const asked = await alice.waitForEvent('request.raised', (e) => e.request.id === requestId);
      expect(asked.request.title).toMatch(/asks to join alice only$/);
      if (!alice.connection.answerRequest) throw new Error('no answerRequest');
      await alice.connection.answerRequest(requestId, 'let-in');
      const membership = await server.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(created.room_id)}/state/m.room.member/${encodeURIComponent(bobUser.userId)}`, aliceUser.accessToken) as { membership: string };
      expect(membership.membership).toBe('invite');
      await alice.waitForEvent('request.closed', (e) => e.requestId === requestId);
    });
  });
});
