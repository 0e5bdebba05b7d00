/**
 * The soak's independent peers (bench/parts/soak.ts): one IRC client (raw socket) in the
 * channel and writing to the account directly, a second one that joins and parts the channel
 * every second; one XMPP client (@xmpp/client) in the MUC and writing to the account directly
 * with a correction (XEP-0308) now and then; one Matrix user (client-server API over HTTP) in
 * the room and the direct room, with edits (m.replace) and reactions (m.annotation).
 * Each network sends its share of the rate (bench/lib/soakTraffic.ts), paced on a 50 ms
 * clock, and never queues more than a second of its share: a network that cannot keep up
 * sends less, and DONE says how much each did.
 *   node dist/bench/receivers/soakPeers.js CONFIG_JSON
 * stdout: "READY" once all three are in their rooms; "JOIN <nick>" when someone joins the IRC
 * channel; after "GO" on stdin: "PROGRESS <json>" every 2 s and "DONE <json>" (SoakSent).
 * Run with NODE_TLS_REJECT_UNAUTHORIZED=0 (the XMPP server's certificate is self-signed).
 */
import { client, xml } from '@xmpp/client';
import net from 'node:net';
import { argv, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline';
import { DIRECT_EVERY, EXTRA_EVERY, NETWORK_SHARE, STREAMS, soakBody, type SoakPeersConfig, type SoakSent, type Stream } from '../lib/soakTraffic.js';
import { rawIrcSocket } from './rawIrc.js';

const config = JSON.parse(argv[2] ?? '{}') as SoakPeersConfig;
const sent: Record<Stream, number> = Object.fromEntries(STREAMS.map((s) => [s, 0])) as Record<Stream, number>;
let edits = 0;
let reactions = 0;
let joinsParts = 0;
const fail = (what: string) => (error: unknown): void => {
  process.stderr.write(`${what}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};

// ---- IRC: raw sockets, PING-paced batches (as bench/receivers/floodSender.ts) ----
function ircSocket(nick: string, onLine: (line: string, socket: net.Socket) => void): net.Socket {
  const socket = rawIrcSocket(config.irc.port, nick, onLine);
  socket.on('error', fail(`IRC ${nick}`));
  return socket;
}

let ircBusy = false;
const ircJoined = new Promise<void>((resolve) => {
  ircSocket('soakpeer', (line, socket) => {
    if (/^:\S+ 001 /.test(line)) socket.write(`JOIN ${config.irc.channel}\r\n`);
    else if (/^:\S+ 366 /.test(line)) { ircPeer = socket; resolve(); }
    else if (/ PONG \S+ :?soak\d+/.test(line)) ircBusy = false;
    else {
      const join = /^:([^!\s]+)!\S+ JOIN :?\S+/.exec(line);
      if (join?.[1] && join[1] !== 'soakpeer' && join[1] !== 'soakwalk') stdout.write(`JOIN ${join[1]}\n`);
    }
  });
});
let ircPeer: net.Socket | undefined;
let walker: net.Socket | undefined;
let walkerIn = false;
const walkerReady = new Promise<void>((resolve) => {
  ircSocket('soakwalk', (line, socket) => { if (/^:\S+ 001 /.test(line)) { walker = socket; resolve(); } });
});

function sendIrc(count: number): number {
  if (ircBusy || !ircPeer) return 0;
  let chunk = '';
  let batch = 0;
  for (; batch < Math.min(count, 400); batch++) {
    const direct = (sent['irc.channel'] + sent['irc.direct']) % DIRECT_EVERY === DIRECT_EVERY - 1;
    const stream: Stream = direct ? 'irc.direct' : 'irc.channel';
    chunk += `PRIVMSG ${direct ? config.irc.accountNick : config.irc.channel} :${soakBody(stream, sent[stream]++)}\r\n`;
  }
  ircBusy = true;
  ircPeer.write(`${chunk}PING :soak${sent['irc.channel']}\r\n`);
  return batch;
}

// ---- XMPP: @xmpp/client ----
const xmpp = client({ service: `xmpp://127.0.0.1:${config.xmpp.port}`, domain: 'localhost', username: config.xmpp.user, password: config.xmpp.password, resource: 'soak', timeout: 60_000 });
xmpp.on('error', fail('XMPP'));
const roomJid = config.xmpp.room;
const xmppJoined = new Promise<void>((resolve) => {
  xmpp.on('stanza', (stanza) => {
    // Our own presence reflected by the room (XEP-0045 §7.2.2, status 110): we are in.
    if (stanza.is('presence') && String(stanza.attrs['from']).startsWith(`${roomJid}/`)
      && stanza.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChildren('status').some((s) => s.attrs['code'] === '110')) resolve();
  });
});
xmpp.on('online', () => {
  void xmpp.send(xml('presence'));
  void xmpp.send(xml('presence', { to: `${roomJid}/soakpeer` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' }, xml('history', { maxstanzas: '0' }))));
});
let xmppBusy = false;
let lastDirect = { id: '', seq: 0 };

function sendXmpp(count: number): number {
  if (xmppBusy) return 0;
  const stanzas = [];
  let batch = 0;
  for (; batch < Math.min(count, 200); batch++) {
    const direct = (sent['xmpp.room'] + sent['xmpp.direct']) % DIRECT_EVERY === DIRECT_EVERY - 1;
    const stream: Stream = direct ? 'xmpp.direct' : 'xmpp.room';
    const seq = sent[stream]++;
    const id = `soak-${stream}-${seq}`;
    stanzas.push(xml('message', { to: direct ? config.xmpp.accountJid : roomJid, type: direct ? 'chat' : 'groupchat', id }, xml('body', {}, soakBody(stream, seq))));
    if (direct) {
      if (lastDirect.id !== '' && seq % EXTRA_EVERY === 0) {
        // XEP-0308: a correction of the previous direct message (its body still names it, so it is counted either way).
        stanzas.push(xml('message', { to: config.xmpp.accountJid, type: 'chat', id: `${id}-fix` }, xml('body', {}, `${soakBody(stream, lastDirect.seq)} corrected`),
          xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: lastDirect.id })));
        edits++;
      }
      lastDirect = { id, seq };
    }
  }
  xmppBusy = true;
  void xmpp.sendMany(stanzas).then(() => { xmppBusy = false; }, fail('XMPP send'));
  return batch;
}

// ---- Matrix: client-server API over HTTP ----
const MATRIX_IN_FLIGHT = 8;
let matrixInFlight = 0;
let txn = 0;
let lastRoom = { eventId: '', seq: 0 };

async function matrixSend(roomId: string, type: string, content: unknown): Promise<string> {
  matrixInFlight++;
  try {
    const url = `${config.matrix.baseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${type}/soak${process.pid}x${txn++}`;
    const answer = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${config.matrix.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(content) });
    if (!answer.ok) throw new Error(`${answer.status} ${await answer.text()}`);
    return ((await answer.json()) as { event_id: string }).event_id;
  } finally {
    matrixInFlight--;
  }
}

function sendMatrix(count: number): number {
  let batch = 0;
  for (; batch < count && matrixInFlight < MATRIX_IN_FLIGHT; batch++) {
    const direct = (sent['matrix.room'] + sent['matrix.direct']) % DIRECT_EVERY === DIRECT_EVERY - 1;
    const stream: Stream = direct ? 'matrix.direct' : 'matrix.room';
    const seq = sent[stream]++;
    const roomId = direct ? config.matrix.directRoomId : config.matrix.roomId;
    void matrixSend(roomId, 'm.room.message', { msgtype: 'm.text', body: soakBody(stream, seq) }).then((eventId) => {
      if (direct) return;
      const target = lastRoom;
      lastRoom = { eventId, seq };
      if (target.eventId === '' || seq % EXTRA_EVERY !== 0) return;
      // An edit (m.replace) or a reaction (m.annotation) on the room's previous message, by turns.
      // The edit's text still names the message: an edit that arrives with its original (one sync) is counted too.
      if ((seq / EXTRA_EVERY) % 2 === 0) {
        edits++;
        const body = `${soakBody(stream, target.seq)} edited`;
        return matrixSend(roomId, 'm.room.message', { msgtype: 'm.text', body: `* ${body}`, 'm.new_content': { msgtype: 'm.text', body },
          'm.relates_to': { rel_type: 'm.replace', event_id: target.eventId } }).then(() => undefined);
      }
      reactions++;
      return matrixSend(roomId, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: target.eventId, key: '👍' } }).then(() => undefined);
    }).catch(fail('Matrix send'));
  }
  return batch;
}

// ---- the clock ----
const TICK_MS = 50;
function report(): SoakSent {
  return { streams: { ...sent }, edits, reactions, joinsParts };
}

function run(): void {
  const started = Date.now();
  const due = { irc: 0, xmpp: 0, matrix: 0 };
  const senders = { irc: sendIrc, xmpp: sendXmpp, matrix: sendMatrix };
  const progress = setInterval(() => stdout.write(`PROGRESS ${JSON.stringify(report())}\n`), 2000);
  const walk = setInterval(() => {
    walker?.write(`${walkerIn ? 'PART' : 'JOIN'} ${config.irc.channel}\r\n`);
    walkerIn = !walkerIn;
    joinsParts++;
  }, 1000);
  const tick = setInterval(() => {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed >= config.seconds) {
      clearInterval(tick);
      clearInterval(progress);
      clearInterval(walk);
      // The last sends are on their way: wait for the IRC batch's PONG, the XMPP write, the HTTP answers.
      const finish = setInterval(() => {
        if (ircBusy || xmppBusy || matrixInFlight > 0) return;
        clearInterval(finish);
        stdout.write(`DONE ${JSON.stringify(report())}\n`);
      }, TICK_MS);
      return;
    }
    for (const network of ['irc', 'xmpp', 'matrix'] as const) {
      const share = config.rate * NETWORK_SHARE[network];
      // Owed so far, at most one second of the share: a network that falls behind does not burst to catch up.
      due[network] = Math.min(due[network] + share * (TICK_MS / 1000), Math.max(1, share));
      due[network] -= senders[network](Math.floor(due[network]));
    }
  }, TICK_MS);
}

void xmpp.start().catch(fail('XMPP login'));
Promise.all([ircJoined, walkerReady, xmppJoined]).then(() => {
  stdout.write('READY\n');
  createInterface({ input: stdin }).on('line', (command) => { if (command === 'GO') run(); });
}, fail('joining'));
