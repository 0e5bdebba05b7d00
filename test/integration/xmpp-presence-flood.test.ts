/**
 * Issue 12: presence state is bounded. A remote entity (an external component on the real
 * Prosody, XEP-0114, standing in for a hostile server) sends directed presence (RFC 6121
 * §4.6) from 5,000 different JIDs: the account keeps presence for at most MAX_STRANGERS of
 * them, tells the core the forgotten ones are offline (nothing stays "online" that is no
 * longer watched), and still follows the newest. A room on that entity announcing more
 * occupants than MAX_OCCUPANTS gets that many members listed, and keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OCCUPANTS } from '../../protocols/xmpp/muc.js';
import { MAX_STRANGERS } from '../../protocols/xmpp/presence.js';
import { componentConfig, type ComponentConfig, type RawComponent } from '../servers/prosody/rawComponent.js';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const FLOOD = 5 * MAX_STRANGERS;
let kit: XmppKit | undefined;
let component: RawComponent | undefined;
let evil: ComponentConfig | undefined;
beforeAll(async () => {
  evil = await componentConfig();
  kit = await startXmppKit({ extraConfig: evil.config }, 60_000);
  component = await evil.connect();
}, 60_000);
afterAll(async () => {
  component?.close();
  await kit?.stop();
});

describe('XMPP presence from thousands of strangers', () => {
  it(`keeps presence for at most ${MAX_STRANGERS} of them and reports the rest offline`, async () => {
    if (!kit || !component || !evil) throw new Error('no server');
    const alice = await kit.online('alice', { resource: 'pc' });
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

  it(`lists at most ${MAX_OCCUPANTS} occupants of a room that announces more`, async () => {
    if (!kit || !component) throw new Error('no server');
    const raw = component;
    const room = 'crowd@evil.localhost';
    raw.onStanza((stanza) => {
      if (stanza.name === 'iq' && stanza.attr('to') === room) {
        raw.send(`<iq type='result' id='${stanza.attr('id')}' from='${room}' to='${stanza.attr('from')}'><query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' type='text' name='Crowd'/><feature var='http://jabber.org/protocol/muc'/></query></iq>`);
      } else if (stanza.name === 'presence' && stanza.attr('to').startsWith(`${room}/`) && stanza.attr('type') === '') {
        const to = stanza.attr('from');
        const occupants: string[] = [];
        for (let i = 1; i <= MAX_OCCUPANTS + 1_000; i++) {
          occupants.push(`<presence from='${room}/guest${i}' to='${to}'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x></presence>`);
        }
        raw.send(occupants.join(''));
        raw.send(`<presence from='${stanza.attr('to')}' to='${to}'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/><status code='110'/></x></presence>`);
        raw.send(`<message type='groupchat' from='${room}/guest1' to='${to}' id='after-the-crowd'><body>after the crowd</body></message>`);
      }
    });
    const alice = await kit.online('alice', { resource: 'crowded' });
    if (!alice.connection.joinRoom) throw new Error('no joinRoom');
    await alice.connection.joinRoom({ room });
    await alice.waitForMessage('the message after the crowd', (m) => m.conversationId === room && m.body === 'after the crowd');
    expect(alice.members.get(room)?.size).toBe(MAX_OCCUPANTS);
    expect(alice.members.get(room)?.has('alice@localhost')).toBe(true);
  }, 120_000);
});
