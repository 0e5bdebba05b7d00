/** Why a plugin cannot be installed or removed, in words for the user (the bridge sends them as they are). */
import { CoreError } from '../../model/coreError.js';

export class InstallError extends CoreError {
  constructor(message: string) {
    super({ kind: 'invalid-request', message });
    this.name = 'InstallError';
  }
}
