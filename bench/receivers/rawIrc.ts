/**
 * A raw IRC client socket for the bench's peers (the limit of what a client can do: no
 * library): registers as `nick`, answers the server's PINGs, and hands every other line, without
 * its CR LF split off, to `onLine`.
 */
import net from 'node:net';

export function rawIrcSocket(port: number, nick: string, onLine: (line: string, socket: net.Socket) => void): net.Socket {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  socket.setEncoding('utf8');
  let rest = '';
  socket.on('connect', () => socket.write(`NICK ${nick}\r\nUSER ${nick} 0 * :${nick}\r\n`));
  socket.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('PING')) socket.write(`PONG${line.slice(4)}\n`);
      else onLine(line, socket);
    }
  });
  return socket;
}
