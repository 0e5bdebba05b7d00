/**
 * A Matrix room with hundreds to thousands of members (issue 5, "bad input"), through the core as
 * the UI sees it: Switchboard joins it, shows it, gets its member count right once the
 * member list is in (the sync itself stays lazy), and messages go both ways while that list
 * loads. The figures are printed; nothing here is timed against a limit.
 *
 * SWITCHBOARD_MATRIX_ROOM_MEMBERS sets the room's size. The default, 500, is what Synapse
 * makes in about a minute on 2 busy cores (~120 ms per member at a load of 10, whatever the
 * room's size: 600 members took 71 s, 1,000 took 118 s); set it to thousands where that fits.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { startSynapse, type RegisteredUser, type RunningSynapse } from '../servers/synapse.js';
import { registerTestUser } from '../servers/synapse/fixtures.js';
import { createLargeRoom, type LargeRoom } from '../servers/synapse/largeRoom.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { eventually } from '../support/wsBridgeClient.js';

const MEMBERS = Number(process.env['SWITCHBOARD_MATRIX_ROOM_MEMBERS'] ?? 500);

let synapse: RunningSynapse;
let core: InProcessCore | undefined;
let room: LargeRoom;
let talker: RegisteredUser;

beforeAll(async () => {
  synapse = await startSynapse();
  const admin = await synapse.registerUser('crowd-admin', 'pw-crowd-admin', { admin: true });
  room = await createLargeRoom(synapse, admin, 'crowd', MEMBERS - 1);
  // One member who talks, with a device of its own.
  talker = await synapse.registerUser('crowd-talker', 'pw-crowd-talker');
  await synapse.request('POST', `/_matrix/client/v3/join/${encodeURIComponent(room.roomId)}`, talker.accessToken, {});
  console.log(`large room: ${MEMBERS.toLocaleString('en')} members made in ${(room.setupMs / 1000).toFixed(1)} s `
    + `(${(room.setupMs / (MEMBERS - 1)).toFixed(0)} ms per member)`);
}, 300_000);
afterAll(async () => {
  await core?.close();
  await synapse.stop();
});

describe('a Matrix room with thousands of members', () => {
  it('joins, shows the room, gets the member count right, and messages flow while the members load', async () => {
    const alice = await registerTestUser(synapse, 'alice');
    const running = await startInProcessCore([join(BUILT_PLUGINS, 'matrix')]);
    core = running;
    const account = await running.client.request('accounts.add', { pluginId: 'matrix', settings: alice.settings });
    await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 60_000);

    const started = Date.now();
    const conversation = await running.client.request('conversations.joinRoom', { accountId: account.id, room: room.alias });
    const joinedMs = Date.now() - started;
    expect(conversation).toMatchObject({ kind: 'room', title: 'crowd', joined: true, networkId: room.roomId });
    const listed = await running.client.request('conversations.list', {});
    expect(listed.map((c) => c.title)).toContain('crowd');
    const knownAtJoin = (await running.client.request('members.list', { conversationId: conversation.id })).length;

    // At once, both ways, while the member list may still be loading.
    await synapse.request('PUT', `/_matrix/client/v3/rooms/${encodeURIComponent(room.roomId)}/send/m.room.message/ping-${Date.now()}`, talker.accessToken,
      { msgtype: 'm.text', body: 'ping from the crowd' });
    const sent = await running.client.request('messages.send', { conversationId: conversation.id, body: 'hello, crowd' });
    const received = await running.waitForEvent((e) => e.type === 'message.added' && bodyOf(e) === 'ping from the crowd', 60_000);
    const receivedMs = Date.now() - started;
    await running.waitForEvent((e) => e.type === 'message.updated' && idOf(e) === sent.id && statusOf(e) === 'sent', 60_000);
    const confirmedMs = Date.now() - started;
    expect(messageOf(received).conversationId).toBe(conversation.id);
    const atTalker = await synapse.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(room.roomId)}/messages?dir=b&limit=10`, talker.accessToken) as { chunk: { content: { body?: unknown } }[] };
    expect(atTalker.chunk.map((event) => event.content.body)).toContain('hello, crowd');

    // Everyone, alice and the talker included, once /members has answered.
    const everyone = MEMBERS + 1;
    const members = await eventually(`${everyone} members`, () => {
      const reset = [...running.events].reverse().find((e) => e.type === 'members.changed' && e.payload.conversationId === conversation.id && e.payload.reset);
      return reset?.type === 'members.changed' && reset.payload.added.length === everyone ? reset.payload.added : undefined;
    }, 120_000);
    const membersMs = Date.now() - started;
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining([alice.userId, talker.userId, '@crowd-0:localhost']));
    expect(await running.client.request('members.list', { conversationId: conversation.id })).toHaveLength(everyone);

    console.log(`large room (${everyone.toLocaleString('en')} members): join ${joinedMs} ms (${knownAtJoin} members known then), `
      + `message received ${receivedMs} ms, own message confirmed ${confirmedMs} ms, whole member list ${membersMs} ms after the join began`);
  }, 240_000);
});

function messageOf(event: { payload: unknown }): MessageView {
  return (event.payload as { message: MessageView }).message;
}
const bodyOf = (event: { payload: unknown }): string | undefined => (event.payload as { message?: MessageView }).message?.body;
const idOf = (event: { payload: unknown }): number | undefined => (event.payload as { message?: MessageView }).message?.id;
const statusOf = (event: { payload: unknown }): string | undefined => (event.payload as { message?: MessageView }).message?.status;
