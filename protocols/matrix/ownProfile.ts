/**
 * Publishing the user's own profile (`setProfile`, spec §Profiles): the display name with
 * `PUT /profile/{userId}/displayname`, the picture uploaded to the content repository
 * (§Content repository: `POST /_matrix/media/v3/upload`) and its `mxc://` URI set with
 * `PUT /profile/{userId}/avatar_url`. The homeserver copies both into the user's
 * `m.room.member` events, so everyone in a shared room sees them (§Events on change of
 * profile information).
 */
import { readFile } from 'node:fs/promises';
import { ProtocolError, type OwnProfile } from '../api/index.js';
import { toProtocolError } from './errors.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';

/** Synapse refuses longer display names (`MAX_DISPLAYNAME_LEN`); said in words here rather than as its 400. */
export const MAX_DISPLAY_NAME = 256;
/** A picture is a small image: anything bigger is a mistake, not a profile picture. */
const MAX_PICTURE_BYTES = 10 * 1024 * 1024;

export async function setOwnProfile(state: AccountState, profile: OwnProfile): Promise<void> {
  const name = profile.displayName?.trim();
  if (name !== undefined && name.length > MAX_DISPLAY_NAME) {
    throw new ProtocolError('protocol', `The display name is longer than ${MAX_DISPLAY_NAME} characters.`);
  }
  // Read before anything changes: a picture that cannot be sent leaves the name as it was too.
  const picture = profile.avatar ? await readPicture(profile.avatar.path) : undefined;
  if (name !== undefined) {
    try {
      await withRetry(() => state.client.setDisplayName(name), state.isStopped);
    } catch (error: unknown) {
      throw toProtocolError(error, 'change your display name');
    }
  }
  if (picture && profile.avatar) {
    const { mimeType } = profile.avatar;
    try {
      const { content_uri: uri } = await withRetry(() => state.client.uploadContent(picture, { type: mimeType, includeFilename: false }), state.isStopped);
      await withRetry(() => state.client.setAvatarUrl(uri), state.isStopped);
    } catch (error: unknown) {
      throw toProtocolError(error, 'change your picture');
    }
  }
}

async function readPicture(path: string): Promise<Uint8Array<ArrayBuffer>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new ProtocolError('protocol', 'The picture could not be read.');
  }
  if (bytes.length > MAX_PICTURE_BYTES) {
    throw new ProtocolError('protocol', `The picture is ${Math.ceil(bytes.length / (1024 * 1024))} MB; choose one under ${MAX_PICTURE_BYTES / (1024 * 1024)} MB.`);
  }
  return new Uint8Array(bytes);
}
