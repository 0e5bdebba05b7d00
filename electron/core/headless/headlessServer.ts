/**
 * Headless mode's front door: serves the built renderer and the WebSocket bridge under a
 * per-run secret path (`/<token>/`). A request without the token gets 403 and nothing
 * else; a WebSocket from a page of another origin is refused even with the token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeEndpoint } from '../bridge/bridgeSession.js';
import { contentType, resolveStaticFile } from './staticFiles.js';

export const HEADLESS_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
  "img-src 'self' data: blob:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': HEADLESS_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Frames up to this size are accepted, so a huge paste gets a clear error from the core instead of a dropped socket. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export interface HeadlessServerOptions {
  readonly bridge: BridgeEndpoint;
  /** Folder with the built renderer (index.html and assets). */
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  /** Given only by tests; normally a fresh random token per run. */
  readonly token?: string;
}

export interface HeadlessServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const prefix = `/${token}/`;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let origin = '';

  const hasToken = (url: string | undefined): string | undefined => {
    const path = (url ?? '').split('?')[0] ?? '';
    const given = Buffer.from(path.slice(0, prefix.length));
    const expected = Buffer.from(prefix);
    return given.length === expected.length && timingSafeEqual(given, expected) ? path.slice(prefix.length) : undefined;
  };

  const server: Server = createServer((request, response) => {
    const rest = hasToken(request.url);
    if (rest === undefined) return refuse(response, 403, 'Forbidden');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    serveFile(options.rendererDir, rest, request, response);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const rest = hasToken(request.url);
    const requestOrigin = request.headers.origin;
    // Browsers always send Origin on WebSockets; a script without one still needs the token.
    const originOk = requestOrigin === undefined || requestOrigin === origin;
    if (rest !== 'bridge' || !originOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachBridge(options.bridge, ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  origin = `http://${hostInUrl}:${port}`;

  return {
    url: `${origin}${prefix}`,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attachBridge(bridge: BridgeEndpoint, ws: WebSocket): void {
  const session = bridge.openSession((frame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let frame: unknown;
    try {
      const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      frame = JSON.parse(bytes.toString('utf8'));
    } catch {
      return; // not JSON: nothing we could answer
    }
    session.receive(frame);
  });
  ws.on('close', () => session.close());
  ws.on('error', () => session.close());
}

function serveFile(root: string, path: string, request: IncomingMessage, response: ServerResponse): void {
  const file = resolveStaticFile(root, path);
  const size = file === undefined ? undefined : fileSize(file);
  if (file === undefined || size === undefined) return refuse(response, 404, 'Not found');
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Content-Length': size });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).on('error', () => response.destroy()).pipe(response);
}

function fileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
