/**
 * Headless mode facing a hostile or slow client, over real sockets: a client that never
 * reads, a stalled tab under an event flood, too many requests or connections at once, a
 * silent peer, an oversized frame, a dribbled request header.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../bridge/frames.js';
import { openRawWebSocket } from '../../../test/support/rawWebSocket.js';
import type { RequestHandlers } from '../../bridge/contract.js';
import type { BridgeEndpoint } from '../bridge/bridgeSession.js';
import { BridgeService } from '../bridge/bridgeService.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { CLOSE_CODES, HEADLESS_LIMITS, startHeadlessServer, type HeadlessServer } from './headlessServer.js';
import { openSocket, rendererDir, TEST_TOKEN } from './headlessTestKit.js';

const TOKEN = TEST_TOKEN;

/** A bridge that records its sessions; `answer` decides what each request gets. */
function recordingBridge(answer: (id: number, send: (frame: ServerFrame) => void) => void) {
  const sessions: { received: number; closed: boolean; send: (frame: ServerFrame) => void }[] = [];
  const bridge: BridgeEndpoint = {
    openSession: (send) => {
      const session = { received: 0, closed: false, send };
      sessions.push(session);
      return {
        receive: (frame) => {
          session.received++;
          answer((frame as { id: number }).id, send);
        },
        close: () => { session.closed = true; },
      };
    },
  };
  return { bridge, sessions };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function request(id: number): string {
  return JSON.stringify({ type: 'request', id, method: 'accounts.list', params: {} });
}

let server: HeadlessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const BIG_VALUE = 'x'.repeat(4096);

describe('headless server under a hostile or slow client', () => {
  it('closes the session of a client that sends requests but never reads, with its send backlog bounded', async () => {
    const { bridge, sessions } = recordingBridge((id, send) => send({ type: 'reply', id, ok: true, value: BIG_VALUE }));
    const maxBacklogBytes = 256 * 1024;
    server = await startHeadlessServer({ bridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, limits: { maxBacklogBytes } });
    const client = await openRawWebSocket({ port: server.port, path: `/${TOKEN}/bridge`, origin: `http://127.0.0.1:${server.port}` });
    client.stopReading();
    // 40 MB of replies: far more than the kernel's socket buffers on loopback can hold.
    for (let id = 1; id <= 10_000 && !client.socket.destroyed; id++) client.sendText(request(id));

    await until(() => sessions[0]?.closed === true, 'the session to be closed');
    const { peakBacklogBytes } = server.stats();
    expect(peakBacklogBytes).toBeGreaterThan(0);
    expect(peakBacklogBytes).toBeLessThanOrEqual(maxBacklogBytes);
    const received = sessions[0]?.received ?? 0;
    expect(received).toBeLessThan(10_000);

    const close = await client.readUntilClose();
    expect(close.code).toBe(CLOSE_CODES.sendBacklogFull);
    expect(close.reason).toMatch(/not reading/);
    await client.ended;
    await until(() => server?.stats().sessions === 0, 'the server to count the session gone');
  });

  it('closes a stalled tab that an event flood would pile up behind, and keeps serving others', async () => {
    const { bridge, sessions } = recordingBridge((id, send) => send({ type: 'reply', id, ok: true, value: 'ok' }));
    server = await startHeadlessServer({ bridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, limits: { maxBacklogBytes: 256 * 1024 } });
    const stalled = await openRawWebSocket({ port: server.port, path: `/${TOKEN}/bridge` });
    stalled.stopReading();
    const lively = await openSocket(`ws://127.0.0.1:${server.port}/${TOKEN}/bridge`);
    await until(() => sessions.length === 2, 'both sessions');
    const flood: ServerFrame = { type: 'events', events: [{ type: 'server.notice', payload: { accountId: 'a', text: BIG_VALUE, timestamp: 1 } }] };
    for (let i = 0; i < 20_000 && sessions[0]?.closed !== true; i++) {
      for (const session of sessions) if (!session.closed) session.send(flood);
      if (i % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(sessions[0]?.closed).toBe(true);
    expect(server.stats().peakBacklogBytes).toBeLessThanOrEqual(256 * 1024);
    expect((await stalled.readUntilClose()).code).toBe(CLOSE_CODES.sendBacklogFull);

    const reply = new Promise<string>((resolve) => lively.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text.includes('"reply"')) resolve(text);
    }));
    lively.send(request(5));
    expect(JSON.parse(await reply)).toEqual({ type: 'reply', id: 5, ok: true, value: 'ok' });
    lively.close();
  });

  it('answers requests beyond the in-flight cap with rate-limited, and takes new ones once answers go out', async () => {
    const waiting: (() => void)[] = [];
    const { bridge, sessions } = recordingBridge((id, send) => waiting.push(() => send({ type: 'reply', id, ok: true, value: 'late' })));
    server = await startHeadlessServer({ bridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, limits: { maxInFlight: 4 } });
    const ws = await openSocket(`ws://127.0.0.1:${server.port}/${TOKEN}/bridge`);
    const replies: { id: number; ok: boolean; error?: { kind: string; message: string } }[] = [];
    ws.on('message', (data: Buffer) => replies.push(JSON.parse(data.toString('utf8')) as (typeof replies)[number]));
    for (let id = 1; id <= 10; id++) ws.send(request(id));
    await until(() => replies.length === 6, 'six refusals');
    expect(sessions[0]?.received).toBe(4);
    expect(replies.map((reply) => reply.id)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(replies.every((reply) => !reply.ok && reply.error?.kind === 'rate-limited')).toBe(true);
    expect(replies[0]?.error?.message).toMatch(/too many requests/i);

    waiting.shift()?.();
    await until(() => replies.length === 7, 'the late answer');
    ws.send(request(11));
    await until(() => sessions[0]?.received === 5, 'the next request to be taken');
    ws.close();
  });

  it('refuses a WebSocket beyond the connection cap with 503, and takes one again when a window closes', async () => {
    const { bridge } = recordingBridge(() => undefined);
    server = await startHeadlessServer({ bridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, limits: { maxSessions: 2 } });
    const url = `ws://127.0.0.1:${server.port}/${TOKEN}/bridge`;
    const first = await openSocket(url);
    const second = await openSocket(url);
    await expect(openSocket(url)).rejects.toThrow('HTTP 503');
    first.close();
    await until(() => server?.stats().sessions === 1, 'the first window to be gone');
    const third = await openSocket(url);
    second.close();
    third.close();
  });

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const { bridge, sessions } = recordingBridge(() => undefined);
    server = await startHeadlessServer({ bridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, limits: { pingIntervalMs: 100 } });
    const silent = await openRawWebSocket({ port: server.port, path: `/${TOKEN}/bridge` });
    const answering = await openSocket(`ws://127.0.0.1:${server.port}/${TOKEN}/bridge`);
    let pings = 0;
    answering.on('ping', () => pings++);
    silent.socket.resume(); // reads (and ignores) everything, never answers a ping
    await silent.ended;
    await until(() => sessions[0]?.closed === true, 'the silent session to be closed');
    await until(() => pings >= 4, 'four pings');
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect(sessions[1]?.closed).toBe(false);
    answering.close();
  });

  it('closes a connection that sends a frame over the small frame limit with 1009', async () => {
    const { bridge, sessions } = recordingBridge(() => undefined);
    server = await startHeadlessServer({ bridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN });
    expect(HEADLESS_LIMITS.maxFrameBytes).toBeLessThanOrEqual(1024 * 1024);
    const client = await openRawWebSocket({ port: server.port, path: `/${TOKEN}/bridge` });
    client.sendText(JSON.stringify({ type: 'request', id: 1, method: 'accounts.list', params: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect((await client.readUntilClose()).code).toBe(1009);
    expect(sessions[0]?.received).toBe(0);
  });

  it('drops a connection whose request header never finishes', async () => {
    const { bridge } = recordingBridge(() => undefined);
    server = await startHeadlessServer({ bridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, limits: { headersTimeoutMs: 300 } });
    const socket = connect(server.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => { answer += chunk.toString('latin1'); });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(`GET /${TOKEN}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    // A header line every 50 ms keeps the socket busy but never ends the header.
    const drip = setInterval(() => { if (!socket.destroyed) socket.write('X-Slow: 1\r\n'); }, 50);
    await closed;
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('logs a flood of bad frames in a few lines, not one line each', async () => {
    const log: string[] = [];
    const handlers = { 'accounts.list': () => Promise.resolve([]) } as unknown as RequestHandlers;
    const bridge = new BridgeService(handlers, new EventBatcher(), (line) => log.push(line));
    server = await startHeadlessServer({ bridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN });
    const ws = await openSocket(`ws://127.0.0.1:${server.port}/${TOKEN}/bridge`);
    for (let i = 0; i < 10_000; i++) ws.send(i % 2 === 0 ? '{"type":"nonsense"}' : `{"type":"request","id":-${i}}`);
    const answered = new Promise<string>((resolve) => ws.on('message', (data: Buffer) => resolve(data.toString('utf8'))));
    ws.send(request(1));
    // The answer to the last frame means every frame before it went through the bridge.
    expect(JSON.parse(await answered)).toEqual({ type: 'reply', id: 1, ok: true, value: [] });
    expect(log.length).toBeLessThanOrEqual(11);
    expect(log.at(-1)).toMatch(/not logged/);
    ws.close();
  });
});
