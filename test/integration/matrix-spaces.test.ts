/**
 * Matrix spaces as buddy-list groups (spec §Spaces) and the room directory of a named server
 * (§Listing rooms), through the whole core (bridge requests, real plugin worker, Synapse).
 * Bob, on a plain matrix-js-sdk client, makes the spaces and their rooms; Alice is the
 * Switchboard user. Synapse here runs without federation: another server's directory is
 * asked for by our own server's name, and a server the homeserver will not talk to must be
 * refused in words.
 */
import type { MatrixClient } from 'matrix-js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import type { RunningSynapse } from '../servers/synapse.js';
import type { InProcessCore } from '../support/inProcessCore.js';
import { startMatrixCoreScene, stopMatrixCoreScene, type MatrixCoreScene } from '../support/matrixCoreScene.js';

let scene: MatrixCoreScene | undefined;
let synapse: RunningSynapse;
let bobClient: MatrixClient;
let ui: InProcessCore;
let accountId = '';

beforeAll(async () => {
  scene = await startMatrixCoreScene();
  ({ synapse, bobClient, ui, accountId } = scene);
}, 180_000);

afterAll(() => stopMatrixCoreScene(scene));

async function publicRoom(name: string, space = false): Promise<string> {
  const { room_id: roomId } = await bobClient.createRoom({
    name, preset: 'public_chat' as never, visibility: 'public' as never,
    ...(space ? { creation_content: { type: 'm.space' } } : {}),
  });
  return roomId;
}

/** §Spaces: the space names the child in an `m.space.child` state event keyed by its id. */
async function addChild(spaceId: string, childId: string): Promise<void> {
  await bobClient.sendStateEvent(spaceId, 'm.space.child' as never, { via: [synapse.serverName] } as never, childId);
}

/** The conversation as the bridge last announced it (`conversation.changed`). */
function latest(networkId: string): ConversationView | undefined {
  for (let index = ui.events.length - 1; index >= 0; index -= 1) {
    const event = ui.events[index];
    if (event?.type === 'conversation.changed' && event.payload.conversation.networkId === networkId) return event.payload.conversation;
  }
  return undefined;
}

/** Waits until the conversation as last announced is `ready`. */
async function conversationWhen(networkId: string, ready: (conversation: ConversationView) => boolean): Promise<ConversationView> {
  await ui.waitForEvent((e) => e.type === 'conversation.changed' && e.payload.conversation === latest(networkId) && ready(e.payload.conversation), 20_000);
  const now = latest(networkId);
  if (now === undefined) throw new Error(`${networkId} was never announced`);
  return now;
}

describe('Matrix spaces as groups (spec §Spaces)', () => {
  it('a joined space is a group of its joined rooms, offers the others to join, and leaving it leaves the group', async () => {
    const teamId = await publicRoom('Team Space', true);
    const generalId = await publicRoom('General');
    const randomId = await publicRoom('Random');
    await addChild(teamId, generalId);
    await addChild(teamId, randomId);

    const space = await ui.client.request('conversations.joinRoom', { accountId, room: teamId });
    expect(space).toMatchObject({ title: 'Team Space', space: true });
    await ui.client.request('conversations.joinRoom', { accountId, room: generalId });
    expect((await conversationWhen(generalId, (c) => c.groups !== undefined)).groups).toEqual(['Team Space']);

    // The space's rooms the user is not in, to join from its group: Random only.
    const offered = await ui.client.request('rooms.directory', { accountId, query: '', limit: 50, space: teamId });
    expect(offered.map((room) => room.title)).toEqual(['Random']);
    const [random] = offered;
    await ui.client.request('conversations.joinRoom', { accountId, room: random?.id ?? '' });
    expect((await conversationWhen(randomId, (c) => c.groups !== undefined)).groups).toEqual(['Team Space']);
    expect(await ui.client.request('rooms.directory', { accountId, query: '', limit: 50, space: teamId })).toEqual([]);

    // A room in two spaces is in both groups, as a contact in two groups.
    const projectsId = await publicRoom('Projects', true);
    await addChild(projectsId, generalId);
    await ui.client.request('conversations.joinRoom', { accountId, room: projectsId });
    expect((await conversationWhen(generalId, (c) => (c.groups?.length ?? 0) === 2)).groups).toEqual(['Projects', 'Team Space']);

    // Bob takes Random out of the space (an emptied child event): it leaves the group.
    await bobClient.sendStateEvent(teamId, 'm.space.child' as never, {} as never, randomId);
    await conversationWhen(randomId, (c) => c.groups === undefined);

    // Leaving the space leaves its group; the rooms stay joined.
    await ui.client.request('conversations.leave', { conversationId: space.id });
    const general = await conversationWhen(generalId, (c) => (c.groups?.length ?? 0) === 1);
    expect(general).toMatchObject({ groups: ['Projects'], joined: true });
  });
});

describe('the room directory of a named server (spec §Listing rooms)', () => {
  it('lists our own server by its name, and says in words when a name is none or the server cannot be asked', async () => {
    await publicRoom('Directory Lounge');
    const own = await ui.client.request('rooms.directory', { accountId, query: 'Lounge', limit: 20, server: synapse.serverName });
    expect(own.map((room) => room.title)).toEqual(['Directory Lounge']);

    await expect(ui.client.request('rooms.directory', { accountId, query: '', limit: 20, server: 'not a server!' }))
      .rejects.toThrow('“not a server!” is not a server name: type one such as matrix.org or example.org:8448.');
    // No federation here: the homeserver refuses to ask another server.
    await expect(ui.client.request('rooms.directory', { accountId, query: '', limit: 20, server: 'elsewhere.invalid' }))
      .rejects.toThrow('Your homeserver does not talk to elsewhere.invalid, so its rooms cannot be listed.');
  });
});

describe('a room left while offline (spec §Leaving rooms)', () => {
  it('is left on the server at the next login and stays out of the list, though the first sync lists it again', async () => {
    const roomId = await publicRoom('Left Offline');
    const witnessId = await publicRoom('Witness');
    const room = await ui.client.request('conversations.joinRoom', { accountId, room: roomId });
    await ui.client.request('conversations.joinRoom', { accountId, room: witnessId });
    const aliceId = scene?.alice.userId ?? '';
    const members = async (): Promise<string[]> => Object.keys((await bobClient.getJoinedRoomMembers(roomId)).joined).sort();
    await expect.poll(members, { timeout: 30_000 }).toContain(aliceId);

    await ui.client.request('accounts.disconnect', { accountId });
    await ui.client.request('conversations.leave', { conversationId: room.id });
    // Still a member on the server: nothing could tell it.
    expect(await members()).toContain(aliceId);

    const back = ui.mark();
    await ui.client.request('accounts.connect', { accountId });
    await ui.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online', 60_000, back);
    await expect.poll(members, { timeout: 30_000 }).not.toContain(aliceId);
    // A message sent after the leave comes in the same sync as the leave or a later one: once
    // alice has it, her app has heard of the leave too.
    const heard = ui.mark();
    await bobClient.sendTextMessage(witnessId, 'after the leave');
    await ui.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'after the leave', 30_000, heard);
    const listed = async (): Promise<string[]> => (await ui.client.request('conversations.list', {})).map((c) => c.networkId);
    expect(await listed()).not.toContain(roomId);
  });
});
