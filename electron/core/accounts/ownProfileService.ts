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
import { MAX_PROFILE_PICTURE_BYTES, type OwnProfileInput } from '../../bridge/ownProfile.js';
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

  async set(accountId: string, input: OwnProfileInput): Promise<void> {
    const { accounts } = this.deps;
    if (accounts.capabilitiesOf(accountId)?.ownProfile !== true) {
      throw notSupported(`${accounts.manifestOf(accountId).name} accounts cannot publish a display name or picture.`);
    }
    if (input.displayName === undefined && input.picture === undefined) throw invalidRequest('Give a display name or a picture.');
    const picture = input.picture ? pictureBytes(input.picture.dataBase64, input.picture.mimeType) : undefined;
    const path = picture ? await this.writeTemporary(picture) : undefined;
    try {
      const profile: OwnProfile = {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(path !== undefined && input.picture ? { avatar: { path, mimeType: input.picture.mimeType } } : {}),
      };
      await accounts.call(accountId, 'setProfile', [profile]);
    } finally {
      if (path !== undefined) await rm(path, { force: true });
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
