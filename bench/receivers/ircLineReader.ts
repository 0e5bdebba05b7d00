/**
 * Flood receiver "raw Node socket line reader" (the limit): registers, joins the channel,
 * splits the stream into lines and does nothing else until it sees `END <n>`.
 *   node dist/bench/receivers/ircLineReader.js PORT NICK CHANNEL
 * Prints "JOINED" once in the channel, then "END <monotonic ms>" and exits.
 */
import net from 'node:net';
import { argv, stdout } from 'node:process';

const [port = '6667', nick = 'reader', channel = '#bench'] = argv.slice(2);
const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
socket.setNoDelay(true);
const endPrefix = `PRIVMSG ${channel} :END `;
let rest = '';
let lines = 0;
socket.setEncoding('utf8');
socket.on('connect', () => socket.write(`NICK ${nick}\r\nUSER ${nick} 0 * :${nick}\r\n`));
socket.on('data', (chunk: string) => {
  const text = rest + chunk;
  let start = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
    const line = text.slice(start, at);
    start = at + 1;
    lines++;
    if (line.startsWith('PING')) socket.write(`PONG${line.slice(4)}\n`);
    else if (line.includes(endPrefix)) {
      stdout.write(`END ${Number(process.hrtime.bigint()) / 1e6} ${lines}\n`);
      socket.destroy();
      process.exit(0);
    } else if (/^:\S+ 001 /.test(line)) socket.write(`JOIN ${channel}\r\n`);
    else if (/^:\S+ 366 /.test(line)) stdout.write('JOINED\n');
  }
  rest = text.slice(start);
});
socket.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
