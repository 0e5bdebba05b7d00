/**
 * Switchboard as a benchmark subject: headless mode (`node dist/core/serve.js --profile
 * DIR`, started by test/support/headlessCore.ts) and a bridge client over its WebSocket
 * that validates every frame as the UI does, without keeping the events.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { BridgeClient } from '../../electron/bridge/client.js';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../../test/support/headlessCore.js';
import { repoRoot } from '../../test/support/paths.js';

export interface BenchBridge {
  readonly client: BridgeClient;
  /** Calls the listener with every event; returns the function that stops it. */
  on(listener: (event: BridgeEvent) => void): () => void;
  /** Why the core closed this bridge, when it did (a client that fell 8 MiB behind is closed: sessionLimits.ts). */
  closedBy(): string | undefined;
  close(): void;
}

export async function connectBridge(pageUrl: string): Promise<BenchBridge> {
  const socket = new WebSocket(`${pageUrl.replace(/^http/, 'ws')}bridge`, { maxPayload: 512 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let closedBy: string | undefined;
  let closing = false;
  socket.on('close', (code, reason) => {
    if (!closing) closedBy = `${String(code)} ${reason.toString('utf8')}`;
  });
  const client = new BridgeClient({
    send: (frame) => socket.send(JSON.stringify(frame)),
    onFrame: (listener) => socket.on('message', (data: Buffer) => listener(JSON.parse(data.toString('utf8')))),
    onClose: (listener) => socket.on('close', () => listener('closed')),
  });
  return {
    client,
    on: (listener) => client.subscribe((batch) => { for (const event of batch) listener(event); }),
    closedBy: () => closedBy,
    close: () => {
      closing = true;
      socket.terminate();
    },
  };
}

export interface BenchCore {
  readonly core: RunningHeadlessCore;
  readonly bridge: BenchBridge;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Headless mode on a profile folder (fresh when none is given), with a bridge connected; `env` adds environment variables.
 * Without `nodeArgs`, BENCH_CORE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to every core a part starts.
 */
export async function startCore(profileDir?: string, requireRenderer = false, env?: Readonly<Record<string, string>>,
  nodeArgs: readonly string[] | undefined = process.env['BENCH_CORE_NODE_ARGS']?.split(' ').filter((arg) => arg !== '')): Promise<BenchCore> {
  if (!existsSync(join(repoRoot, 'dist', 'core', 'serve.js'))) throw new Error('The app is not built: run "npm run build" (npm run bench does).');
  const core = await startHeadlessCore({ requireRenderer, ...(profileDir !== undefined ? { profileDir } : {}), ...(env ? { env } : {}), ...(nodeArgs ? { nodeArgs } : {}) });
  const bridge = await connectBridge(core.url);
  return {
    core, bridge, pid: core.child.pid ?? 0,
    stop: async () => {
      bridge.close();
      await core.stop();
    },
  };
}
