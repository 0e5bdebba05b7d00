/** Helpers for tests against a started homeserver (Synapse or Dendrite): accounts as adapter settings, rooms made over raw HTTP. */
import type { RegisteredUser, RunningMatrixServer } from '../matrixServer.js';

export interface MatrixTestUser extends RegisteredUser {
  readonly password: string;
  /**
   * Settings for the Matrix adapter (its manifest's account fields). Direct chats open at
   * once (acceptDirectInvites, off by default), as the DM tests expect of both sides.
   */
  readonly settings: Readonly<Record<string, string | boolean>>;
}

let counter = 0;

/** Register a user with a unique name based on `name`, and the adapter settings to log in as them. */
export async function registerTestUser(synapse: RunningMatrixServer, name: string): Promise<MatrixTestUser> {
  counter++;
  const localpart = `${name}${counter}x${process.pid}`.toLowerCase();
  const password = `pw-${localpart}`;
  const user = await synapse.registerUser(localpart, password);
  return { ...user, password, settings: { userId: user.userId, password, homeserver: synapse.baseUrl, acceptDirectInvites: true } };
}

/** Create a public room with an alias as `owner`; returns `#alias:localhost` and the room id. */
export async function createPublicRoom(synapse: RunningMatrixServer, owner: RegisteredUser, aliasLocalpart: string): Promise<{ alias: string; roomId: string }> {
  const answer = await synapse.request('POST', '/_matrix/client/v3/createRoom', owner.accessToken, {
    preset: 'public_chat', visibility: 'public', room_alias_name: aliasLocalpart, name: aliasLocalpart,
  }) as { room_id: string };
  return { alias: `#${aliasLocalpart}:${synapse.serverName}`, roomId: answer.room_id };
}
