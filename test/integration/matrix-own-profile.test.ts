/**
 * The user's own display name and picture on a Matrix account (spec §Profiles), through the
 * whole core (bridge request `accounts.setProfile`, real plugin worker, Synapse): another
 * user's plain matrix-js-sdk client reads the new name and the picture's exact bytes from
 * the homeserver; a picture that is not what it claims is refused in words and changes nothing;
 * what is shown now is read back (`accounts.profile`), and the picture removed.
 */
import type { MatrixClient } from 'matrix-js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import matrixPlugin from '../../protocols/matrix/index.js';
import { TestAccount } from '../conformance/index.js';
import { registerTestUser, type MatrixTestUser } from '../servers/synapse/fixtures.js';
import type { InProcessCore } from '../support/inProcessCore.js';
import { startMatrixCoreScene, stopMatrixCoreScene, type MatrixCoreScene } from '../support/matrixCoreScene.js';
import { makePng } from '../support/testImage.js';

let scene: MatrixCoreScene | undefined;
let alice: MatrixTestUser;
let bob: MatrixTestUser;
let bobClient: MatrixClient;
let ui: InProcessCore;
let accountId = '';

beforeAll(async () => {
  scene = await startMatrixCoreScene();
  ({ alice, bob, bobClient, ui, accountId } = scene);
}, 180_000);

afterAll(() => stopMatrixCoreScene(scene));

/** The picture behind an `mxc://` URI, as another user downloads it (§Content repository, authenticated media). */
async function download(mxc: string): Promise<Buffer> {
  const url = bobClient.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, true);
  if (url === null) throw new Error(`not an mxc URI: ${mxc}`);
  const answer = await fetch(url, { headers: { Authorization: `Bearer ${bob.accessToken}` } });
  expect(answer.status).toBe(200);
  return Buffer.from(await answer.arrayBuffer());
}

describe('Matrix own profile (spec §Profiles)', () => {
  it('the name and picture set in Switchboard are what another user reads; a false picture is refused in words', async () => {
    const picture = makePng(48, 48, [30, 120, 200]);
    await ui.client.request('accounts.setProfile', {
      accountId, displayName: 'Alice Liddell', picture: { mimeType: 'image/png', dataBase64: picture.toString('base64') },
    });

    const profile = await bobClient.getProfileInfo(alice.userId);
    expect(profile.displayname).toBe('Alice Liddell');
    expect(profile.avatar_url).toMatch(/^mxc:\/\//);
    expect(await download(profile.avatar_url ?? '')).toEqual(picture);

    // Text that claims to be a PNG, with a new name: refused before anything is sent.
    await expect(ui.client.request('accounts.setProfile', {
      accountId, displayName: 'Mallory', picture: { mimeType: 'image/png', dataBase64: Buffer.from('not a picture at all').toString('base64') },
    })).rejects.toThrow('The picture is not a PNG, JPEG, GIF or WebP image.');
    expect((await bobClient.getProfileInfo(alice.userId)).displayname).toBe('Alice Liddell');

    // The name alone leaves the picture as it was.
    await ui.client.request('accounts.setProfile', { accountId, displayName: 'Alice' });
    const after = await bobClient.getProfileInfo(alice.userId);
    expect(after).toMatchObject({ displayname: 'Alice', avatar_url: profile.avatar_url });

    // What the Profile dialog shows now: the name, and the picture as the homeserver's thumbnail of it.
    const shown = await ui.client.request('accounts.profile', { accountId });
    expect(shown.displayName).toBe('Alice');
    expect(shown.pictureDataUrl).toMatch(/^data:image\/(png|jpeg);base64,/);

    // Removed: another user reads no picture, and the dialog shows none.
    await ui.client.request('accounts.setProfile', { accountId, removePicture: true });
    expect((await bobClient.getProfileInfo(alice.userId)).avatar_url ?? '').toBe('');
    expect(await ui.client.request('accounts.profile', { accountId })).toEqual({ displayName: 'Alice' });
  });
});

describe('a new device is reachable by encrypted messages once online (spec §End-to-End Encryption)', () => {
  it('another user finds its keys on the homeserver the moment its first login says online', async () => {
    if (!scene) throw new Error('no scene');
    const carol = await registerTestUser(scene.synapse, 'carol');
    const device = new TestAccount(matrixPlugin, { ...carol.settings }, 30_000);
    try {
      await device.connection.connect();
      // At once: a contact who sends now must be able to encrypt for this device.
      const answer = await bobClient.downloadKeysForUsers([carol.userId]);
      expect(Object.keys(answer.device_keys[carol.userId] ?? {}), 'devices of carol on the homeserver').toHaveLength(1);
    } finally {
      await device.connection.disconnect();
    }
  });
});
