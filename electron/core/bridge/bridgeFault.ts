import type { BridgeError } from '../../bridge/schemas.js';

/**
 * An error already in the bridge's terms. The services and request handlers throw the
 * core's own errors (model/coreError.ts), mapped at the edge (bridgeErrors.ts); only the
 * history archive still throws this (left for the history work in flight; move it the same way).
 */
export class BridgeFault extends Error {
  readonly error: BridgeError;
  constructor(error: BridgeError) {
    super(error.message);
    this.name = 'BridgeFault';
    this.error = error;
  }
}

export function invalidRequest(message: string): BridgeFault {
  return new BridgeFault({ kind: 'invalid-request', message });
}

export function notFound(message: string): BridgeFault {
  return new BridgeFault({ kind: 'not-found', message });
}
