/**
 * Reading (`getProfile`) and publishing (`setProfile`) the user's own profile, spec §Profiles: the display name with
 * `PUT /profile/{userId}/displayname`, the picture uploaded to the content repository
 * (§Content repository: `POST /_matrix/media/v3/upload`) and its `mxc://` URI set with
 * `PUT /profile/{userId}/avatar_url`. The homeserver copies both into the user's
 * `m.room.member` events, so everyone in a shared room sees them (§Events on change of
 * profile information).
 */
import { readFile } from 'node:fs/promises';
import { ProtocolError, type Avatar, type CurrentProfile, type OwnProfile } from '../api/index.js';
import { matrixErrorOf, toProtocolError } from './errors.js';
import { withRetry } from './retry.js';
import type { AccountState } from './state.js';

/** Synapse refuses longer display names (`MAX_DISPLAYNAME_LEN`); said in words here rather than as its 400. */
export const MAX_DISPLAY_NAME = 256;
/** The side of the thumbnail asked for to show the current picture (the dialog shows it at 96 px). */
const PICTURE_SIDE = 96;
/** The plugin API's limit for a picture shown (`CurrentProfile.avatar`). */
const MAX_SHOWN_PICTURE_BYTES = 64 * 1024;
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
  if (!picture && profile.removeAvatar === true) {
    try {
      // §Profiles: an empty avatar_url clears the picture (Element's "Remove").
      await withRetry(() => state.client.setAvatarUrl(''), state.isStopped);
    } catch (error: unknown) {
      throw toProtocolError(error, 'remove your picture');
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

/** What the user shows now (`GET /profile/{userId}`), the picture as a small server-made thumbnail. */
export async function currentOwnProfile(state: AccountState): Promise<CurrentProfile> {
  const userId = state.client.getSafeUserId();
  let info: { displayname?: unknown; avatar_url?: unknown };
  try {
    info = await withRetry(() => state.client.getProfileInfo(userId), state.isStopped);
  } catch (error: unknown) {
    // A user who never set either has no profile on some homeservers.
    if (matrixErrorOf(error)?.errcode === 'M_NOT_FOUND') return {};
    throw toProtocolError(error, 'read your profile');
  }
  const displayName = typeof info.displayname === 'string' ? info.displayname.trim() : '';
  const avatar = typeof info.avatar_url === 'string' && info.avatar_url !== '' ? await thumbnail(state, info.avatar_url) : undefined;
  return { ...(displayName !== '' ? { displayName } : {}), ...(avatar ? { avatar } : {}) };
}

/** The picture's thumbnail (authenticated media, spec v1.11), when it is a small image the app can show. */
async function thumbnail(state: AccountState, mxc: string): Promise<Avatar | undefined> {
  const url = state.client.mxcUrlToHttp(mxc, PICTURE_SIDE, PICTURE_SIDE, 'scale', false, true, true);
  if (url === null) return undefined;
  try {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${state.session.accessToken}` } });
    const mimeType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (!response.ok || !isAvatarType(mimeType)) {
      await response.body?.cancel();
      return undefined;
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    return bytes.length <= MAX_SHOWN_PICTURE_BYTES ? { mimeType, dataBase64: bytes.toString('base64') } : undefined;
  } catch {
    return undefined; // the name is still worth showing without the picture
  }
}

function isAvatarType(type: string | undefined): type is Avatar['mimeType'] {
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/gif' || type === 'image/webp';
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
