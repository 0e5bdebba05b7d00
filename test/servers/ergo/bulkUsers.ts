/**
 * A server-side bulk method for large channels: a minimal server linked to the test
 * InspIRCd over its server protocol (spanningtree, protocol 1205) that introduces N users in
 * its burst (UID) and puts them in a channel (FJOIN). InspIRCd then holds a real N-member
 * channel, without N client sockets (the machine allows 20,000 open files per process).
 */
import net from 'node:net';

export const BULK_SERVER_NAME = 'bulk.test.local';
const SID = '0BK';

export interface BulkLink {
  /** Resolves once the burst was accepted (the remote's ENDBURST seen and ours sent). */
  readonly ready: Promise<void>;
  close(): void;
}

/** The user's UUID: our SID and 6 letters (base 26, A = 0), unique per index. */
function uidFor(index: number): string {
  let rest = index;
  let suffix = '';
  for (let i = 0; i < 6; i++) {
    suffix = String.fromCharCode(65 + (rest % 26)) + suffix;
    rest = Math.floor(rest / 26);
  }
  return `${SID}${suffix}`;
}

/**
 * InspIRCd reads at most netbuffersize bytes per readiness event and then waits for the
 * next one (up to its 1 s tick): write in pieces no larger than that, a few ms apart.
 */
async function writePaced(socket: net.Socket, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length && !socket.destroyed; offset += 60_000) {
    socket.write(data.subarray(offset, offset + 60_000));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function linkBulkUsers(options: { port: number; password: string; channel: string; count: number; nickPrefix?: string }): BulkLink {
  const socket = net.connect({ host: '127.0.0.1', port: options.port });
  const prefix = options.nickPrefix ?? 'member';
  let buffer = '';
  let sentBurst = false;
  const received: string[] = [];
  const send = (line: string): void => {
    socket.write(`${line}\n`);
  };
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bulk link did not complete:\n${received.slice(-10).join('\n')}`)), 60_000);
    socket.on('error', (error) => reject(new Error(`bulk link: ${error.message}`)));
    socket.on('close', () => reject(new Error(`the IRC server closed the bulk link:\n${received.slice(-10).join('\n')}`)));
    socket.on('connect', () => {
      send('CAPAB START 1205');
      send('CAPAB CAPABILITIES :CASEMAPPING=rfc1459');
      send('CAPAB END');
      send(`SERVER ${BULK_SERVER_NAME} ${options.password} 0 ${SID} :bulk users for tests`);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let index = buffer.indexOf('\n'); index >= 0; index = buffer.indexOf('\n')) {
        const line = buffer.slice(0, index).replace(/\r$/, '');
        buffer = buffer.slice(index + 1);
        received.push(line);
        if (received.length > 200) received.shift();
        const words = line.split(' ');
        const command = line.startsWith(':') ? words[1] : words[0];
        if (command === 'PING') send(`:${SID} PONG ${line.startsWith(':') ? (words[0] ?? '').slice(1) : words[1] ?? ''}`);
        if (command === 'SERVER' && !sentBurst && !line.startsWith(':')) {
          sentBurst = true;
          const remoteSid = words[4] ?? '';
          const now = Math.floor(Date.now() / 1000);
          const lines = [`:${SID} BURST ${now}`];
          for (let i = 0; i < options.count; i++) {
            lines.push(`:${SID} UID ${uidFor(i)} ${now} ${prefix}${i} h${i}.test h${i}.test u${i} 127.0.0.1 ${now} +i :Member ${i}`);
          }
          for (let start = 0; start < options.count; start += 500) {
            const members = [];
            for (let i = start; i < Math.min(options.count, start + 500); i++) members.push(`${i % 100 === 0 ? 'v' : ''},${uidFor(i)}`);
            lines.push(`:${SID} FJOIN ${options.channel} ${now} +nt :${members.join(' ')}`);
          }
          lines.push(`:${SID} ENDBURST`);
          // Lines are processed in order: the answer to this PING means the burst is in.
          lines.push(`:${SID} PING ${remoteSid}`);
          void writePaced(socket, Buffer.from(`${lines.join('\n')}\n`));
        }
        if (command === 'PONG' && sentBurst) {
          clearTimeout(timer);
          resolve();
        }
        if (command === 'ERROR') reject(new Error(`the IRC server refused the bulk link: ${line}`));
      }
    });
  });
  ready.catch(() => undefined);
  return { ready, close: () => socket.destroy() };
}
