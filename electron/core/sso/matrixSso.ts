/**
 * Matrix single sign-on from the Add account dialog (§SSO client login, §Login `m.login.token`):
 * `start` opens a one-shot loopback listener and gives the UI the homeserver's
 * `/login/sso/redirect/{idpId}?redirectUrl=…` to open in the system browser (the Electron shell
 * hands `window.open` to `shell.openExternal`; headless mode opens a browser tab). `finish`
 * waits for the browser to come back with `loginToken` and redeems it for an access token and
 * a device, which the UI saves as the new account's access token (kept in the secret store).
 */
import { randomBytes } from 'node:crypto';
import { CoreError, invalidRequest } from '../model/coreError.js';
import { checkedHomeserver, type Fetch } from './matrixLoginOptions.js';
import { LoopbackRedirectError, openLoopbackRedirect, type LoopbackRedirect } from './loopbackRedirect.js';

export interface SsoLogin {
  readonly homeserver: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly accessToken: string;
}

export interface MatrixSsoOptions {
  readonly fetch?: Fetch;
  /** How long the browser has to come back (default 5 minutes). */
  readonly timeoutMs?: number;
  /** The new device's name on the homeserver. */
  readonly deviceName?: string;
}

interface Attempt {
  readonly homeserver: string;
  readonly loopback: LoopbackRedirect;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/** Sign-ins waiting at once: a dialog per window is plenty. */
const MAX_ATTEMPTS = 8;

const PAGES = {
  done: 'Signed in. You can close this page and go back to Switchboard.',
  refused: 'This sign-in answer does not belong to the sign-in Switchboard started, so it was refused. Go back to Switchboard and try again.',
};

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.ceil(ms / 1000)} seconds`;
}

function failure(error: LoopbackRedirectError, timeoutMs: number): CoreError {
  switch (error.reason) {
    case 'timeout':
      return new CoreError({ kind: 'network', message: `The sign-in did not come back within ${duration(timeoutMs)}. Try again.` });
    case 'state-mismatch':
      return new CoreError({ kind: 'auth', message: 'The answer from the browser did not belong to this sign-in (state mismatch), so it was refused. Try again.' });
    case 'cancelled':
      return new CoreError({ kind: 'auth', message: 'The sign-in was cancelled.' });
  }
}

export class MatrixSso {
  private readonly attempts = new Map<string, Attempt>();
  private readonly fetchFn: Fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: MatrixSsoOptions = {}) {
    this.fetchFn = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Opens the loopback listener; resolves with the address for the browser. */
  async start(params: { readonly homeserver: string; readonly idpId?: string }): Promise<{ attemptId: string; url: string }> {
    const homeserver = checkedHomeserver(params.homeserver);
    if (this.attempts.size >= MAX_ATTEMPTS) throw invalidRequest('Too many sign-ins are waiting; finish or cancel one first.');
    const loopback = await openLoopbackRedirect({ timeoutMs: this.timeoutMs, pages: PAGES });
    const attemptId = randomBytes(16).toString('hex');
    this.attempts.set(attemptId, { homeserver, loopback });
    void loopback.result.catch(() => undefined).finally(() => {
      // An attempt nobody finishes is forgotten once its listener closed (plus a minute for `finish` to read it).
      setTimeout(() => this.attempts.delete(attemptId), 60_000).unref();
    });
    const idp = params.idpId !== undefined ? `/${encodeURIComponent(params.idpId)}` : '';
    const url = `${homeserver}/_matrix/client/v3/login/sso/redirect${idp}?redirectUrl=${encodeURIComponent(loopback.redirectUrl)}`;
    return { attemptId, url };
  }

  /** Waits for the browser to come back, then logs in with its token (§Login, `m.login.token`). */
  async finish(attemptId: string): Promise<SsoLogin> {
    const attempt = this.attempts.get(attemptId);
    if (attempt === undefined) throw invalidRequest('This sign-in has ended; start it again.');
    let query: URLSearchParams;
    try {
      query = await attempt.loopback.result;
    } catch (error: unknown) {
      if (error instanceof LoopbackRedirectError) throw failure(error, this.timeoutMs);
      throw error;
    } finally {
      this.attempts.delete(attemptId);
    }
    const token = query.get('loginToken');
    if (token === null || token === '') {
      const reason = query.get('error_description') ?? query.get('error');
      throw new CoreError({ kind: 'auth', message: reason !== null ? `The identity provider refused the sign-in: ${reason.slice(0, 300)}` : 'The homeserver came back without a login token.' });
    }
    return this.redeem(attempt.homeserver, token);
  }

  cancel(attemptId: string): void {
    this.attempts.get(attemptId)?.loopback.cancel();
    this.attempts.delete(attemptId);
  }

  close(): void {
    for (const id of [...this.attempts.keys()]) this.cancel(id);
  }

  private async redeem(homeserver: string, token: string): Promise<SsoLogin> {
    let response: Response;
    try {
      response = await this.fetchFn(`${homeserver}/_matrix/client/v3/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'm.login.token', token, initial_device_display_name: this.options.deviceName ?? 'Switchboard' }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new CoreError({ kind: 'network', message: `The homeserver ${homeserver} did not answer the sign-in.` });
    }
    const body = await response.json().catch(() => undefined) as Record<string, unknown> | undefined;
    if (!response.ok) {
      const why = typeof body?.['error'] === 'string' ? `: ${body['error'].slice(0, 300)}` : '';
      throw new CoreError({ kind: 'auth', message: `The homeserver refused the sign-in${why}.` });
    }
    const userId = body?.['user_id'];
    const deviceId = body?.['device_id'];
    const accessToken = body?.['access_token'];
    if (typeof userId !== 'string' || typeof deviceId !== 'string' || typeof accessToken !== 'string') {
      throw new CoreError({ kind: 'protocol', message: 'The homeserver\'s answer to the sign-in lacked the user, device or access token.' });
    }
    return { homeserver, userId, deviceId, accessToken };
  }
}
