import type { ProtocolErrorData } from '../../../protocols/api/index.js';

/** A plugin call that failed, carrying the error as the plugin (or its supervisor) reported it. */
export class PluginCallError extends Error {
  readonly data: ProtocolErrorData;
  constructor(data: ProtocolErrorData) {
    super(data.message);
    this.name = 'PluginCallError';
    this.data = data;
  }
}
