/**
 * The user's own display name and picture on an account (`accounts.setProfile`), handed to
 * the plugin's `setProfile` (capability `ownProfile`). The picture arrives as bytes; the
 * plugin reads a file, so the bytes go into a private temporary file that is deleted once
 * the plugin is done. The bytes are judged by their signature, not by the type the
 * request claims.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OwnProfile } from '../../../protocols/api/index.js';
import { MAX_PROFILE_PICTURE_BYTES, type CurrentProfileView, type OwnProfileInput } from '../../bridge/ownProfile.js';
import { sniffImageType } from '../files/imageSniff.js';
import { invalidRequest, notSupported } from '../model/coreError.js';
import type { AccountManager } from './accountManager.js';

export interface OwnProfileDeps {
  readonly accounts: Pick<AccountManager, 'call' | 'capabilitiesOf' | 'manifestOf'>;
  /** A private folder for the picture while the plugin reads it. */
  readonly tempDir: string;
}

export class OwnProfileService {
  constructor(private readonly deps: OwnProfileDeps) {}

  /** What the user shows now, as the network has it. */
  async get(accountId: string): Promise<CurrentProfileView> {
    this.require(accountId, 'ownProfileRead', 'cannot show your display name or picture');
    const current = await this.deps.accounts.call(accountId, 'getProfile', []);
    return {
      ...(current.displayName !== undefined ? { displayName: current.displayName } : {}),
      ...(current.avatar ? { pictureDataUrl: `data:${current.avatar.mimeType};base64,${current.avatar.dataBase64}` } : {}),
    };
  }

  async set(accountId: string, input: OwnProfileInput): Promise<void> {
    const { accounts } = this.deps;
    this.require(accountId, 'ownProfile', 'cannot publish a display name or picture');
    if (input.removePicture === true) {
      this.require(accountId, 'ownProfileRead', 'cannot remove your picture');
      if (input.picture !== undefined) throw invalidRequest('Either choose a new picture or remove it, not both.');
    }
    if (input.displayName === undefined && input.picture === undefined && input.removePicture !== true) {
      throw invalidRequest('Give a display name or a picture.');
    }
    const picture = input.picture ? pictureBytes(input.picture.dataBase64, input.picture.mimeType) : undefined;
    const path = picture ? await this.writeTemporary(picture) : undefined;
    try {
      const profile: OwnProfile = {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(path !== undefined && input.picture ? { avatar: { path, mimeType: input.picture.mimeType } } : {}),
        ...(input.removePicture === true ? { removeAvatar: true } : {}),
      };
      await accounts.call(accountId, 'setProfile', [profile]);
    } finally {
      if (path !== undefined) await rm(path, { force: true });
    }
  }

  private require(accountId: string, capability: 'ownProfile' | 'ownProfileRead', refusal: string): void {
    if (this.deps.accounts.capabilitiesOf(accountId)?.[capability] !== true) {
      throw notSupported(`${this.deps.accounts.manifestOf(accountId).name} accounts ${refusal}.`);
    }
  }

  private async writeTemporary(bytes: Buffer): Promise<string> {
    await mkdir(this.deps.tempDir, { recursive: true, mode: 0o700 });
    const path = join(this.deps.tempDir, `profile-${randomUUID()}`);
    await writeFile(path, bytes, { mode: 0o600 });
    return path;
  }
}

/** The picture's bytes, refused in words when too big or not the image it says it is. */
function pictureBytes(dataBase64: string, mimeType: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > MAX_PROFILE_PICTURE_BYTES) {
    throw invalidRequest(`The picture is ${Math.ceil(bytes.length / 1024)} KB; the limit is ${MAX_PROFILE_PICTURE_BYTES / 1024} KB.`);
  }
  const actual = sniffImageType(bytes);
  if (actual === undefined) throw invalidRequest('The picture is not a PNG, JPEG, GIF or WebP image.');
  if (actual !== mimeType) throw invalidRequest(`The picture is a ${actual.slice('image/'.length).toUpperCase()} image, not ${mimeType}.`);
  return bytes;
}
