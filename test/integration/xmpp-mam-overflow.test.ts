/**
 * Issue 12: an archive that ignores XEP-0059 `max` and answers one query with more than
 * MAX_RESULTS_PER_QUERY results. The client keeps that many (memory stays bounded) and pages
 * on from the last one it kept, so nothing is skipped: every message arrives once, in order,
 * and no gap is needed. The archive is a room on an external component (XEP-0114) on the
 * real Prosody (Prosody's own archive honours `max`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_RESULTS_PER_QUERY } from '../../protocols/xmpp/mam.js';
import { createMemoryPersistence } from '../conformance/index.js';
import { componentConfig, type RawComponent } from '../servers/prosody/rawComponent.js';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const ARCHIVED = MAX_RESULTS_PER_QUERY + 500;
let kit: XmppKit | undefined;
let component: RawComponent | undefined;
afterAll(async () => {
  component?.close();
  await kit?.stop();
});

/** A room whose archive answers every query with everything after `after` (all of it), ignoring `max`. */
function scriptGreedyArchive(raw: RawComponent, room: string): { queries: string[] } {
  const queries: string[] = [];
  raw.onStanza((stanza) => {
    const xml = stanza.xml;
    const from = stanza.attr('from');
    if (stanza.name === 'iq' && xml.includes('disco#info')) {
      raw.send(`<iq type='result' id='${stanza.attr('id')}' from='${room}' to='${from}'><query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' type='text' name='Greedy'/><feature var='http://jabber.org/protocol/muc'/><feature var='urn:xmpp:mam:2'/></query></iq>`);
    } else if (stanza.name === 'presence' && stanza.attr('to').startsWith(`${room}/`) && stanza.attr('type') === '') {
      raw.send(`<presence from='${stanza.attr('to')}' to='${from}'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant'/><status code='110'/></x></presence>`);
    } else if (stanza.name === 'iq' && xml.includes('urn:xmpp:mam:2')) {
      const queryId = /queryid=['"]([^'"]+)['"]/.exec(xml)?.[1] ?? '';
      const after = Number(/<after>m(\d+)<\/after>/.exec(xml)?.[1] ?? '0');
      queries.push(/<after>/.test(xml) ? `after m${after}` : 'newest');
      const results: string[] = [];
      for (let i = after + 1; i <= ARCHIVED; i++) {
        const stamp = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
        results.push(`<message from='${room}' to='${from}'><result xmlns='urn:xmpp:mam:2' queryid='${queryId}' id='m${i}'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='${stamp}'/><message xmlns='jabber:client' type='groupchat' from='${room}/bob' id='o${i}'><body>archived ${i}</body><stanza-id xmlns='urn:xmpp:sid:0' by='${room}' id='m${i}'/></message></forwarded></result></message>`);
      }
      raw.send(results.join(''));
      raw.send(`<iq type='result' id='${stanza.attr('id')}' from='${room}' to='${from}'><fin xmlns='urn:xmpp:mam:2' complete='true'><set xmlns='http://jabber.org/protocol/rsm'><first>m${after + 1}</first><last>m${ARCHIVED}</last></set></fin></iq>`);
    }
  });
  return { queries };
}

describe('XMPP archive answering more than it was asked for', () => {
  it(`keeps ${MAX_RESULTS_PER_QUERY} per answer and pages on from the last kept: all ${ARCHIVED} arrive once, in order, without a gap`, async () => {
    const remote = await componentConfig();
    kit = await startXmppKit({ extraConfig: remote.config }, 60_000);
    component = await remote.connect();
    const room = `greedy@${remote.domain}`;
    const archive = scriptGreedyArchive(component, room);
    const persistence = createMemoryPersistence();
    await persistence.storage.set(`mam.room.${room}`, 'm0'); // we saw the room before its first message
    const alice = await kit.online('alice', {}, persistence);
    if (!alice.connection.joinRoom) throw new Error('no joinRoom');
    await alice.connection.joinRoom({ room });
    await alice.waitForMessage('the last archived message', (m) => m.body === `archived ${ARCHIVED}`);
    const numbers = alice.received().filter((m) => m.conversationId === room).map((m) => Number(m.body.replace('archived ', '')));
    expect(numbers).toEqual(Array.from({ length: ARCHIVED }, (_, i) => i + 1));
    expect(archive.queries).toEqual(['after m0', `after m${MAX_RESULTS_PER_QUERY}`]);
    expect(alice.events.filter((e) => e.type === 'history.gap')).toEqual([]);
  }, 120_000);
});
