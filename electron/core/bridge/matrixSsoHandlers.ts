/** The bridge's Matrix single sign-on requests (electron/core/sso). */
import type { RequestHandlers } from '../../bridge/contract.js';
import { matrixLoginOptions, type Fetch } from '../sso/matrixLoginOptions.js';
import type { MatrixSso } from '../sso/matrixSso.js';

export type MatrixSsoRequests = 'matrix.loginOptions' | 'matrix.ssoStart' | 'matrix.ssoFinish' | 'matrix.ssoCancel';

export function createMatrixSsoHandlers(sso: MatrixSso, fetchFn: Fetch = fetch): Pick<RequestHandlers, MatrixSsoRequests> {
  return {
    'matrix.loginOptions': ({ userId, homeserver }) => matrixLoginOptions(fetchFn, { userId, ...(homeserver !== undefined ? { homeserver } : {}) }),
    'matrix.ssoStart': ({ homeserver, idpId }) => sso.start({ homeserver, ...(idpId !== undefined ? { idpId } : {}) }),
    'matrix.ssoFinish': ({ attemptId }) => sso.finish(attemptId),
    'matrix.ssoCancel': ({ attemptId }) => {
      sso.cancel(attemptId);
      return Promise.resolve(null);
    },
  };
}
