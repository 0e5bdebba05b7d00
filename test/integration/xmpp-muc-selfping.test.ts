/**
 * Issue 12: MUC self-ping (XEP-0410) notices a room that forgot us silently and rejoins.
 * Prosody's MUC cannot be made to drop an occupant without telling it (a restart of the
 * component ends the client's whole stream here), so the room is scripted: an external
 * component (XEP-0114) on the real Prosody, routed like a remote MUC service. It lets alice
 * in, answers her self-pings while she is an occupant, then forgets her without a word (as a
 * restarted remote MUC would) and answers the next self-ping with not-acceptable.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { componentConfig, type RawComponent } from '../servers/prosody/rawComponent.js';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

let kit: XmppKit | undefined;
let component: RawComponent | undefined;
afterAll(async () => {
  component?.close();
  await kit?.stop();
});

/** Wait for what the scripted room sees (no adapter event announces it). */
async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A one-room MUC service on the component: joins, disco, and self-pings answered by `occupant`. */
function scriptRoom(raw: RawComponent, room: string): { joins: () => number; pingsAnswered: () => number; forget: () => void } {
  let joined = false;
  let joins = 0;
  let pings = 0;
  raw.onStanza((stanza) => {
    const from = stanza.attr('from');
    const to = stanza.attr('to');
    const id = stanza.attr('id');
    const type = stanza.attr('type');
    if (stanza.name === 'presence' && to.startsWith(`${room}/`) && type === '') {
      joins++;
      joined = true;
      raw.send(`<presence from='${to}' to='${from}'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/><status code='110'/></x></presence>`);
    } else if (stanza.name === 'iq' && to === room && stanza.xml.includes('disco#info')) {
      raw.send(`<iq type='result' id='${id}' from='${room}' to='${from}'><query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' type='text' name='Scripted lounge'/><feature var='http://jabber.org/protocol/muc'/></query></iq>`);
    } else if (stanza.name === 'iq' && to.startsWith(`${room}/`) && stanza.xml.includes('urn:xmpp:ping')) {
      pings++;
      raw.send(joined
        ? `<iq type='result' id='${id}' from='${to}' to='${from}'/>`
        // XEP-0410 §3.2 / XEP-0045: not an occupant.
        : `<iq type='error' id='${id}' from='${to}' to='${from}'><ping xmlns='urn:xmpp:ping'/><error type='cancel'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    } else if (stanza.name === 'iq' && (type === 'get' || type === 'set')) {
      raw.send(`<iq type='error' id='${id}' from='${to}' to='${from}'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    }
  });
  return { joins: () => joins, pingsAnswered: () => pings, forget: () => { joined = false; } };
}

describe('XEP-0410 MUC self-ping', () => {
  it('a room that forgot us without a word is noticed by the self-ping and joined again', async () => {
    const remote = await componentConfig();
    kit = await startXmppKit({ extraConfig: remote.config }, 30_000);
    component = await remote.connect();
    const room = `lounge@${remote.domain}`;
    const script = scriptRoom(component, room);
    // Quiet rooms are pinged after the account's ping interval (1 s here; 60 s by default).
    const alice = await kit.online('alice', { pingInterval: 1, pingTimeout: 5 });
    if (!alice.connection.joinRoom) throw new Error('no joinRoom');
    await alice.connection.joinRoom({ room });
    expect(script.joins()).toBe(1);

    // While the room has us, self-pings are answered and nothing else happens.
    await until('two answered self-pings', () => script.pingsAnswered() >= 2);
    expect(script.joins()).toBe(1);

    script.forget();
    await until('the second join', () => script.joins() === 2);
    await alice.waitForMessage('the rejoin notice', (m) => m.conversationId === room && m.kind === 'event' && m.body === `${room} no longer counted you as present; joining again`);
    await alice.waitForEvent('members.changed', (e) => e.conversationId === room && e.reset === true && (e.added ?? []).some((m) => m.id === 'alice@localhost')
      && alice.events.filter((x) => x.type === 'members.changed' && x.conversationId === room && x.reset === true).length === 2);
    const states = alice.events.flatMap((e) => (e.type === 'conversation.upserted' && e.conversation.id === room ? [e.conversation.joined] : []));
    expect(states.at(-1)).toBe(true);
    // Joined again: the next self-pings are answered, and no third join follows.
    const answered = script.pingsAnswered();
    await until('another answered self-ping', () => script.pingsAnswered() > answered);
    expect(script.joins()).toBe(2);
  }, 60_000);
});
