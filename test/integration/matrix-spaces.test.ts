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
