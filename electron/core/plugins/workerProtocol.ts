/**
 * Messages between the core and a plugin runtime (a worker thread or a sandboxed process:
 * the same messages for both). Everything is structured-clone data; the runtime runs
 * third-party code, so the core treats what it sends as untrusted.
 */
import type { AccountFieldValue, ConnectionArgs, ConnectionMethod, PluginManifest, ProtocolErrorData, ProtocolEvent } from '../../../protocols/api/index.js';

export type { ConnectionMethod } from '../../../protocols/api/index.js';

/** A call of one connection method with its arguments (protocols/api/calls.ts). */
export interface CallMessage<M extends ConnectionMethod = ConnectionMethod> {
  readonly type: 'call';
  readonly callId: number;
  readonly accountId: string;
  readonly method: M;
  readonly args: ConnectionArgs<M>;
}

export type CoreToWorker =
  | { readonly type: 'create'; readonly accountId: string; readonly settings: Readonly<Record<string, AccountFieldValue>>; readonly dataDir: string }
  | CallMessage
  | { readonly type: 'destroy'; readonly accountId: string }
  | { readonly type: 'ping'; readonly id: number }
  | { readonly type: 'storage-result'; readonly requestId: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'storage-result'; readonly requestId: number; readonly ok: false; readonly message: string };

/** A plugin's request to its account's durable storage or secrets. */
export interface StorageRequest {
  readonly area: 'storage' | 'secrets';
  readonly op: 'get' | 'set' | 'delete';
  readonly key: string;
  readonly value?: unknown;
}

/**
 * What the runtime measures of itself, with each heartbeat answer: its heap, and in a
 * process of its own, its resident memory and CPU time (a worker thread's would be the
 * whole core's). Self-reported, so a hostile plugin could lie: these are for the user's
 * information, never for a decision.
 */
export interface UsageReport {
  readonly heapUsedBytes: number;
  readonly rssBytes?: number;
  /** User + system CPU time of the process since it started, in microseconds. */
  readonly cpuMicros?: number;
}

export type WorkerToCore =
  | { readonly type: 'ready'; readonly manifest: PluginManifest }
  | { readonly type: 'load-failed'; readonly error: ProtocolErrorData }
  | { readonly type: 'result'; readonly callId: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly callId: number; readonly ok: false; readonly error: ProtocolErrorData }
  | { readonly type: 'events'; readonly items: readonly { readonly accountId: string; readonly event: ProtocolEvent }[] }
  | { readonly type: 'log'; readonly level: 'debug' | 'info' | 'warn' | 'error'; readonly accountId?: string; readonly message: string }
  | { readonly type: 'storage'; readonly requestId: number; readonly accountId: string; readonly request: StorageRequest }
  | { readonly type: 'pong'; readonly id: number; readonly usage?: UsageReport };

/** Data the core gives the worker when it starts. */
export interface WorkerData {
  /** Absolute path of the plugin's entry module. */
  readonly entry: string;
}
