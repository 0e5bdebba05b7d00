/**
 * Issue 12: presence state is bounded. A remote entity (an external component on the real
 * Prosody, XEP-0114, standing in for a hostile server) sends directed presence (RFC 6121
 * §4.6) from 5,000 different JIDs: the account keeps presence for at most MAX_STRANGERS of
 * them, tells the core the forgotten ones are offline (nothing stays "online" that is no
 * longer watched), and still follows the newest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_STRANGERS } from '../../protocols/xmpp/presence.js';
import { componentConfig, type RawComponent } from '../servers/prosody/rawComponent.js';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const FLOOD = 5 * MAX_STRANGERS;
let kit: XmppKit | undefined;
let component: RawComponent | undefined;
afterAll(async () => {
  component?.close();
  await kit?.stop();
});

describe('XMPP presence from thousands of strangers', () => {
  it(`keeps presence for at most ${MAX_STRANGERS} of them and reports the rest offline`, async () => {
    const evil = await componentConfig();
    kit = await startXmppKit({ extraConfig: evil.config }, 60_000);
    const alice = await kit.online('alice', { resource: 'pc' });
    component = await evil.connect();
    const stanzas: string[] = [];
    for (let i = 1; i <= FLOOD; i++) stanzas.push(`<presence from='u${i}@${evil.domain}/r' to='alice@localhost/pc'><status>hi ${i}</status></presence>`);
    component.send(stanzas.join(''));
    const last = `u${FLOOD}@${evil.domain}`;
    await alice.waitForEvent('presence.changed', (e) => e.contactId === last && e.presence.status === 'available');
    expect(alice.xmpp.presenceTracked()).toBe(MAX_STRANGERS);
    const offline = new Set(alice.events.flatMap((e) => (e.type === 'presence.changed' && e.presence.status === 'offline' ? [e.contactId] : [])));
    expect(offline.size).toBe(FLOOD - MAX_STRANGERS);
    expect(offline.has(`u1@${evil.domain}`)).toBe(true);
    expect(offline.has(last)).toBe(false);
    // The newest strangers are still followed: one of them leaves.
    component.send(`<presence from='${last}/r' to='alice@localhost/pc' type='unavailable'/>`);
    await alice.waitForEvent('presence.changed', (e) => e.contactId === last && e.presence.status === 'offline');
    expect(alice.xmpp.presenceTracked()).toBe(MAX_STRANGERS - 1);
  }, 120_000);
});
