/** Links the system hands the app wait for one window to take them. */
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../bridge/contract.js';
import { LinkInbox, createLinkHandlers } from './linkInbox.js';

describe('LinkInbox', () => {
  it('announces each link, gives it to the first window that takes it, and keeps only the newest eight', async () => {
    const emitted: BridgeEvent[] = [];
    const inbox = new LinkInbox((event) => emitted.push(event));
    const handlers = createLinkHandlers(inbox, () => [{ id: 'i1', pluginId: 'irc', label: 'alice', settings: { server: 'irc.example.org' }, secretsStored: [], enabled: true, state: 'online' }]);
    inbox.open('irc://irc.example.org/chan');
    expect(emitted).toEqual([{ type: 'link.opened', payload: {} }]);
    const [taken, ...more] = await handlers['links.take']({});
    expect(more).toEqual([]);
    expect(taken).toMatchObject({ uri: 'irc://irc.example.org/chan', parsed: { ok: true }, accounts: [{ accountId: 'i1' }] });
    expect(await handlers['links.take']({})).toEqual([]);
    for (let i = 0; i < 12; i++) inbox.open(`irc://irc.example.org/chan${i}`);
    expect((await handlers['links.take']({})).map((link) => link.uri)).toEqual(Array.from({ length: 8 }, (_, i) => `irc://irc.example.org/chan${i + 4}`));
  });
});
