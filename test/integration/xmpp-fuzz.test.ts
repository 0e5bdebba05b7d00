/**
 * Bad input: at least 100,000 mutated stanzas through the XMPP adapter's stanza handling
 * (the router and every feature module behind it), built from realistic stanzas of every
 * kind it handles, mutated at the tree level (attributes, JIDs, children, names,
 * namespaces, text, nesting) and at the text level (corrupted XML through the parser).
 * No exception may escape, and the handling must still work afterwards.
 */
import { describe, expect, it } from 'vitest';
import { ProtocolError, type ProtocolEvent } from '../../protocols/api/index.js';
import { WireIds, type XmppCore } from '../../protocols/xmpp/core.js';
import { createFeatures } from '../../protocols/xmpp/features.js';
import { IncomingRouter } from '../../protocols/xmpp/incoming.js';
import { Room } from '../../protocols/xmpp/mucState.js';
import { Parser, xml, type Element } from '../../protocols/xmpp/xml.js';
import { createMemoryPersistence } from '../conformance/index.js';

const ROOM = 'room@conference.localhost';
const SELF = 'alice@localhost';

const TEMPLATES: readonly string[] = [
  `<message from='bob@localhost/phone' to='${SELF}/fuzz' type='chat' id='m1'><body>hello</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/><stanza-id xmlns='urn:xmpp:sid:0' by='${SELF}' id='s1'/><request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/><active xmlns='http://jabber.org/protocol/chatstates'/></message>`,
  `<message from='bob@localhost/phone' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>`,
  `<message from='bob@localhost/phone' type='chat'><received xmlns='urn:xmpp:receipts' id='sb.fuzz.1'/></message>`,
  `<message from='bob@localhost/phone' type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='sb.fuzz.1'/></message>`,
  `<message from='bob@localhost/phone' type='chat' id='m2'><body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='m1'/></message>`,
  `<message from='bob@localhost/phone' type='chat' id='m3'><body>&gt; hello\nyes</body><reply xmlns='urn:xmpp:reply:0' to='${SELF}/fuzz' id='sb.fuzz.1'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='8'/></fallback></message>`,
  `<message from='bob@localhost/phone' type='chat' id='m4'><reactions xmlns='urn:xmpp:reactions:0' id='sb.fuzz.1'><reaction>👍</reaction><reaction>🎉</reaction></reactions></message>`,
  `<message from='bob@localhost/phone' type='chat' id='m5'><body>https://example.org/a/cat.png</body><x xmlns='jabber:x:oob'><url>https://example.org/a/cat.png</url></x></message>`,
  `<message from='bob@localhost/phone' type='chat' id='m6'><body>/me waves</body><delay xmlns='urn:xmpp:delay' stamp='2024-01-01T10:00:00Z'/></message>`,
  `<message from='${SELF}' to='${SELF}/fuzz'><received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'><message from='bob@localhost/pc' to='${SELF}/phone' type='chat' id='c1'><body>carbon</body></message></forwarded></received></message>`,
  `<message from='${SELF}' to='${SELF}/fuzz'><sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'><message from='${SELF}/phone' to='bob@localhost' type='chat' id='c2'><body>sent carbon</body><origin-id xmlns='urn:xmpp:sid:0' id='sb.fuzz.9'/></message></forwarded></sent></message>`,
  `<message from='mallory@localhost' to='${SELF}/fuzz'><sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'><message from='${SELF}/phone' to='bob@localhost' type='chat'><body>forged</body></message></forwarded></sent></message>`,
  `<message to='${SELF}/fuzz'><result xmlns='urn:xmpp:mam:2' queryid='{QID}' id='a1'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2024-01-01T10:00:00Z'/><message from='bob@localhost/phone' to='${SELF}' type='chat' id='h1'><body>archived</body></message></forwarded></result></message>`,
  `<message from='${ROOM}' to='${SELF}/fuzz'><result xmlns='urn:xmpp:mam:2' queryid='{QID}' id='ra1'><forwarded xmlns='urn:xmpp:forward:0'><message from='${ROOM}/bob' type='groupchat'><body>room archive</body><x xmlns='http://jabber.org/protocol/muc#user'><item jid='bob@localhost/phone'/></x></message></forwarded></result></message>`,
  `<message from='${ROOM}/bob' to='${SELF}/fuzz' type='groupchat' id='g1'><body>hi room</body><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='rs1'/><origin-id xmlns='urn:xmpp:sid:0' id='go1'/></message>`,
  `<message from='${ROOM}/alice' to='${SELF}/fuzz' type='groupchat' id='sb.fuzz.5'><body>mine</body><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='rs2'/><origin-id xmlns='urn:xmpp:sid:0' id='sb.fuzz.5'/></message>`,
  `<message from='${ROOM}/bob' type='groupchat'><subject>new topic</subject></message>`,
  `<message from='${ROOM}/bob' type='groupchat' id='g2'><body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='go1'/></message>`,
  `<message from='${ROOM}/bob' type='groupchat' id='g3'><reactions xmlns='urn:xmpp:reactions:0' id='rs1'><reaction>❤️</reaction></reactions></message>`,
  `<message from='${ROOM}/bob' type='chat' id='pm1'><body>private</body><x xmlns='http://jabber.org/protocol/muc#user'/></message>`,
  `<message from='other@conference.localhost' to='${SELF}'><x xmlns='http://jabber.org/protocol/muc#user'><invite from='bob@localhost/phone'><reason>come</reason></invite><password>pw</password></x><x xmlns='jabber:x:conference' jid='other@conference.localhost'/></message>`,
  `<message from='bob@localhost/phone' to='${SELF}'><x xmlns='jabber:x:conference' jid='third@conference.localhost' reason='hi' password='x'/></message>`,
  `<message from='${SELF}' to='${SELF}/fuzz'><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:bookmarks:1'><item id='fourth@conference.localhost'><conference xmlns='urn:xmpp:bookmarks:1' name='Fourth' autojoin='true'><nick>al</nick></conference></item><retract id='fifth@conference.localhost'/></items></event></message>`,
  `<message from='bob@localhost/phone' type='error' id='sb.fuzz.3'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>nope</text></error></message>`,
  `<presence from='bob@localhost/phone'><show>away</show><status>busy day</status><priority>5</priority><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v'/></presence>`,
  `<presence from='bob@localhost/phone' type='unavailable'/>`,
  `<presence from='carol@localhost' type='subscribe'><status>add me</status><nick xmlns='http://jabber.org/protocol/nick'>Carol</nick></presence>`,
  `<presence from='carol@localhost' type='unsubscribe'/>`,
  `<presence from='carol@localhost' type='subscribed'/>`,
  `<presence from='bob@localhost/phone' type='error'><error type='cancel'><remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
  `<presence from='${ROOM}/bob'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant' jid='bob@localhost/phone'/></x></presence>`,
  `<presence from='${ROOM}/bob' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' role='participant' nick='bobby'/><status code='303'/></x></presence>`,
  `<presence from='${ROOM}/bobby' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'><actor nick='alice'/><reason>spam</reason></item><status code='307'/></x></presence>`,
  `<presence from='${ROOM}/alice'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/><status code='110'/></x></presence>`,
  `<presence from='${ROOM}/alice' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='none'/><status code='110'/><destroy jid='x@conference.localhost'><reason>gone</reason></destroy></x></presence>`,
  `<presence from='${ROOM}/alice' type='error'><error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
  `<iq type='set' id='push1'><query xmlns='jabber:iq:roster' ver='1'><item jid='bob@localhost' name='Bob' subscription='both'><group>Friends</group></item></query></iq>`,
  `<iq type='set' id='push2' from='mallory@localhost'><query xmlns='jabber:iq:roster'><item jid='evil@localhost' subscription='both'/></query></iq>`,
  `<iq type='set' id='push3'><query xmlns='jabber:iq:roster'><item jid='bob@localhost' subscription='remove'/></query></iq>`,
  `<iq type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid='troll@localhost'/></block></iq>`,
  `<iq type='set' id='b2'><unblock xmlns='urn:xmpp:blocking'/></iq>`,
  `<iq type='get' id='p1' from='bob@localhost/phone'><ping xmlns='urn:xmpp:ping'/></iq>`,
  `<iq type='get' id='d1' from='bob@localhost/phone'><query xmlns='http://jabber.org/protocol/disco#info' node='https://switchboard.invalid/caps#x'/></iq>`,
  `<iq type='get' id='v1' from='bob@localhost/phone'><query xmlns='jabber:iq:version'/></iq>`,
  `<iq type='get' id='u1' from='bob@localhost/phone'><query xmlns='urn:example:unknown'/></iq>`,
  `<iq type='result' id='nobody-asked'/>`,
];

const NAMES = ['message', 'presence', 'iq', 'body', 'x', 'item', 'result', 'forwarded', 'received', 'sent', 'status', 'reaction', 'reactions', 'reply', 'replace', 'subject', 'invite', 'stanza-id', 'origin-id', 'delay', 'fallback', 'query', 'event', 'items', 'conference', 'error', 'show', 'priority'];
const NAMESPACES = ['jabber:client', 'urn:xmpp:sid:0', 'urn:xmpp:carbons:2', 'urn:xmpp:mam:2', 'urn:xmpp:forward:0', 'http://jabber.org/protocol/muc#user', 'urn:xmpp:reactions:0', 'urn:example:fuzz', ''];
const ATTRIBUTE_NAMES = ['from', 'to', 'type', 'id', 'jid', 'by', 'queryid', 'stamp', 'start', 'end', 'for', 'code', 'nick', 'affiliation', 'role', 'subscription', 'ask', 'node', 'xmlns', 'name', 'autojoin'];

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseAll(text: string): Element[] {
  const parser = new Parser();
  const out: Element[] = [];
  parser.on('element', (element: Element) => out.push(element));
  parser.on('error', () => undefined);
  try {
    parser.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>${text}`);
  } catch {
    // a corrupted text: whatever was parsed before counts
  }
  return out;
}

describe('XMPP stanza handling under malformed input', () => {
  it('handles 100,000 mutated stanzas without an exception escaping, and still works afterwards', () => {
    const events: ProtocolEvent[] = [];
    let emitted = 0;
    let sent = 0;
    let queryId = 'none';
    const persistence = createMemoryPersistence();
    const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const core: XmppCore = {
      context: { accountId: 'fuzz', settings: {}, emit: () => undefined, log, ...persistence },
      log,
      selfBare: SELF,
      selfFull: () => `${SELF}/fuzz`,
      emit: (event) => {
        emitted++;
        if (events.length < 50) events.push(event);
      },
      send: () => {
        sent++;
        return Promise.resolve();
      },
      iq: (element) => {
        const query = element.getChild('query', 'urn:xmpp:mam:2');
        const id = query?.attrs['queryid'] as unknown;
        if (typeof id === 'string') {
          queryId = id;
          return new Promise<Element>(() => undefined); // stays open: its results are accepted
        }
        return Promise.reject(new ProtocolError('network', 'offline in this test'));
      },
      wireIds: new WireIds('fuzz'),
      ensureDirect: () => undefined,
      nameOf: (jid) => jid,
    };
    const features = createFeatures(core, 'localhost', {
      roomJoined: () => undefined, roomDestroyed: () => undefined, bookmarkJoin: () => undefined, bookmarkLeave: () => undefined, knownDirect: () => true,
    });
    void features.archive.query({ max: 10 });
    const router = new IncomingRouter(core, features);
    const rand = random(20_24);
    const maybe = <T>(items: readonly T[]): T | undefined => items[Math.floor(rand() * items.length)];
    const pick = <T>(items: readonly T[]): T => {
      const item = maybe(items);
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    };
    const values = (): string => pick([
      '', ' ', 'x'.repeat(5_000), '@', 'a@b@c', '/', '//', ROOM, `${ROOM}/bob`, `${ROOM}/alice`, SELF, `${SELF}/phone`, 'bob@localhost',
      'localhost', 'conference.localhost', '💥', '-1', '4294967296', 'NaN', '<>&"\'', 'true', 'groupchat', 'chat', 'error', 'unavailable',
      'subscribe', 'normal', 'headline', 'get', 'set', 'result', queryId, 'sb.fuzz.1', 'rs1', '303', '110', '307', '9999-99-99T99:99:99Z', '\u0000',
    ]);

    const joinRoom = (): void => {
      const room = new Room(ROOM, 'alice', 'Room');
      room.joined = true;
      features.rooms.rooms.set(ROOM, room);
    };
    joinRoom();

    const mutate = (root: Element): void => {
      const nodes: Element[] = [];
      const walk = (element: Element): void => {
        nodes.push(element);
        for (const node of element.children) if (typeof node !== 'string') walk(node);
      };
      walk(root);
      const target = pick(nodes);
      switch (Math.floor(rand() * 11)) {
        case 0: {
          const key = maybe(Object.keys(target.attrs));
          if (key !== undefined) Reflect.deleteProperty(target.attrs, key);
          break;
        }
        case 1:
        case 2:
          target.attrs[pick(ATTRIBUTE_NAMES)] = values();
          break;
        case 3: {
          const index = Math.floor(rand() * (target.children.length + 1));
          target.children.splice(index, 1);
          break;
        }
        case 4: {
          const child = maybe(target.children);
          if (child !== undefined && typeof child !== 'string') target.children.push(xml(child.name, { ...child.attrs }, ...child.children));
          break;
        }
        case 5:
          target.children = [pick(['', 'x'.repeat(100_000), '😀\u200b', values(), '   '])];
          break;
        case 6:
          target.name = pick(NAMES);
          break;
        case 7:
          target.attrs['xmlns'] = pick(NAMESPACES);
          break;
        case 8: {
          const other = parseAll(pick(TEMPLATES).replace(/\{QID\}/g, queryId))[0];
          if (other) target.children.push(other);
          break;
        }
        case 9: {
          let deep = xml('x', { xmlns: 'urn:example:deep' });
          for (let i = 0; i < 200; i++) deep = xml('x', {}, deep);
          target.children.push(deep);
          break;
        }
        default: {
          // Wrap the whole stanza as a carbon or an archive result of ours.
          const inner = xml(root.name, { ...root.attrs }, ...root.children);
          root.children = [rand() < 0.5
            ? xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner))
            : xml('result', { xmlns: 'urn:xmpp:mam:2', queryid: queryId, id: values() }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner))];
          root.name = 'message';
          break;
        }
      }
    };

    let handled = 0;
    const escaped: string[] = [];
    const feed = (element: Element): void => {
      handled++;
      try {
        router.stanza(element);
      } catch (error: unknown) {
        if (escaped.length < 5) escaped.push(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n${element.toString().slice(0, 500)}`);
      }
    };

    for (let i = 0; handled < 100_000; i++) {
      const template = pick(TEMPLATES).replace(/\{QID\}/g, queryId);
      if (i % 10 === 9) {
        // Text level: corrupt a few characters and parse what is left.
        const chars = Array.from(template);
        for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
          chars[Math.floor(rand() * chars.length)] = pick(['<', '>', '&', '"', "'", '/', ' ', '=', 'x', '\u0000', '&#0;', '&bogus;', '💥']);
        }
        for (const element of parseAll(chars.join(''))) feed(element);
      } else {
        const [element] = parseAll(template);
        if (!element) continue;
        for (let m = 0; m < 1 + Math.floor(rand() * 4); m++) mutate(element);
        feed(element);
      }
      if (i % 1_000 === 0 && !features.rooms.get(ROOM)?.joined) joinRoom(); // a destroy or kick left the room
    }

    expect(escaped).toEqual([]);
    expect(handled).toBeGreaterThanOrEqual(100_000);
    expect(emitted).toBeGreaterThan(1_000);
    expect(sent).toBeGreaterThan(0);

    // Still works: a well-formed message comes out as one event.
    events.length = 0;
    const [hello] = parseAll(`<message from='zed@localhost/x' type='chat' id='final'><body>after the storm</body></message>`);
    if (!hello) throw new Error('no element');
    router.stanza(hello);
    expect(events.some((event) => event.type === 'message.received' && event.message.body === 'after the storm')).toBe(true);
  });
});
