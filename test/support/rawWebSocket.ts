/**
 * A WebSocket client on a bare TCP socket (RFC 6455), for tests of what a browser never
 * does on its own: stop reading, never answer a ping, dribble a handshake. Frames it
 * sends are masked (RFC 6455 §5.3); what it receives is parsed only when asked.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface ServerFrameRead {
  readonly opcode: number;
  readonly payload: Buffer;
}

export interface RawWebSocket {
  readonly socket: Socket;
  /** Sends one masked text frame; false when the socket's own buffer is full. */
  sendText(text: string): boolean;
  /** Stops reading: the kernel buffers fill, then the server's send backlog grows. */
  stopReading(): void;
  /** Reads frames (answering nothing) until the close frame; its status code and reason. */
  readUntilClose(timeoutMs?: number): Promise<{ code: number; reason: string; frames: number }>;
  /** Resolves when the server has closed or reset the TCP connection. */
  readonly ended: Promise<void>;
}

export interface RawHandshake {
  readonly port: number;
  readonly path: string;
  readonly host?: string;
  readonly origin?: string;
}

export function encodeClientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length])
    : length < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff])
    : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), bigEndian64(length)]);
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}

function bigEndian64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/** One frame at the start of `buffer`, or undefined while it is incomplete. */
function parseFrame(buffer: Buffer): { frame: ServerFrameRead; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[0] ?? 0;
  const second = buffer[1] ?? 0;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return undefined;
  return { frame: { opcode: first & 0x0f, payload: buffer.subarray(offset, offset + length) }, size: offset + length };
}

export async function openRawWebSocket(options: RawHandshake): Promise<RawWebSocket> {
  const socket = connect(options.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const ended = new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.on('error', () => undefined);
  });
  socket.write([
    `GET ${options.path} HTTP/1.1`,
    `Host: ${options.host ?? `127.0.0.1:${options.port}`}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...(options.origin === undefined ? [] : [`Origin: ${options.origin}`]),
    '', '',
  ].join('\r\n'));
  let pending: Buffer = await new Promise<Buffer>((resolve, reject) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.pause();
      const status = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      if (!status.includes(' 101 ')) reject(new Error(status));
      else resolve(head.subarray(end + 4));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed during the handshake')));
  });

  return {
    socket,
    ended,
    sendText: (text) => socket.write(encodeClientFrame(0x1, Buffer.from(text, 'utf8'))),
    stopReading: () => socket.pause(),
    readUntilClose: (timeoutMs = 30_000) => new Promise((resolve, reject) => {
      let frames = 0;
      const timer = setTimeout(() => reject(new Error(`no close frame within ${timeoutMs} ms (${frames} frames read)`)), timeoutMs);
      const drain = (): void => {
        for (let next = parseFrame(pending); next; next = parseFrame(pending)) {
          pending = pending.subarray(next.size);
          if (next.frame.opcode === 0x8) {
            clearTimeout(timer);
            socket.off('data', onData);
            const code = next.frame.payload.length >= 2 ? next.frame.payload.readUInt16BE(0) : 1005;
            resolve({ code, reason: next.frame.payload.subarray(2).toString('utf8'), frames });
            return;
          }
          frames++;
        }
      };
      const onData = (chunk: Buffer): void => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        drain();
      };
      socket.on('data', onData);
      socket.once('close', () => {
        clearTimeout(timer);
        reject(new Error(`the connection closed without a close frame (${frames} frames read)`));
      });
      drain();
      socket.resume();
    }),
  };
}
