/**
 * A tiny IRC client on plain node:net, independent of irc-framework and of our adapter:
 * tests use it as the "other person" on a real server, so that what the adapter sends
 * is checked by something that does not share its code.
 */
import net from 'node:net';

export interface RawIrcClient {
  /** The nick the server accepted (from 001). */
  readonly nick: string;
  /** Every line received so far, without CR LF, decoded as UTF-8. */
  readonly lines: readonly string[];
  /** Send one raw line (CR LF is added). */
  send(line: string): void;
  /** Send raw bytes as they are (for encodings other than UTF-8); add CR LF yourself. */
  sendBytes(bytes: Uint8Array): void;
  /** Wait for a received line matching `pattern` (lines already received count too, once each). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Send QUIT and close; resolves within 2 s whatever the server does. */
  close(): Promise<void>;
}

export interface RawIrcClientOptions {
  readonly port: number;
  readonly nick: string;
  readonly host?: string;
  readonly password?: string;
  /** Overall registration timeout (default 10 s). */
  readonly timeoutMs?: number;
}

interface Waiter {
  readonly pattern: RegExp;
  readonly resolve: (line: string) => void;
}

/** Connect, register with NICK/USER (and PASS), answer PINGs, resolve after 001. */
export async function connectRawIrcClient(options: RawIrcClientOptions): Promise<RawIrcClient> {
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const socket = net.connect({ host, port: options.port });
  socket.setNoDelay(true);
  const lines: string[] = [];
  let consumed = 0;
  const waiters: Waiter[] = [];
  let buffer = Buffer.alloc(0);
  let closed = false;

  const deliver = (line: string): void => {
    lines.push(line);
    if (line.startsWith('PING')) socket.write(`PONG${line.slice(4)}\r\n`);
    for (let i = 0; i < waiters.length; i++) {
      const waiter = waiters[i];
      if (waiter && waiter.pattern.test(line)) {
        waiters.splice(i, 1);
        consumed = lines.length;
        waiter.resolve(line);
        return;
      }
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    let index = buffer.indexOf(0x0a);
    while (index >= 0) {
      const raw = buffer.subarray(0, index).toString('utf8').replace(/\r$/, '');
      buffer = buffer.subarray(index + 1);
      deliver(raw);
      index = buffer.indexOf(0x0a);
    }
  });
  socket.on('error', () => {
    /* reported through the waits timing out; close() still resolves */
  });
  socket.on('close', () => {
    closed = true;
  });

  const waitForLine = (pattern: RegExp, wait = 5_000): Promise<string> => {
    for (let i = consumed; i < lines.length; i++) {
      const line = lines[i];
      if (line !== undefined && pattern.test(line)) {
        consumed = i + 1;
        return Promise.resolve(line);
      }
    }
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        reject(new Error(`raw IRC client ${options.nick}: no line matching ${String(pattern)} within ${wait} ms; last lines:\n${lines.slice(-8).join('\n')}`));
      }, wait);
      const waiter: Waiter = {
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      waiters.push(waiter);
    });
  };

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`raw IRC client: cannot connect to ${host}:${options.port} within ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`raw IRC client: cannot connect to ${host}:${options.port}: ${error.message}`));
    });
  });

  if (options.password !== undefined) socket.write(`PASS ${options.password}\r\n`);
  socket.write(`NICK ${options.nick}\r\nUSER ${options.nick} 0 * :Raw test client\r\n`);
  const welcome = await waitForLine(/^:\S+ (001|4\d\d) /, timeoutMs);
  if (!/^:\S+ 001 /.test(welcome)) {
    socket.destroy();
    throw new Error(`raw IRC client ${options.nick}: registration refused: ${welcome}`);
  }
  const acceptedNick = welcome.split(' ')[2] ?? options.nick;

  return {
    nick: acceptedNick,
    lines,
    send(line: string): void {
      socket.write(`${line}\r\n`);
    },
    sendBytes(bytes: Uint8Array): void {
      socket.write(bytes);
    },
    waitForLine,
    close(): Promise<void> {
      if (closed) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          socket.destroy();
          resolve();
        }, 2_000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.end('QUIT :bye\r\n');
      });
    },
  };
}
