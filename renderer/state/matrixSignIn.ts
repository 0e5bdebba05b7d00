/**
 * Single sign-on for a new Matrix account (electron/core/sso): which ways to sign in the
 * homeserver offers, and a sign-in through the browser. The core listens on 127.0.0.1 for the
 * browser to come back; the address it gives is opened like any external link (the Electron
 * shell hands `window.open` to the system browser, headless mode opens a tab).
 */
import type { RequestResult } from '../../electron/bridge/contract.js';
import type { FormValues } from './accountForm.js';
import type { ActionContext } from './actionContext.js';

export type MatrixLoginOptions = RequestResult<'matrix.loginOptions'>;
export type MatrixSsoLogin = RequestResult<'matrix.ssoFinish'>;

/** The Matrix plugin's id and account field keys (protocols/matrix/manifest.ts). */
export const MATRIX_PLUGIN_ID = 'matrix';
const USER_ID = /^@[^\s:]+:\S+$/;

export interface MatrixSignInActions {
  matrixLoginOptions(userId: string, homeserver: string | undefined): Promise<MatrixLoginOptions>;
  /** Opens the homeserver's sign-on page in the browser; resolves with the attempt to wait for and the page's address. */
  startMatrixSso(homeserver: string, idpId: string | undefined): Promise<{ attemptId: string; url: string }>;
  /** Waits for the browser to come back and logs in (a timeout or refusal rejects in words). */
  finishMatrixSso(attemptId: string): Promise<MatrixSsoLogin>;
  cancelMatrixSso(attemptId: string): Promise<void>;
}

/** What to ask the homeserver about, from the form: nothing until the user id looks whole. */
export function signInQuery(values: FormValues): { userId: string; homeserver: string | undefined } | undefined {
  const userId = typeof values['userId'] === 'string' ? values['userId'].trim() : '';
  const homeserver = typeof values['homeserver'] === 'string' && values['homeserver'].trim() !== '' ? values['homeserver'].trim() : undefined;
  return USER_ID.test(userId) ? { userId, homeserver } : undefined;
}

/** The new account's form values after a sign-on: its user id, homeserver and access token (kept in the secret store). */
export function valuesAfterSso(values: FormValues, login: MatrixSsoLogin): FormValues {
  return { ...values, userId: login.userId, homeserver: login.homeserver, accessToken: login.accessToken, password: '' };
}

/** An existing account signed in again as someone else: who it is and who signed in (else undefined). */
export function ssoUserMismatch(account: { readonly settings: Readonly<Record<string, unknown>> } | undefined, login: MatrixSsoLogin): { userId: string; account: string } | undefined {
  const own = account?.settings['userId'];
  return typeof own === 'string' && own !== login.userId ? { userId: login.userId, account: own } : undefined;
}

export function createMatrixSignInActions(context: ActionContext): MatrixSignInActions {
  const { client, platform } = context;
  return {
    matrixLoginOptions: (userId, homeserver) => client().request('matrix.loginOptions', { userId, ...(homeserver !== undefined ? { homeserver } : {}) }),
    startMatrixSso: async (homeserver, idpId) => {
      const { attemptId, url } = await client().request('matrix.ssoStart', { homeserver, ...(idpId !== undefined ? { idpId } : {}) });
      platform.openUrl(url);
      return { attemptId, url };
    },
    finishMatrixSso: (attemptId) => client().request('matrix.ssoFinish', { attemptId }),
    cancelMatrixSso: async (attemptId) => { await client().request('matrix.ssoCancel', { attemptId }); },
  };
}
