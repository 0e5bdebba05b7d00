/**
 * "Sign in with <identity provider>" in the Add account dialog for Matrix, next to the
 * password: once the user id looks whole, the homeserver is asked how it signs users in
 * (renderer/state/matrixSignIn.ts); each single sign-on provider gets a button that opens the
 * homeserver's sign-on page in the browser and waits here for it to come back.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index.js';
import type { FormValues } from '../state/accountForm.js';
import { errorMessage } from '../state/actions.js';
import { signInQuery, type MatrixLoginOptions, type MatrixSsoLogin } from '../state/matrixSignIn.js';
import { useActions } from './AppContext.js';

/** Typing pauses this long before the homeserver is asked (one request per pause, not per key). */
const ASK_AFTER_MS = 400;

/** What the homeserver said, for the user id and homeserver of `key` (an answer for older values is not shown). */
type Lookup = { readonly key: string } & (
  | { readonly state: 'checking'; readonly server: string }
  | { readonly state: 'ready'; readonly options: MatrixLoginOptions }
  | { readonly state: 'failed'; readonly reason: string });

export interface MatrixSignInProps {
  readonly values: FormValues;
  /** Adds the account with the new session; a rejection is shown here. */
  readonly onSignedIn: (login: MatrixSsoLogin) => Promise<void>;
}

export function MatrixSignIn({ values, onSignedIn }: MatrixSignInProps) {
  const t = useT();
  const actions = useActions();
  const query = signInQuery(values);
  const userId = query?.userId;
  const homeserver = query?.homeserver;
  const key = query === undefined ? undefined : `${query.userId}\n${query.homeserver ?? ''}`;
  const [answer, setAnswer] = useState<Lookup | undefined>(undefined);
  const [attemptId, setAttemptId] = useState<string | undefined>(undefined);
  const [pageUrl, setPageUrl] = useState<string | undefined>(undefined);
  const [signedInAs, setSignedInAs] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const waiting = useRef<{ id: string; cancelled: boolean } | undefined>(undefined);

  useEffect(() => {
    if (userId === undefined || key === undefined) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      setAnswer({ key, state: 'checking', server: homeserver ?? userId.slice(userId.indexOf(':') + 1) });
      actions.matrixLoginOptions(userId, homeserver).then(
        (options) => { if (current) setAnswer({ key, state: 'ready', options }); },
        (failure: unknown) => { if (current) setAnswer({ key, state: 'failed', reason: errorMessage(failure) }); },
      );
    }, ASK_AFTER_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [actions, key, userId, homeserver]);

  // Closing the dialog stops the wait (the core closes its listener).
  useEffect(() => () => {
    const open = waiting.current;
    if (open !== undefined) void actions.cancelMatrixSso(open.id).catch(() => undefined);
  }, [actions]);

  const signIn = async (options: MatrixLoginOptions, idpId: string | undefined): Promise<void> => {
    setError(null);
    let attempt: { id: string; cancelled: boolean } | undefined;
    try {
      const started = await actions.startMatrixSso(options.homeserver, idpId);
      attempt = { id: started.attemptId, cancelled: false };
      waiting.current = attempt;
      setAttemptId(attempt.id);
      setPageUrl(started.url);
      const login = await actions.finishMatrixSso(attempt.id);
      waiting.current = undefined;
      setAttemptId(undefined);
      setSignedInAs(login.userId);
      await onSignedIn(login);
    } catch (failure: unknown) {
      waiting.current = undefined;
      setAttemptId(undefined);
      setSignedInAs(undefined);
      if (attempt?.cancelled !== true) setError(errorMessage(failure));
    }
  };

  const cancel = (): void => {
    const open = waiting.current;
    if (open === undefined) return;
    open.cancelled = true;
    void actions.cancelMatrixSso(open.id).catch(() => undefined);
  };

  const lookup = answer !== undefined && answer.key === key ? answer : undefined;
  const options = lookup?.state === 'ready' ? lookup.options : undefined;
  const providers = options?.sso?.identityProviders;
  const busy = attemptId !== undefined || signedInAs !== undefined;
  if (lookup === undefined && !busy && error === null) return null;
  return (
    <div className="sign-in-options" role="group" aria-label={t('signIn.group')}>
      {lookup?.state === 'checking' ? <p className="field-help" role="status">{t('signIn.checking', { server: lookup.server })}</p> : null}
      {lookup?.state === 'failed' ? <p className="field-help">{t('signIn.lookupFailed', { reason: lookup.reason })}</p> : null}
      {options && providers ? (
        <>
          <div className="sign-in-providers">
            {providers.length === 0
              ? <button type="button" disabled={busy} onClick={() => void signIn(options, undefined)}>{t('signIn.withSso')}</button>
              : providers.map((provider) => (
                <button key={provider.id} type="button" disabled={busy} onClick={() => void signIn(options, provider.id)}>
                  {t('signIn.withProvider', { name: provider.name })}
                </button>
              ))}
          </div>
          <p className="field-help">{options.password ? t('signIn.orPassword') : t('signIn.noPassword')}</p>
        </>
      ) : null}
      {options?.oauthIssuer !== undefined ? <p className="field-help">{t('signIn.oauth', { issuer: options.oauthIssuer })}</p> : null}
      {attemptId !== undefined ? (
        <div className="sign-in-waiting">
          <p role="status">{t('signIn.waiting')}</p>
          {/* A browser that blocked the window (it opens after a round trip to the core) still follows a click. */}
          {pageUrl !== undefined ? <a href={pageUrl} target="_blank" rel="noopener noreferrer">{t('signIn.openAgain')}</a> : null}
          <button type="button" onClick={cancel}>{t('signIn.cancel')}</button>
        </div>
      ) : null}
      {signedInAs !== undefined ? <p role="status">{t('signIn.signedIn', { userId: signedInAs })}</p> : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
