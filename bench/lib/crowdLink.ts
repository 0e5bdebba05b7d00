/**
 * A crowd in one channel, the cheap real way: a fake server linked to InspIRCd over its
 * spanning-tree protocol (1205, as services packages link) bursts N users already in the
 * channel. Nobody local is in the channel during the burst, so no JOIN is broadcast (20,000
 * clients joining one by one would relay 200 million JOIN lines); a client that joins
 * afterwards gets the real NAMES reply with every member.
 */
import net from 'node:net';
import { LINK_PASSWORD, LINK_SERVER_NAME, type BenchIrcServer } from './ircServer.js';
import { rng } from './corpus.js';

const SID = '0CR';

export interface Crowd {
  readonly channel: string;
  readonly members: number;
  close(): void;
}

function uid(i: number): string {
  let n = i;
  let out = '';
  for (let k = 0; k < 6; k++) {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26);
  }
  return `${SID}${out}`;
}

export async function burstCrowd(server: BenchIrcServer, channel: string, count: number): Promise<Crowd> {
  if (server.linkPort === undefined) throw new Error(`${server.software} has no server link for the crowd (InspIRCd only)`);
  const socket = net.connect({ host: '127.0.0.1', port: server.linkPort });
  socket.setNoDelay(true);
  socket.setEncoding('utf8');
  const random = rng(2024);
  const now = Math.floor(Date.now() / 1000);
  const linked = new Promise<void>((resolve, reject) => {
    let rest = '';
    let sent = false;
    let pump = (): void => undefined;
    const timer = setTimeout(() => reject(new Error('the crowd server link did not come up within 60 s')), 60_000);
    socket.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const raw of lines) {
        const line = raw.replace(/\r$/, '');
        if (process.env['BENCH_DEBUG']) process.stderr.write(`crowd link < ${line}\n`);
        if (line.startsWith('ERROR')) {
          clearTimeout(timer);
          reject(new Error(`server link refused: ${line}`));
          return;
        }
        const ping = /^:(\S+) PING (\S+)/.exec(line);
        if (ping?.[1]) socket.write(`:${SID} PONG ${ping[1]}\r\n`);
        if (!sent && /^SERVER /.test(line)) {
          sent = true;
          const out: string[] = [`:${SID} BURST ${now}`];
          for (let i = 0; i < count; i++) {
            const nick = `${String.fromCharCode(97 + Math.floor(random() * 26))}${Math.floor(random() * 36 ** 5).toString(36).padStart(5, "0")}${i.toString(36)}`;
            out.push(`:${SID} UID ${uid(i)} ${now} ${nick} crowd.host crowd.host ${nick.slice(0, 10)} 127.0.0.2 ${now} + :Crowd member ${i}`);
          }
          let members: string[] = [];
          const flush = (): void => {
            out.push(`:${SID} FJOIN ${channel} ${now - 3600} +nt :${members.join(' ')}`);
            members = [];
          };
          for (let i = 0; i < count; i++) {
            members.push(`,${uid(i)}:${i + 1}`);
            if (members.length >= 25) flush();
          }
          if (members.length > 0) flush();
          out.push(`:${SID} ENDBURST`);
          // In batches, each followed by a PING: InspIRCd reads one buffer per readiness
          // event (see floodSender.ts), and the last PONG means it processed everything.
          const theirs = line.split(' ')[4] ?? '';
          pump = () => {
            if (out.length === 0) {
              clearTimeout(timer);
              resolve();
              return;
            }
            socket.write(`${out.splice(0, 60).join('\r\n')}\r\n:${SID} PING ${theirs}\r\n`);
          };
          pump();
        } else if (sent && /^(?:@\S+ )?:\S+ PONG /.test(line)) {
          pump();
        }
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  socket.on('connect', () => {
    socket.write(`CAPAB START 1205\r\nCAPAB END\r\nSERVER ${LINK_SERVER_NAME} ${LINK_PASSWORD} 0 ${SID} :Benchmark crowd\r\n`);
  });
  await linked;
  return { channel, members: count, close: () => socket.destroy() };
}
