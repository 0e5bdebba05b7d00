import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OwnProfile } from '../../../protocols/api/index.js';
import { makePng } from '../../../test/support/testImage.js';
import { CoreError } from '../model/coreError.js';
import { OwnProfileService, type OwnProfileDeps } from './ownProfileService.js';

/** What the plugin was handed: the profile, and the picture file's bytes while it was there. */
interface Handed {
  readonly profile: OwnProfile;
  readonly bytes?: Buffer;
}

function service(refusal?: Error) {
  const tempDir = join(mkdtempSync(join(tmpdir(), 'sb-own-profile-')), 'uploads-pending');
  const handed: Handed[] = [];
  const accounts: OwnProfileDeps['accounts'] = {
    capabilitiesOf: (accountId) => (accountId === 'irc' ? { rooms: true } : { ownProfile: true }),
    manifestOf: (accountId) => ({ name: accountId === 'irc' ? 'IRC' : 'XMPP' }) as ReturnType<OwnProfileDeps['accounts']['manifestOf']>,
    call: ((_accountId: string, _method: 'setProfile', [profile]: [OwnProfile]) => {
      handed.push({ profile, ...(profile.avatar ? { bytes: readFileSync(profile.avatar.path) } : {}) });
      return refusal ? Promise.reject(refusal) : Promise.resolve(undefined);
    }) as OwnProfileDeps['accounts']['call'],
  };
  return { profiles: new OwnProfileService({ accounts, tempDir }), handed, leftOver: () => (existsSync(tempDir) ? readdirSync(tempDir) : []) };
}

const png = makePng(4, 4);
const picture = { mimeType: 'image/png' as const, dataBase64: png.toString('base64') };

describe('the own profile service', () => {
  it('hands the plugin the name and the picture as a private file, deleted once the plugin is done', async () => {
    const { profiles, handed, leftOver } = service();
    await profiles.set('x', { displayName: 'Alice', picture });
    expect(handed).toEqual([{ profile: { displayName: 'Alice', avatar: { path: expect.any(String) as string, mimeType: 'image/png' } }, bytes: png }]);
    expect(leftOver()).toEqual([]);
    await profiles.set('x', { displayName: 'Al' });
    expect(handed[1]).toEqual({ profile: { displayName: 'Al' } });
  });

  it('passes the plugin\'s refusal on and still deletes the file', async () => {
    const { profiles, leftOver } = service(new CoreError({ kind: 'protocol', message: 'XMPP contacts accept at most 64 KB.' }));
    await expect(profiles.set('x', { picture })).rejects.toThrow('XMPP contacts accept at most 64 KB.');
    expect(leftOver()).toEqual([]);
  });

  it('refuses in words what no plugin should get', async () => {
    const { profiles, handed } = service();
    await expect(profiles.set('irc', { displayName: 'alice' })).rejects.toThrow('IRC accounts cannot publish a display name or picture.');
    await expect(profiles.set('x', {})).rejects.toThrow('Give a display name or a picture.');
    await expect(profiles.set('x', { picture: { mimeType: 'image/png', dataBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') } }))
      .rejects.toThrow('The picture is not a PNG, JPEG, GIF or WebP image.');
    await expect(profiles.set('x', { picture: { mimeType: 'image/jpeg', dataBase64: picture.dataBase64 } })).rejects.toThrow('The picture is a PNG image, not image/jpeg.');
    const big = Buffer.concat([png, Buffer.alloc(512 * 1024)]).toString('base64');
    await expect(profiles.set('x', { picture: { mimeType: 'image/png', dataBase64: big } })).rejects.toThrow(/^The picture is 513 KB; the limit is 512 KB\.$/);
    expect(handed).toEqual([]);
  });
});
