/**
 * The flood sender: one raw socket that joins the channel and, on "GO <n>" from stdin,
 * writes n PRIVMSGs of about 80 characters as fast as the server takes them in, then
 * `END <n>`. Reports on stdout: "READY", "JOIN <nick>" when someone joins, "START <ms>"
 * just before the first line (monotonic ms) and "SENT <ms>" after the last.
 *   node dist/bench/receivers/floodSender.js PORT CHANNEL
 */
import { argv, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline';
import { rawIrcSocket } from './rawIrc.js';

const [port = '6667', channel = '#bench'] = argv.slice(2);
const nick = 'flooder';
const FILLER = 'the quick brown fox jumps over the lazy dog while the server relays every line ';

function line(i: number): string {
  const head = `flood ${i} `;
  return `PRIVMSG ${channel} :${head}${FILLER.slice(0, 80 - head.length)}\r\n`;
}

/**
 * Lines go out in batches of BATCH, each followed by a PING; the next batch leaves when its
 * PONG is back, i.e. as soon as the server has taken the previous one in. InspIRCd 3 reads
 * one buffer per readiness event, so a sender that blasts megabytes at once leaves most of
 * them unread for seconds; pacing by PONG measures how fast the server relays instead.
 * (A batch stays well under InspIRCd's 10 kB read buffer.)
 */
const BATCH = 40;
let acked: (() => void) | undefined;

async function flood(count: number): Promise<void> {
  stdout.write(`START ${Number(process.hrtime.bigint()) / 1e6}\n`);
  for (let i = 0; i < count; i += BATCH) {
    let chunk = '';
    for (let j = i; j < Math.min(count, i + BATCH); j++) chunk += line(j);
    const back = new Promise<void>((resolve) => { acked = resolve; });
    socket.write(`${chunk}PING :flood${i}\r\n`);
    await back;
  }
  socket.write(`PRIVMSG ${channel} :END ${count}\r\n`);
  stdout.write(`SENT ${Number(process.hrtime.bigint()) / 1e6}\n`);
}

const socket = rawIrcSocket(Number(port), nick, (l) => {
  if (/ PONG \S+ :?flood\d+/.test(l)) acked?.();
  else if (/^:\S+ 001 /.test(l)) socket.write(`JOIN ${channel}\r\n`);
  else if (/^:\S+ 366 /.test(l)) stdout.write('READY\n');
  else {
    const join = /^(?:@\S+ )?:([^!\s]+)!\S+ JOIN :?(\S+)/.exec(l);
    if (join?.[1] && join[1] !== nick) stdout.write(`JOIN ${join[1]}\n`);
  }
});
socket.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
socket.on('close', () => process.exit(1));
createInterface({ input: stdin }).on('line', (command) => {
  const go = /^GO (\d+)$/.exec(command);
  if (go) void flood(Number(go[1]));
});
