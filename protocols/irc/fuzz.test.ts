/**
 * Fuzz: 100,000+ random and mutated lines through the whole line handling of a live
 * connection (socket bytes → line reader and decoding → irc-framework's parser → our
 * handlers → events). No exception may escape, the connection must stay up, and a
 * normal message afterwards must still arrive. Deterministic (seeded).
 */
import { afterEach, expect, it } from 'vitest';
import { IrcConnection } from './ircConnection.js';
import { recorder } from './testRecorder.js';
import { startScriptedServer, type ScriptedServer } from './testServer.js';

const CORPUS = [
  ':bob!u@h PRIVMSG #c :hello \x02bold\x02 \x0304,12colour',
  '@msgid=x1;time=2020-01-01T00:00:00.000Z :bob!u@h PRIVMSG alice :hi there',
  ':bob!u@h NOTICE alice :a notice', ':bob!u@h PRIVMSG alice :\x01VERSION\x01', ':bob!u@h PRIVMSG alice :\x01PING 123\x01',
  ':bob!u@h PRIVMSG #c :\x01ACTION waves\x01', ':s 353 alice = #c :@bob +carol dave!u@h %erin',
  ':s 366 alice #c :End of NAMES', ':alice!u@h JOIN #c', ':bob!u@h JOIN #c acct :Real Name', ':bob!u@h PART #c :bye',
  ':op!u@h KICK #c bob :reason', ':op!u@h MODE #c +ov-h bob carol dave', ':bob!u@h NICK bobby', ':bob!u@h QUIT :quit',
  ':bob!u@h TOPIC #c :new topic', ':s 332 alice #c :the topic', ':s BATCH +b1 chathistory #c',
  '@batch=b1;msgid=h1;time=2020-01-01T00:00:01Z :bob!u@h PRIVMSG #c :history', ':s BATCH -b1', ':s BATCH +b2 labeled-response',
  ':s 730 alice :bob!u@h,carol!u@h', ':s 731 alice :bob,carol', ':s 303 alice :bob carol', ':s 321 alice Channel :Users Name',
  ':s 322 alice #c 5 :[+nt] topic', ':s 323 alice :End of LIST', '@+typing=active :bob!u@h TAGMSG #c', '@+typing=done :bob!u@h TAGMSG alice',
  ':bob!u@h INVITE alice #c', ':bob!u@h INVITE carol #c', ':bob!u@h AWAY :gone', ':bob!u@h AWAY', ':s CAP alice NEW :sts=port=1 batch',
  ':s CAP alice DEL :batch', ':s 904 alice :SASL failed', ':s 433 * alice :in use', ':s 005 alice PREFIX=(qaohv)~&@%+ CHANTYPES=#& MONITOR=10 :ok',
  ':bob!u@h ACCOUNT acct', ':bob!u@h ACCOUNT *', 'PING :token', ':s 311 alice bob u h * :real', ':s 318 alice bob :End of WHOIS',
  ':s 999 alice :unknown numeric', ':s 482 alice #c :not an operator', 'FAIL CHATHISTORY INVALID_TARGET #c :no',
  ':bob!u@h CHGHOST u2 h2', ':bob!u@h SETNAME :new name', ':\x02b\x02ob!u@h PRIVMSG alice :nick with codes', ':s 001 alice :welcome again',
];

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One fuzzed line, without LF (CR and every other byte allowed). */
function fuzzLine(random: () => number): Buffer {
  const pick = (n: number): number => Math.floor(random() * n);
  const roll = random();
  if (roll < 0.25) {
    // Random bytes, any length up to 600.
    const bytes = Buffer.alloc(pick(600));
    for (let i = 0; i < bytes.length; i++) bytes[i] = pick(256);
    return Buffer.from(bytes.filter((b) => b !== 0x0a));
  }
  let line = Buffer.from(CORPUS[pick(CORPUS.length)] ?? '', 'utf8');
  if (roll < 0.35) return line; // unchanged
  const mutations = 1 + pick(4);
  for (let m = 0; m < mutations; m++) {
    const at = pick(line.length + 1);
    switch (pick(6)) {
      case 0: line = Buffer.concat([line.subarray(0, at), Buffer.from([pick(256)]), line.subarray(at)]); break; // insert a byte
      case 1: if (line.length > 0) line[Math.min(at, line.length - 1)] = pick(256); break; // flip a byte
      case 2: line = line.subarray(0, at); break; // truncate
      case 3: line = Buffer.concat([line.subarray(0, at), line.subarray(pick(line.length + 1))]); break; // splice
      case 4: line = Buffer.concat([Buffer.from(`@${'x=y;'.repeat(pick(40))} `), line]); break; // tags
      default: line = Buffer.concat([line, Buffer.from(' '.repeat(pick(3)) + 'é😀\x03'.repeat(pick(200)))]); // long, multi-byte
    }
  }
  return Buffer.from(line.filter((b) => b !== 0x0a));
}

let server: ScriptedServer | undefined;
let connection: IrcConnection | undefined;
afterEach(async () => {
  await connection?.disconnect();
  await server?.close();
}, 30_000);

it('survives 100,000+ random and mutated lines without an exception escaping', async () => {
  const escaped: unknown[] = [];
  const onError = (error: unknown): void => {
    escaped.push(error);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  try {
    server = await startScriptedServer({ caps: 'echo-message labeled-response message-tags batch server-time draft/chathistory multi-prefix', isupport: 'CHATHISTORY=100 MONITOR=100' });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    await connection.joinRoom({ room: '#c' });
    const random = prng(20261121);
    const LINES = 100_000;
    let sent = 0;
    while (sent < LINES) {
      const chunk: Buffer[] = [];
      for (let i = 0; i < 2_000; i++, sent++) chunk.push(fuzzLine(random), Buffer.from('\r\n'));
      server.push(Buffer.concat(chunk));
      // Let the client read between chunks, as a real network would.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    server.push(Buffer.concat([Buffer.from(`:${'x'.repeat(20_000)}\r\n`), Buffer.from(':zed!u@h PRIVMSG alice :after the storm\r\n')]));
    const after = await rec.waitForEvent('the message after the fuzz', (e) => e.type === 'message.received' && e.message.body === 'after the storm', 60_000);
    expect(after).toMatchObject({ message: { senderId: 'zed' } });
    expect(sent).toBeGreaterThanOrEqual(100_000);
    expect(escaped).toEqual([]);
    expect(rec.events.some((e) => e.type === 'connection.state' && e.state === 'failed')).toBe(false);
    // Whatever arrived, no message body carries a raw control character (formatting is never shown raw).
    for (const message of rec.received()) expect(message.body).not.toMatch(/[\x00-\x08\x0B-\x1F\x7F]/);
  } finally {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  }
}, 90_000);
