/**
 * Headless mode's front door: serves the built renderer and the WebSocket bridge under a
 * per-run secret path (`/<token>/`), over TLS when given a certificate. A request for a
 * name not on the allowlist (hostAllowlist.ts) or without the token gets 403 and nothing
 * else; a WebSocket from a page of another origin is refused even with the token. What one
 * client may cost is bounded (sessionLimits.ts, bridgeSocket.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, createReadStream } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { BridgeEndpoint } from '../bridge/bridgeSession.js';
import { attachBridgeSocket } from './bridgeSocket.js';
import { hostAllowlist, type HostAllowlist } from './hostAllowlist.js';
import { CLOSE_CODES, CLOSE_REASONS, HEADLESS_LIMITS, type HeadlessLimits } from './sessionLimits.js';
import type { StagedUploads } from './stagedUploads.js';
import { contentType, openStaticFile } from './staticFiles.js';

export { CLOSE_CODES, HEADLESS_LIMITS } from './sessionLimits.js';

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

const HOST_REFUSED = 'This is not a name this server answers to. Open the address Switchboard printed, or start it with --public-name NAME.';

export interface HeadlessServerOptions {
  readonly bridge: BridgeEndpoint;
  /** Folder with the built renderer (index.html and assets). */
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  /** Names (besides the bind address, and loopback names on a loopback bind) users open the page by. */
  readonly publicNames?: readonly string[];
  /** PEM certificate chain and key: serve https:// and wss:// only. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Given only by tests; normally a fresh random token per run. */
  readonly token?: string;
  /** Where `POST <token>/upload` puts files for `messages.sendFile`; without it uploads are refused. */
  readonly uploads?: StagedUploads;
  /** Given only by tests: smaller limits so they are reached quickly. */
  readonly limits?: Partial<HeadlessLimits>;
}

export interface HeadlessServerStats {
  /** Open bridge WebSockets. */
  readonly sessions: number;
  /** The largest send backlog any session has had, in bytes. */
  readonly peakBacklogBytes: number;
}

export interface HeadlessServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  stats(): HeadlessServerStats;
  close(): Promise<void>;
}

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const limits: HeadlessLimits = { ...HEADLESS_LIMITS, ...options.limits };
  const token = options.token ?? randomBytes(32).toString('base64url');
  const prefix = `/${token}/`;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  /** Known once listening (the port is part of every allowed name). */
  const listening: { names?: HostAllowlist } = {};
  let sessions = 0;
  let peakBacklogBytes = 0;

  const hasToken = (url: string | undefined): string | undefined => {
    const path = (url ?? '').split('?')[0] ?? '';
    const given = Buffer.from(path.slice(0, prefix.length));
    const expected = Buffer.from(prefix);
    return given.length === expected.length && timingSafeEqual(given, expected) ? path.slice(prefix.length) : undefined;
  };

  const serverOptions: ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks the two timeouts above only this often (default 30 s).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (!listening.names?.hostAllowed(request.headers.host)) return refuse(response, 403, HOST_REFUSED);
    const { names } = listening;
    const rest = hasToken(request.url);
    if (rest === undefined) return refuse(response, 403, 'Forbidden');
    if (rest === 'upload' && request.method === 'POST' && options.uploads) {
      if (!names.originAllowed(request.headers.origin)) return refuse(response, 403, 'Forbidden');
      return void receiveUpload(options.uploads, request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    serveFile(options.rendererDir, rest, request, response);
  };
  const server: Server = options.tls
    ? createHttpsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(serverOptions, onRequest);
  server.maxConnections = limits.maxConnections;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const rest = hasToken(request.url);
    // Browsers always send Origin on WebSockets; a script without one still needs the token.
    const { names } = listening;
    const allowed = names !== undefined && names.hostAllowed(request.headers.host) && names.originAllowed(request.headers.origin);
    if (rest !== 'bridge' || !allowed) return refuseUpgrade(socket, '403 Forbidden');
    if (sessions >= limits.maxSessions) return refuseUpgrade(socket, '503 Service Unavailable');
    // ws completes a valid handshake synchronously and drops an invalid one without calling back.
    sockets.handleUpgrade(request, socket, head, (ws) => {
      sessions++;
      attachBridgeSocket(options.bridge, ws, limits, {
        noteBacklog: (bytes) => { peakBacklogBytes = Math.max(peakBacklogBytes, bytes); },
        ended: () => { sessions--; },
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const names = hostAllowlist({ bindHost: options.host, port, publicNames: options.publicNames ?? [], tls: options.tls !== undefined });
  listening.names = names;
  const url = `${options.tls ? 'https' : 'http'}://${names.displayName}:${port}${prefix}`;

  return {
    url,
    port,
    stats: () => ({ sessions, peakBacklogBytes }),
    close: async () => {
      for (const client of sockets.clients) {
        client.close(CLOSE_CODES.goingAway, CLOSE_REASONS.goingAway);
        client.terminate();
      }
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuseUpgrade(socket: Duplex, status: string): void {
  // Cut once written: a client that never reads the refusal must not keep the socket.
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

function serveFile(root: string, path: string, request: IncomingMessage, response: ServerResponse): void {
  const file = openStaticFile(root, path);
  if (file === undefined) return refuse(response, 404, 'Not found');
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentType(file.path), 'Content-Length': file.size });
  if (request.method === 'HEAD') {
    closeSync(file.fd);
    response.end();
    return;
  }
  createReadStream('', { fd: file.fd }).on('error', () => response.destroy()).pipe(response);
}

async function receiveUpload(uploads: StagedUploads, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const declared = request.headers['content-length'];
  const outcome = await uploads.receive(request, declared === undefined ? undefined : Number(declared));
  if (response.destroyed) return;
  // Refused before the body was read: close rather than read the rest of it.
  if (!outcome.ok) response.setHeader('Connection', 'close');
  if (outcome.ok) {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ uploadId: outcome.uploadId }));
  } else {
    refuse(response, outcome.status, outcome.message);
  }
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
