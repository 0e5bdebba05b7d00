import { describe, expect, it } from 'vitest';
import { CAPS_VER, capsVerification } from './disco.js';
import { bare, parseJid } from './jid.js';
import { attachmentFor, parseMessage, parseStamp, splitAction } from './messageParse.js';
import { parseRoomAddress } from './mucAddress.js';
import { messageStanza } from './outgoing.js';
import { readSettings } from './settings.js';
import { Parser, type Element } from './xml.js';

function parse(text: string): Element {
  const parser = new Parser();
  let found: Element | undefined;
  parser.on('element', (element: Element) => { found = element; });
  parser.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>${text}`);
  if (!found) throw new Error('nothing parsed');
  return found;
}

describe('JIDs', () => {
  it('parses, lower-cases and refuses garbage', () => {
    expect(parseJid('Alice@Example.ORG/Laptop')).toEqual({ local: 'alice', domain: 'example.org', resource: 'Laptop' });
    expect(bare('room@conference.example.org/nick/with/slashes')).toBe('room@conference.example.org');
    for (const bad of ['', '@example.org', 'a@', 'a@b/', 'a b@c', 'a@b@c', '/r', 'x'.repeat(4000)]) expect(parseJid(bad)).toBeUndefined();
  });

  it('reads room addresses with an optional nickname', () => {
    expect(parseRoomAddress('xmpp:Lounge@conference.example.org?join')).toEqual({ jid: 'lounge@conference.example.org' });
    expect(parseRoomAddress('lounge@conference.example.org/Ally')).toEqual({ jid: 'lounge@conference.example.org', nick: 'Ally' });
    expect(() => parseRoomAddress('#lounge')).toThrow(/not a room address/);
  });
});

describe('settings', () => {
  it('checks the JID, password, security and port', () => {
    expect(readSettings({ jid: 'alice@example.org', password: 'pw' })).toMatchObject({ bareJid: 'alice@example.org', security: 'starttls', allowPlainPassword: false });
    expect(() => readSettings({ jid: 'example.org', password: 'pw' })).toThrow(/not an XMPP address/);
    expect(() => readSettings({ jid: 'alice@example.org' })).toThrow(/No password/);
    expect(() => readSettings({ jid: 'alice@example.org', password: 'pw', security: 'ssl3' })).toThrow(/not a connection security/);
    expect(() => readSettings({ jid: 'alice@example.org', password: 'pw', port: 70000 })).toThrow(/not a valid port/);
    expect(readSettings({ jid: 'alice@example.org/phone', password: 'pw' }).resource).toBe('phone');
  });
});

describe('messages', () => {
  it('strips a reply fallback by code points (XEP-0428) and reads the reference', () => {
    const parsed = parseMessage(parse(`<message from='b@x/y' type='chat' id='1'><body>&gt; 😀 hi\nanswer</body>`
      + `<reply xmlns='urn:xmpp:reply:0' to='a@x/z' id='orig'/><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='7'/></fallback></message>`));
    expect(parsed.body).toBe('answer');
    expect(parsed.reply).toEqual({ id: 'orig', to: 'a@x/z' });
  });

  it('sends replies with a fallback the other side can strip', () => {
    const stanza = messageStanza({ to: 'b@x', type: 'chat', wireId: 'w1', body: 'yes', replyTo: { networkId: 'orig', excerpt: 'is it 😀?' } });
    const parsed = parseMessage(parse(stanza.toString()));
    expect(parsed.rawBody).toBe('> is it 😀?\nyes');
    expect(parsed.body).toBe('yes');
    expect(parsed.originId).toBe('w1');
    expect(parsed.receiptRequested).toBe(true);
  });

  it('turns out-of-band links into attachments, only for http(s)', () => {
    const parsed = parseMessage(parse(`<message><body>u</body><x xmlns='jabber:x:oob'><url>https://h.example/p/a%20b.JPG</url></x></message>`));
    expect(attachmentFor(parsed)).toEqual({ url: 'https://h.example/p/a%20b.JPG', name: 'a b.JPG', kind: 'image' });
    expect(attachmentFor(parseMessage(parse(`<message><x xmlns='jabber:x:oob'><url>javascript:alert(1)</url></x></message>`)))).toBeUndefined();
    expect(splitAction('/me waves')).toEqual({ kind: 'action', body: 'waves' });
  });
});

describe('entity capabilities (XEP-0115)', () => {
  it('computes the §5.2 example and a stable hash of our own features', () => {
    expect(capsVerification([{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }],
      ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc']))
      .toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
    expect(CAPS_VER).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });
});

describe('delay stamps (XEP-0082)', () => {
  const second = Date.parse('2024-01-01T10:00:00Z');
  it('keeps fractional seconds as they are', () => {
    expect(parseStamp('2024-01-01T10:00:00.250Z', second + 5_000)).toBe(second + 250);
  });
  it('places a whole-second stamp at the end of its second, so it sorts after what came earlier in that second', () => {
    expect(parseStamp('2024-01-01T10:00:00Z', second + 5_000)).toBe(second + 999);
    expect(parseStamp('2024-01-01T11:00:00+01:00', second + 5_000)).toBe(second + 999);
  });
  it('never puts a message in the future', () => {
    expect(parseStamp('2024-01-01T10:00:00Z', second + 300)).toBe(second + 300);
  });
  it('refuses what is not a time', () => {
    expect(parseStamp('yesterday')).toBeUndefined();
    expect(parseStamp(undefined)).toBeUndefined();
  });
});
