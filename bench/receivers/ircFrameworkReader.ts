/**
 * Flood receiver "bare irc-framework client": the library our adapter builds on, with no
 * store and no UI, keeping each message in memory (what "stored" means for it).
 *   node dist/bench/receivers/ircFrameworkReader.js PORT NICK CHANNEL
 * Prints "JOINED", then "END <monotonic ms> <messages kept>" and exits.
 */
import irc, { type MessageEvent } from 'irc-framework';
import { argv, stdout } from 'node:process';

const [port = '6667', nick = 'ircfw', channel = '#bench'] = argv.slice(2);
const client = new irc.Client();
const kept: MessageEvent[] = [];
client.on('registered', () => client.raw(`JOIN ${channel}`));
client.on('join', (event) => {
  if (event.nick === client.user.nick) stdout.write('JOINED\n');
});
client.on('privmsg', (event) => {
  kept.push(event);
  if (event.message?.startsWith('END ')) {
    stdout.write(`END ${Number(process.hrtime.bigint()) / 1e6} ${kept.length}\n`);
    process.exit(0);
  }
});
client.on('socket close', () => process.exit(1));
client.connect({ host: '127.0.0.1', port: Number(port), nick, auto_reconnect: false });
