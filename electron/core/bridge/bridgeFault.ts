import type { BridgeError } from '../../bridge/schemas.js';

/**
 * Thrown by a request handler to answer the UI with this error. The services of the
 * message and conversation path throw the core's own errors instead (model/coreError.ts);
 * the rest still throw these (to be moved the same way).
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
