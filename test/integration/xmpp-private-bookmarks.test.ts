/**
 * Room bookmarks on a server without PEP (Prosody with mod_pep off): XEP-0048 bookmarks in
 * XEP-0049 private storage instead of XEP-0402. A joined room is saved with autojoin and
 * listed as a saved room at the next login; leaving removes it; a URL bookmark another
 * client keeps there survives our writes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const PRIVATE_GET = '<iq type=\'get\'><query xmlns=\'jabber:iq:private\'><storage xmlns=\'storage:bookmarks\'/></query></iq>';

describe('XMPP bookmarks without PEP (XEP-0048 in XEP-0049 private storage)', () => {
  let kit: XmppKit;
  beforeAll(async () => {
    // mod_pep off, and what needs it (XEP-0402 compatibility, vCard/PEP avatars).
    kit = await startXmppKit({ extraConfig: ['modules_disabled = { "s2s", "offline_email", "pep", "bookmarks", "vcard_legacy", "vcard4" }'] });
  });
  afterEach(async () => {
    await kit.closeAll();
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('a joined room is saved, rejoined at the next login and removed on leave; other entries survive', async () => {
    const room = `attic@${kit.server.mucDomain}`;
    const raw = await kit.raw('alice', 'other', false);
    const disco = await raw.iq('<iq type=\'get\' to=\'alice@localhost\'><query xmlns=\'http://jabber.org/protocol/disco#info\'/></iq>');
    expect(disco, 'the server runs without PEP').not.toMatch(/type=['"]pep['"]/);
    const stored = await raw.iq('<iq type=\'set\'><query xmlns=\'jabber:iq:private\'><storage xmlns=\'storage:bookmarks\'>'
      + '<url name=\'Docs\' url=\'https://example.org/docs\'/></storage></query></iq>');
    expect(stored).toMatch(/type=['"]result['"]/);

    const alice = await kit.online('alice');
    if (!alice.connection.joinRoom || !alice.connection.leaveRoom) throw new Error('missing room methods');
    await alice.connection.joinRoom({ room, nick: 'Alys' });
    const saved = await waitForStorage(raw, (text) => text.includes(room));
    expect(saved).toMatch(/autojoin=['"]true['"]/);
    expect(saved).toContain('<nick>Alys</nick>');
    expect(saved).toContain('https://example.org/docs');
    await alice.connection.disconnect();

    const again = await kit.online('alice');
    if (!again.connection.savedRooms || !again.connection.leaveRoom || !again.connection.joinRoom) throw new Error('no savedRooms');
    expect(await again.connection.savedRooms()).toEqual([{ room }]);
    await again.connection.joinRoom({ room });
    await again.connection.leaveRoom(room);
    const after = await waitForStorage(raw, (text) => !text.includes(room));
    expect(after).toContain('https://example.org/docs');
  });
});

/** Read the private storage until it matches (the plugin saves after the join, without telling). */
async function waitForStorage(raw: Awaited<ReturnType<XmppKit['raw']>>, match: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await raw.iq(PRIVATE_GET);
    if (match(text)) return text;
    if (Date.now() > deadline) throw new Error(`the private storage never matched; last: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
