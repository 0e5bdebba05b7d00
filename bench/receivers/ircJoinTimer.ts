/**
 * Times a channel join until the member list is complete (366 End of NAMES): with a raw
 * socket (the limit) or a bare irc-framework client (its `userlist` event).
 *   node dist/bench/receivers/ircJoinTimer.js raw|ircfw PORT NICK CHANNEL
 * Prints "READY" once registered; on "GO" from stdin joins and prints
 * "DONE <start ms> <end ms> <members>" (monotonic ms), then exits.
 */
import { argv, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline';
import irc from 'irc-framework';
import { rawIrcSocket } from './rawIrc.js';

const [mode = 'raw', port = '6667', nick = 'joiner', channel = '#crowd'] = argv.slice(2);
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
let start = 0;
const go = (join: () => void): void => {
  createInterface({ input: stdin }).on('line', (line) => {
    if (line !== 'GO') return;
    start = now();
    join();
  });
  stdout.write('READY\n');
};

if (mode === 'raw') {
  let members = 0;
  rawIrcSocket(Number(port), nick, (line, socket) => {
    if (/^:\S+ 001 /.test(line)) go(() => socket.write(`JOIN ${channel}\r\n`));
    else if (/^:\S+ 353 /.test(line)) members += (line.slice(line.indexOf(' :', 1) + 2).trim().split(' ')).length;
    else if (/^:\S+ 366 /.test(line)) {
      stdout.write(`DONE ${start} ${now()} ${members}\n`);
      process.exit(0);
    }
  });
} else {
  const client = new irc.Client();
  client.on('registered', () => go(() => client.raw(`JOIN ${channel}`)));
  client.on('userlist', (event) => {
    stdout.write(`DONE ${start} ${now()} ${event.users?.length ?? 0}\n`);
    process.exit(0);
  });
  client.connect({ host: '127.0.0.1', port: Number(port), nick, auto_reconnect: false });
}
