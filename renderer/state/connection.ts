/** The link to the core: whether it is up, and the client to talk through while it is. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeClient } from '../../electron/bridge/client.js';

/** What the UI needs of a bridge client; tests hand in a fake. */
export type BridgeApi = Pick<BridgeClient, 'request'>;

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Set while connected and the initial state is loaded. */
  readonly client: BridgeApi | null;
  /** Why the last connection ended, for the banner. */
  readonly reason?: string;
}

export function createConnectionStore(): StoreApi<ConnectionState> {
  return createStore<ConnectionState>()(() => ({ status: 'connecting', client: null }));
}
