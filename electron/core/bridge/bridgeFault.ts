import type { BridgeError } from '../../bridge/schemas.js';

/** Thrown by a request handler to answer the UI with this error. */
export class BridgeFault extends Error {
  readonly error: BridgeError;
  constructor(error: BridgeError) {
    super(error.message);
    this.name = 'BridgeFault';
    this.error = error;
  }
}

/** The account is not online, so nothing was handed to the network. */
export class AccountOfflineFault extends BridgeFault {
  constructor(message: string) {
    super({ kind: 'network', message });
    this.name = 'AccountOfflineFault';
  }
}

export function invalidRequest(message: string): BridgeFault {
  return new BridgeFault({ kind: 'invalid-request', message });
}

export function notFound(message: string): BridgeFault {
  return new BridgeFault({ kind: 'not-found', message });
}
