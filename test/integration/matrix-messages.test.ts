/**
 * Matrix adapter against a real homeserver (Synapse, then Dendrite) with three users: DMs and
 * rooms both ways, invites, edits, replies, reactions, redactions, receipts, typing, presence,
 * kinds, hostile HTML. Where Dendrite lacks a feature, that test is skipped there with the
 * reason printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMatrixServer } from '../servers/matrixServer.js';
import { MATRIX_SERVERS, MATRIX_SERVER_TITLES, startMatrixServer, startTimeoutMs } from '../servers/matrixServers.js';
import { MatrixAccounts, type OnlineAccount } from '../servers/synapse/accounts.js';
import { registerTestUser, type MatrixTestUser } from '../servers/synapse/fixtures.js';

for (const kind of MATRIX_SERVERS) describe(`on ${MATRIX_SERVER_TITLES[kind]}`, () => {
  let server: RunningMatrixServer;
  let aliceUser: MatrixTestUser;
  let bobUser: MatrixTestUser;
  let carolUser: MatrixTestUser;
  let alice: OnlineAccount;
  let bob: OnlineAccount;
  const accounts = new MatrixAccounts();
  /** alice's DM with bob, as both see it. */
  let aliceToBob: string;
  let bobToAlice: string;

  beforeAll(async () => {
    server = await startMatrixServer(kind);
    [aliceUser, bobUser, carolUser] = await Promise.all([
      registerTestUser(server, 'alice'), registerTestUser(server, 'bob'), registerTestUser(server, 'carol'),
    ]);
    [alice, bob] = await Promise.all([accounts.online(aliceUser.settings), accounts.online(bobUser.settings)]);
    if (!alice.connection.openDirect) throw new Error('no openDirect');
    ({ conversationId: aliceToBob } = await alice.connection.openDirect(bob.id));
    await alice.connection.sendMessage({ conversationId: aliceToBob, localId: 'hello', kind: 'text', body: 'hello bob' });
    bobToAlice = (await bob.waitForMessage('the first DM', (m) => m.body === 'hello bob')).conversationId;
  }, startTimeoutMs(kind));
  afterAll(async () => {
    await accounts.closeAll();
    await server.stop();
  });

  /** Send as `from` and wait until `to` has it; returns the event id. */
  async function exchange(from: OnlineAccount, fromConversation: string, to: OnlineAccount, body: string, localId: string): Promise<string> {
    await from.connection.sendMessage({ conversationId: fromConversation, localId, kind: 'text', body });
    const got = await to.waitForMessage(`"${body}"`, (m) => m.body === body);
    if (!got.networkId) throw new Error('no event id');
    return got.networkId;
  }

  /** Ask again every 200 ms until `find` has an answer (for state the server settles a moment later). */
  async function pollFor<T>(what: string, find: () => Promise<T | undefined>, attempts = 50): Promise<T> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const found = await find();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`gave up waiting for ${what}`);
  }

  async function rawSend(user: MatrixTestUser, roomId: string, content: Record<string, unknown>): Promise<string> {
    const txn = `raw-${Date.now()}-${Math.random()}`;
    const answer = await server.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txn}`, user.accessToken, content) as { event_id: string };
    return answer.event_id;
  }

  describe('Matrix stickers', () => {
    it('shows a sticker another client sent as an image, not nothing (§Stickers)', async () => {
      const dmRoom = await server.request('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.id)}/account_data/m.direct`, aliceUser.accessToken) as Record<string, string[]>;
      const roomId = dmRoom[bob.id]?.[0];
      if (!roomId) throw new Error('no DM room in m.direct');
      const txn = `sticker-${Date.now()}`;
      await server.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.sticker/${txn}`, bobUser.accessToken, {
        body: 'A waving cat', url: 'mxc://localhost/waving-cat', info: { mimetype: 'image/png', size: 2048, w: 128, h: 128 },
      });
      const sticker = await alice.waitForMessage('the sticker', (m) => m.body === 'A waving cat');
      expect(sticker.attachments).toEqual([{ url: 'mxc://localhost/waving-cat', name: 'A waving cat', kind: 'image', mimeType: 'image/png', size: 2048 }]);
    });
  });

  describe('Matrix direct chats', () => {
    it('a DM is a direct conversation named after the other user, who is a contact on both sides', async () => {
      expect(aliceToBob).toBe(bob.id);
      expect(bobToAlice).toBe(alice.id);
      await alice.waitForEvent('contact.upserted', (e) => e.contact.id === bob.id);
      await bob.waitForEvent('contact.upserted', (e) => e.contact.id === alice.id);
      await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === alice.id && e.conversation.kind === 'direct');
      await alice.waitForEvent('message.confirmed', (e) => e.localId === 'hello' && e.networkId?.startsWith('$') === true);
      // The new DM room never shows up as a group room, even if sync brings it before m.direct is updated.
      for (const account of [alice, bob]) {
        expect(account.events.filter((e) => e.type === 'conversation.upserted' && e.conversation.kind === 'room')).toEqual([]);
      }
    });

    it('emotes and notices keep their kind; the sender sees its own echo with its localId', async () => {
      await alice.connection.sendMessage({ conversationId: aliceToBob, localId: 'wave', kind: 'action', body: 'waves' });
      await alice.connection.sendMessage({ conversationId: aliceToBob, localId: 'bot', kind: 'notice', body: 'automated' });
      expect((await bob.waitForMessage('the emote', (m) => m.body === 'waves')).kind).toBe('action');
      expect((await bob.waitForMessage('the notice', (m) => m.body === 'automated')).kind).toBe('notice');
      const echo = await alice.waitForMessage('alice\'s own echo', (m) => m.body === 'waves' && m.fromSelf === true);
      expect(echo.localId).toBe('wave');
    });

    it('edits arrive as message.edited from the original sender', async () => {
      const id = await exchange(alice, aliceToBob, bob, 'tpyo here', 'typo');
      if (!alice.connection.editMessage) throw new Error('no editMessage');
      await alice.connection.editMessage({ conversationId: aliceToBob, targetNetworkId: id, localId: 'typo-edit', body: 'typo fixed' });
      const edited = await bob.waitForEvent('message.edited', (e) => e.targetNetworkId === id);
      expect(edited.body).toBe('typo fixed');
      expect(edited.senderId).toBe(alice.id);
      expect(edited.conversationId).toBe(alice.id);
      // The edit itself is not a new message.
      expect(bob.received().some((m) => m.body.includes('typo fixed'))).toBe(false);
    });

    it('replies carry the replied-to event id and sender', async () => {
      const id = await exchange(alice, aliceToBob, bob, 'question?', 'question');
      await bob.connection.sendMessage({ conversationId: bobToAlice, localId: 'answer', kind: 'text', body: 'answer!', replyTo: { networkId: id, senderId: alice.id } });
      const reply = await alice.waitForMessage('the reply', (m) => m.body === 'answer!');
      expect(reply.replyTo?.networkId).toBe(id);
      expect(reply.replyTo?.senderId).toBe(alice.id);
    });

    it('reactions: each sender\'s whole set, changed and removed', async () => {
      const id = await exchange(alice, aliceToBob, bob, 'react to me', 'reactable');
      if (!bob.connection.react) throw new Error('no react');
      await bob.connection.react(bobToAlice, id, ['👍', '🎉']);
      await alice.waitForEvent('reactions.changed', (e) => e.targetNetworkId === id && e.senderId === bob.id && e.reactions.length === 2);
      await bob.connection.react(bobToAlice, id, ['🎉']);
      await alice.waitForEvent('reactions.changed', (e) => e.targetNetworkId === id && e.reactions.length === 1 && e.reactions[0] === '🎉');
      await bob.connection.react(bobToAlice, id, []);
      await alice.waitForEvent('reactions.changed', (e) => e.targetNetworkId === id && e.reactions.length === 0);
    });

    it('redactions arrive as message.deleted', async () => {
      const id = await exchange(alice, aliceToBob, bob, 'regret this', 'regret');
      if (!alice.connection.deleteMessage) throw new Error('no deleteMessage');
      await alice.connection.deleteMessage(aliceToBob, id);
      const deleted = await bob.waitForEvent('message.deleted', (e) => e.targetNetworkId === id);
      expect(deleted.conversationId).toBe(alice.id);
    });

    it('read receipts and typing both ways', async () => {
      const id = await exchange(alice, aliceToBob, bob, 'did you read this?', 'read-me');
      if (!bob.connection.markRead || !bob.connection.sendTyping) throw new Error('no markRead/sendTyping');
      await bob.connection.markRead(bobToAlice, id);
      const receipt = await alice.waitForEvent('receipt', (e) => e.networkId === id && e.participantId === bob.id);
      expect(receipt.kind).toBe('read');
      expect(receipt.conversationId).toBe(bob.id);

      await bob.connection.sendTyping(bobToAlice, 'active');
      await alice.waitForEvent('typing', (e) => e.participantId === bob.id && e.state === 'active' && e.conversationId === bob.id);
      await bob.connection.sendTyping(bobToAlice, 'done');
      await alice.waitForEvent('typing', (e) => e.participantId === bob.id && e.state === 'done');
    });

    it('presence of a DM contact', async () => {
      if (!bob.connection.setPresence) throw new Error('no setPresence');
      await bob.connection.setPresence({ status: 'away', message: 'lunch' });
      const changed = await alice.waitForEvent('presence.changed', (e) => e.contactId === bob.id && e.presence.status === 'away');
      expect(changed.presence.message).toBe('lunch');
    });

    it('a hostile formatted body is passed through as html while body stays the plain fallback', async () => {
      const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">click</a><b>bold</b>';
      const dmRoom = await server.request('GET', `/_matrix/client/v3/user/${encodeURIComponent(alice.id)}/account_data/m.direct`, aliceUser.accessToken) as Record<string, string[]>;
      const roomId = dmRoom[bob.id]?.[0];
      if (!roomId) throw new Error('no DM room in m.direct');
      await rawSend(bobUser, roomId, { msgtype: 'm.text', body: 'click bold', format: 'org.matrix.custom.html', formatted_body: hostile });
      const got = await alice.waitForMessage('the hostile message', (m) => m.body === 'click bold');
      expect(got.html).toBe(hostile);
      expect(got.body).toBe('click bold');
      // A formatted body that is not a string, or of an unknown format, is no html at all.
      await rawSend(bobUser, roomId, { msgtype: 'm.text', body: 'odd format', format: 'text/evil', formatted_body: '<b>x</b>' });
      await rawSend(bobUser, roomId, { msgtype: 'm.text', body: 'odd type', format: 'org.matrix.custom.html', formatted_body: { nested: true } });
      await rawSend(bobUser, roomId, { msgtype: 'm.image', body: 'no url' });
      await rawSend(bobUser, roomId, { msgtype: 'm.text', body: 'still alive' });
      expect((await alice.waitForMessage('odd format', (m) => m.body === 'odd format')).html).toBeUndefined();
      expect((await alice.waitForMessage('odd type', (m) => m.body === 'odd type')).html).toBeUndefined();
      await alice.waitForMessage('the account survives malformed events', (m) => m.body === 'still alive');
    });
  });

  describe('Matrix rooms and invites', () => {
    it('a room invite is a request; accepting joins, declining leaves', async () => {
      const carol = await accounts.online(carolUser.settings);
      const created = await server.request('POST', '/_matrix/client/v3/createRoom', carolUser.accessToken, {
        preset: 'private_chat', name: 'Secret plans', invite: [bob.id],
      }) as { room_id: string };
      // Created by a raw request: carol's client has the room once its sync brings it (Dendrite's can lag behind bob's invite).
      await carol.waitForEvent('conversation.upserted', (e) => e.conversation.id === created.room_id && e.conversation.joined === true);
      const raised = await bob.waitForEvent('request.raised', (e) => e.request.conversationId === created.room_id);
      expect(raised.request.kind).toBe('room-invite');
      expect(raised.request.fromId).toBe(carol.id);
      expect(raised.request.title).toContain('Secret plans');
      if (!bob.connection.answerRequest) throw new Error('no answerRequest');
      await bob.connection.answerRequest(raised.request.id, 'accept');
      await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === created.room_id && e.conversation.joined === true && e.conversation.title === 'Secret plans');
      await exchange(carol, created.room_id, bob, 'welcome bob', 'welcome');
      await exchange(bob, created.room_id, carol, 'thanks carol', 'thanks');

      const second = await server.request('POST', '/_matrix/client/v3/createRoom', carolUser.accessToken, {
        preset: 'private_chat', name: 'Spam', invite: [bob.id],
      }) as { room_id: string };
      const spam = await bob.waitForEvent('request.raised', (e) => e.request.conversationId === second.room_id);
      await bob.connection.answerRequest(spam.request.id, 'decline');
      // The room's members as carol's homeserver lists them (Dendrite's list follows its room server a moment later).
      const bobInSpam = async (): Promise<string | undefined> => {
        const members = await server.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(second.room_id)}/members`, carolUser.accessToken) as { chunk: { state_key: string; content: { membership: string } }[] };
        return members.chunk.find((m) => m.state_key === bob.id)?.content.membership;
      };
      await expect.poll(bobInSpam, { timeout: 15_000 }).toBe('leave');
    });

    it('a direct-chat invite from a stranger waits for an answer by default (invite spam)', async () => {
      const danaUser = await registerTestUser(server, 'dana');
      const { acceptDirectInvites: _chosen, ...defaults } = danaUser.settings;
      const dana = await accounts.online(defaults);
      const created = await server.request('POST', '/_matrix/client/v3/createRoom', carolUser.accessToken, {
        preset: 'trusted_private_chat', is_direct: true, invite: [dana.id],
      }) as { room_id: string };
      const raised = await dana.waitForEvent('request.raised', (e) => e.request.kind === 'room-invite' && e.request.fromId === carolUser.userId);
      expect(raised.request.title).toContain('wants to chat with you');
      const members = await server.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(created.room_id)}/members`, carolUser.accessToken) as { chunk: { state_key: string; content: { membership: string } }[] };
      expect(members.chunk.find((m) => m.state_key === dana.id)?.content.membership).toBe('invite');
      expect(dana.events.some((e) => e.type === 'conversation.upserted' && e.conversation.id === carolUser.userId)).toBe(false);
    });

    it('invites from our side, topics and kicks in a room', async () => {
      const created = await server.request('POST', '/_matrix/client/v3/createRoom', aliceUser.accessToken, { preset: 'private_chat', name: 'Team' }) as { room_id: string };
      const roomId = created.room_id;
      await alice.waitForEvent('conversation.upserted', (e) => e.conversation.id === roomId && e.conversation.joined === true);
      if (!alice.connection.inviteToRoom || !alice.connection.setTopic || !alice.connection.kickMember || !bob.connection.answerRequest) throw new Error('missing methods');
      await alice.connection.inviteToRoom(roomId, bob.id);
      const invite = await bob.waitForEvent('request.raised', (e) => e.request.conversationId === roomId);
      await bob.connection.answerRequest(invite.request.id, 'accept');
      await alice.waitFor('bob in alice\'s member list', () => alice.memberIds(roomId).includes(bob.id) ? true : undefined);
      // The creator: an owner from room version 12 on (creators outrank every power level; Synapse's
      // default), else an admin by power level 100 (Dendrite 0.13 makes version 10 rooms).
      const create = await server.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.create/`, aliceUser.accessToken) as { room_version?: string };
      expect(alice.members.get(roomId)?.get(alice.id)?.role).toBe(Number(create.room_version) >= 12 ? 'owner' : 'admin');
      await alice.connection.setTopic(roomId, 'Plans for the week');
      await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === roomId && e.conversation.topic === 'Plans for the week');
      await alice.connection.kickMember(roomId, bob.id, 'bye');
      await bob.waitForEvent('conversation.upserted', (e) => e.conversation.id === roomId && e.conversation.joined === false);
      await alice.waitFor('bob gone from alice\'s member list', () => alice.memberIds(roomId).includes(bob.id) ? undefined : true);
    });

    it('joins by room id and finds public rooms in the directory', async () => {
      const created = await server.request('POST', '/_matrix/client/v3/createRoom', carolUser.accessToken, {
        preset: 'public_chat', visibility: 'public', name: 'Lobby', topic: 'Say hi', room_alias_name: 'lobby',
      }) as { room_id: string };
      if (!bob.connection.listRooms || !bob.connection.joinRoom) throw new Error('missing methods');
      const connection = bob.connection;
      // Synapse fills its directory from room statistics a moment after the room is made.
      const lobby = await pollFor('the lobby in the directory', async () =>
        (await connection.listRooms?.('lobby', 10))?.find((entry) => entry.id === '#lobby:localhost' && entry.title === 'Lobby'));
      expect(lobby.title).toBe('Lobby');
      expect(lobby.topic).toBe('Say hi');
      const joined = await bob.connection.joinRoom({ room: created.room_id });
      expect(joined.conversationId).toBe(created.room_id);
      await expect(bob.connection.joinRoom({ room: '#nowhere:localhost' })).rejects.toMatchObject({ kind: 'protocol' });
      await expect(bob.connection.joinRoom({ room: 'not a room' })).rejects.toMatchObject({ kind: 'protocol' });
    });
  });
});
