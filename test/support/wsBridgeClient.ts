/**
 * A script's view of headless mode: the typed BridgeClient over a WebSocket to the URL
 * `npm run serve` prints, recording every event, as docs/bridge.md describes.
 */
import WebSocket from 'ws';
import { BridgeClient } from '../../electron/bridge/client.js';
import type { BridgeEvent } from '../../electron/bridge/contract.js';

export interface WsBridge {
  readonly client: BridgeClient;
  readonly events: BridgeEvent[];
  /** Every frame the core sent (replies, errors and event batches), as it came off the socket. */
  readonly frames: Buffer[];
  close(): void;
}

export async function connectWsBridge(pageUrl: string): Promise<WsBridge> {
  const socket = new WebSocket(`${pageUrl.replace(/^http/, 'ws')}bridge`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const frames: Buffer[] = [];
  socket.on('message', (data: Buffer) => frames.push(data));
  const client = new BridgeClient({
    send: (frame) => socket.send(JSON.stringify(frame)),
    onFrame: (listener) => socket.on('message', (data: Buffer) => listener(JSON.parse(data.toString('utf8')))),
    onClose: (listener) => socket.on('close', () => listener('closed')),
  });
  const events: BridgeEvent[] = [];
  client.subscribe((batch) => events.push(...batch));
  return { client, events, frames, close: () => socket.terminate() };
}

/** Polls until `check` returns a value (or throws after the timeout with `what`). */
export async function eventually<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
