/**
 * Entry of a plugin runtime (a worker thread, or a sandboxed process: runtime/runtimePort.ts
 * hides which): loads one plugin module, keeps one connection per
 * account, runs the calls the core makes, and forwards events in batches. Everything the
 * plugin does wrong is turned into data here; the core never sees a plugin's exception.
 */
import { pathToFileURL } from 'node:url';
import { toProtocolErrorData, type ProtocolConnection, type ProtocolEvent, type ProtocolPlugin } from '../../../protocols/api/index.js';
import { openRuntimePort } from './runtime/runtimePort.js';
import type { CoreToWorker, StorageRequest, WorkerToCore } from './workerProtocol.js';

const port = openRuntimePort();

function post(message: WorkerToCore): void {
  port.post(message);
}

/**
 * Events are posted once per turn of the event loop, so a flood costs few messages. A call's
 * result flushes the queue first: the core sees what a call emitted before it sees the call end.
 */
class EventQueue {
  private items: { accountId: string; event: ProtocolEvent }[] = [];

  push(accountId: string, event: ProtocolEvent): void {
    if (this.items.length === 0) setImmediate(() => this.flush());
    this.items.push({ accountId, event });
  }

  flush(): void {
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    try {
      post({ type: 'events', items });
    } catch (error) {
      // An event that cannot be cloned (a function, a socket) is a plugin bug: say so, lose only that batch.
      post({ type: 'log', level: 'error', message: `Dropped ${items.length} events that are not plain data: ${String(error)}` });
    }
  }
}

const queue = new EventQueue();

/** Storage calls wait for the core's answer, matched by request id. */
const storageCalls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextStorageId = 1;

function storageCall(accountId: string, request: StorageRequest): Promise<unknown> {
  const requestId = nextStorageId++;
  return new Promise((resolve, reject) => {
    storageCalls.set(requestId, { resolve, reject });
    post({ type: 'storage', requestId, accountId, request });
  });
}

function isPlugin(value: unknown): value is ProtocolPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['manifest'] === 'object' && record['manifest'] !== null && typeof record['createConnection'] === 'function';
}

async function main(): Promise<void> {
  const { entry } = port;
  let plugin: ProtocolPlugin;
  try {
    const module = (await import(pathToFileURL(entry).href)) as { default?: unknown };
    if (!isPlugin(module.default)) throw new Error(`${entry} has no default export with a manifest and createConnection`);
    plugin = module.default;
  } catch (error) {
    post({ type: 'load-failed', error: toProtocolErrorData(error) });
    return;
  }

  const connections = new Map<string, ProtocolConnection>();

  port.onMessage((message: CoreToWorker) => {
    switch (message.type) {
      case 'create': {
        const { accountId } = message;
        const log = (level: 'debug' | 'info' | 'warn' | 'error') => (text: string) => {
          post({ type: 'log', level, accountId, message: text });
        };
        try {
          connections.set(accountId, plugin.createConnection({
            accountId,
            settings: message.settings,
            emit: (event) => {
              if (connections.has(accountId)) queue.push(accountId, event);
            },
            log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
            storage: {
              get: (key) => storageCall(accountId, { area: 'storage', op: 'get', key }),
              set: async (key, value) => { await storageCall(accountId, { area: 'storage', op: 'set', key, value }); },
              delete: async (key) => { await storageCall(accountId, { area: 'storage', op: 'delete', key }); },
            },
            secrets: {
              get: async (key) => {
                const value = await storageCall(accountId, { area: 'secrets', op: 'get', key });
                return typeof value === 'string' ? value : undefined;
              },
              set: async (key, value) => { await storageCall(accountId, { area: 'secrets', op: 'set', key, value }); },
              delete: async (key) => { await storageCall(accountId, { area: 'secrets', op: 'delete', key }); },
            },
            dataDir: message.dataDir,
          }));
        } catch (error) {
          post({ type: 'log', level: 'error', accountId, message: `createConnection threw: ${toProtocolErrorData(error).message}` });
        }
        return;
      }
      case 'destroy':
        connections.delete(message.accountId);
        return;
      case 'ping':
        post({ type: 'pong', id: message.id, usage: port.usage() });
        return;
      case 'call':
        void runCall(connections.get(message.accountId), message);
        return;
      case 'storage-result': {
        const call = storageCalls.get(message.requestId);
        storageCalls.delete(message.requestId);
        if (message.ok) call?.resolve(message.value);
        else call?.reject(new Error(message.message));
        return;
      }
    }
  });

  post({ type: 'ready', manifest: structuredClone(plugin.manifest) });
}

async function runCall(connection: ProtocolConnection | undefined, call: Extract<CoreToWorker, { type: 'call' }>): Promise<void> {
  try {
    if (!connection) throw Object.assign(new Error('The account has no connection in its plugin'), { kind: 'internal' });
    const method: unknown = Reflect.get(connection, call.method);
    if (typeof method !== 'function') {
      post({ type: 'result', callId: call.callId, ok: false, error: { kind: 'not-supported', message: `This network does not support ${call.method}.` } });
      return;
    }
    const value: unknown = await Reflect.apply(method, connection, call.args);
    queue.flush();
    post({ type: 'result', callId: call.callId, ok: true, value: value ?? null });
  } catch (error) {
    queue.flush();
    post({ type: 'result', callId: call.callId, ok: false, error: toProtocolErrorData(error) });
  }
}

void main();
