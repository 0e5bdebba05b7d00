/**
 * What the headless server's tests share: a bridge that echoes, a built-renderer stand-in
 * with the files each test needs, and a WebSocket that resolves once open (and rejects
 * with the HTTP status of a refused upgrade). Tests only.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import WebSocket from 'ws';
import type { ServerFrame } from '../../bridge/frames.js';
import type { BridgeEndpoint } from '../bridge/bridgeSession.js';

export const TEST_TOKEN = 'T0KEN-abcdefghijklmnopqrstuvwxyz0123';

/** Answers every request with its own method name. */
export const echoBridge: BridgeEndpoint = {
  openSession: (send: (frame: ServerFrame) => void) => ({
    receive: (frame) => {
      const { id, method } = frame as { id: number; method: string };
      send({ type: 'reply', id, ok: true, value: method });
    },
    close: () => undefined,
  }),
};

/**
 * A folder standing in for the built renderer: an index.html plus `files` (paths relative
 * to it; `../x` lands beside it, outside what is served).
 */
export function rendererDir(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function openSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });
}
