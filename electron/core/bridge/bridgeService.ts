/**
 * The core's end of the bridge: validates every request frame against the contract,
 * runs its handler, answers with a result envelope, and streams event batches to every
 * open session. Transports (WebSocket, Electron IPC) only move frames in and out.
 */
import { isStorageFailure } from '../profile/storageHealth.js';
import { requests, type RequestHandlers, type RequestName } from '../../bridge/contract.js';
import { requestFrameSchema, type ServerFrame } from '../../bridge/frames.js';
import type { BridgeError } from '../../bridge/schemas.js';
import { PluginCallError } from '../plugins/pluginCallError.js';
import { BridgeFault } from './bridgeFault.js';
import { bridgeErrorOf } from './bridgeErrors.js';
import { CoreError } from '../model/coreError.js';
import type { BridgeEndpoint, BridgeSession } from './bridgeSession.js';
import type { EventBatcher } from './eventBatcher.js';
import { rateLimitedLog } from './rateLimitedLog.js';

export class BridgeService implements BridgeEndpoint {
  /** A client can send bad frames as fast as it likes: one line each would flood the log. */
  private readonly logBadFrame: (line: string) => void;

  constructor(
    private readonly handlers: RequestHandlers,
    private readonly events: EventBatcher,
    private readonly log: (line: string) => void,
    /** A request failed because the disk is full (for the banner: StorageHealth.refused). */
    private readonly storageFailed: (error: unknown) => void = () => undefined,
  ) {
    this.logBadFrame = rateLimitedLog(log, 'bad bridge frames', { lines: 10, windowMs: 60_000 });
  }

  openSession(send: (frame: ServerFrame) => void): BridgeSession {
    let open = true;
    const deliver = (frame: ServerFrame): void => {
      if (!open) return;
      try {
        send(frame);
      } catch (error) {
        this.log(`bridge: could not deliver a frame: ${String(error)}`);
      }
    };
    const unsubscribe = this.events.subscribe((batch) => deliver({ type: 'events', events: batch }));
    return {
      receive: (raw) => void this.handle(raw).then((reply) => {
        if (reply) deliver(reply);
      }),
      close: () => {
        open = false;
        unsubscribe();
      },
    };
  }

  /** Answers one raw frame; undefined when it is not even a request (nothing to answer). */
  async handle(raw: unknown): Promise<ServerFrame | undefined> {
    const frame = requestFrameSchema.safeParse(raw);
    if (!frame.success) {
      this.logBadFrame('bridge: dropped a frame that is not a request');
      return undefined;
    }
    const { id, method } = frame.data;
    if (!Object.hasOwn(requests, method)) {
      return { type: 'reply', id, ok: false, error: { kind: 'invalid-request', message: `Unknown request "${method}".` } };
    }
    const name = method as RequestName;
    const params = requests[name].params.safeParse(frame.data.params ?? {});
    if (!params.success) {
      const detail = params.error.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ');
      return { type: 'reply', id, ok: false, error: { kind: 'invalid-request', message: `Invalid ${name} request: ${detail}` } };
    }
    try {
      const handler = this.handlers[name] as (params: unknown) => Promise<unknown>;
      const value = await handler(params.data);
      return { type: 'reply', id, ok: true, value: value ?? null };
    } catch (error) {
      return { type: 'reply', id, ok: false, error: this.toBridgeError(name, error) };
    }
  }

  private toBridgeError(name: RequestName, error: unknown): BridgeError {
    if (error instanceof CoreError) return bridgeErrorOf(error.data);
    if (error instanceof BridgeFault) return error.error;
    if (error instanceof PluginCallError) return error.data;
    if (isStorageFailure(error)) {
      this.log(`bridge: ${name} failed: ${String(error)}`);
      this.storageFailed(error);
      return { kind: 'internal', message: 'The disk is full: this could not be saved. Free some space on the disk of the profile folder.' };
    }
    this.log(`bridge: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { kind: 'internal', message: `Switchboard could not complete ${name}. The details are in the log.` };
  }
}
