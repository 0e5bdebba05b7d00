/**
 * The bridge's edge for errors: a CoreError (model/coreError.ts) becomes the BridgeError
 * the UI is sent. Field by field, so that the two can differ without the services knowing.
 */
import type { BridgeError } from '../../bridge/schemas.js';
import type { CoreErrorData } from '../model/coreError.js';

export function bridgeErrorOf(error: CoreErrorData): BridgeError {
  return {
    kind: error.kind,
    message: error.message,
    ...(error.certificate ? { certificate: { ...error.certificate } } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  };
}
