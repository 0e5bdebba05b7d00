/**
 * The bare XMPP client of the roster benchmark: @xmpp/client with no UI logs in (STARTTLS,
 * SCRAM), asks for the roster, sends initial presence, and is done when it has the whole
 * roster and an available presence from every online contact.
 *   node dist/bench/receivers/xmppRosterClient.js PORT USER PASSWORD CONTACTS ONLINE [caps]
 * With "caps" it sends the presence Switchboard sends (XEP-0115 caps with Switchboard's
 * node and hash) and answers disco#info as Switchboard does, the way a plain client would:
 * presence right after the roster, nothing more (the fair reference for Prosody's work).
 * Prints "DONE <start ms> <roster ms> <end ms> <items> <online>" (monotonic ms).
 * Run with NODE_TLS_REJECT_UNAUTHORIZED=0 (the test server's certificate is self-signed).
 */
import { client, xml } from '@xmpp/client';
import { argv, stdout } from 'node:process';
import { CAPS_NODE, CAPS_VER, FEATURES } from '../../protocols/xmpp/disco.js';

const [port = '5222', username = 'bench', password = 'bench', contacts = '0', online = '0', mode = ''] = argv.slice(2);
const withCaps = mode === 'caps';
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const start = now();
let rosterAt = 0;
let items = 0;
const available = new Set<string>();
// A loaded Prosody can take more than @xmpp/client's default 2 s to open the stream.
const xmpp = client({ service: `xmpp://127.0.0.1:${port}`, domain: 'localhost', username, password, resource: 'bare', timeout: 30_000 });
let done = false;
const check = (): void => {
  if (!done && rosterAt > 0 && items >= Number(contacts) && available.size >= Number(online)) {
    done = true;
    stdout.write(`DONE ${start} ${rosterAt} ${now()} ${items} ${available.size}\n`);
    // Close the stream properly: a killed session would stay hibernated (XEP-0198) on the
    // server and make the next logins of the same account cost more.
    void xmpp.stop().finally(() => process.exit(0));
  }
};
xmpp.on('error', (error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
xmpp.on('stanza', (stanza) => {
  if (withCaps && stanza.is('iq') && stanza.attrs['type'] === 'get' && stanza.getChild('query', 'http://jabber.org/protocol/disco#info')) {
    const node = stanza.getChild('query')?.attrs['node'] as string | undefined;
    void xmpp.send(xml('iq', { type: 'result', id: stanza.attrs['id'] as string, to: stanza.attrs['from'] as string },
      xml('query', { xmlns: 'http://jabber.org/protocol/disco#info', ...(node !== undefined ? { node } : {}) },
        xml('identity', { category: 'client', type: 'pc', name: 'Switchboard' }),
        ...FEATURES.map((feature) => xml('feature', { var: feature })))));
    return;
  }
  if (stanza.is('presence') && stanza.attrs['type'] === undefined) {
    available.add(String(stanza.attrs['from']).split('/')[0] ?? '');
    check();
  }
});
xmpp.on('online', () => {
  void xmpp.iqCaller.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })), 60_000).then((result) => {
    items = result.getChild('query')?.getChildren('item').length ?? 0;
    rosterAt = now();
    void xmpp.send(withCaps ? xml('presence', {}, xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: CAPS_NODE, ver: CAPS_VER })) : xml('presence'));
    check();
  });
});
void xmpp.start();
