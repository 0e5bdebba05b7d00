// @vitest-environment jsdom
/**
 * Single sign-on in the Add account dialog for Matrix: the identity providers the homeserver
 * names become buttons; one opens the homeserver's sign-on address in the browser, and what
 * comes back either adds the account with its access token or is said in words.
 */
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { RequestName } from '../../electron/bridge/contract.js';
import { account, ircPlugin } from '../state/testData.js';
import { AccountDialog } from './AccountDialog.js';
import { renderWithApp } from './testHarness.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const matrixPlugin = {
  ...ircPlugin, id: 'matrix', name: 'Matrix', accountLabelField: 'userId',
  accountFields: [
    { kind: 'text' as const, key: 'userId', label: 'User ID', required: true },
    { kind: 'secret' as const, key: 'password', label: 'Password' },
    { kind: 'text' as const, key: 'homeserver', label: 'Homeserver URL', advanced: true },
    { kind: 'secret' as const, key: 'accessToken', label: 'Access token', advanced: true },
  ],
};

const options = { homeserver: 'https://matrix.example.org', password: true, sso: { identityProviders: [{ id: 'oidc-github', name: 'GitHub' }] } };
const login = { homeserver: 'https://matrix.example.org', userId: '@carol:example.org', deviceId: 'DEV', accessToken: 'syt_token' };

function show(finish: () => Promise<unknown>, accountId?: string) {
  const opened = vi.spyOn(window, 'open').mockReturnValue(null);
  const onClose = vi.fn();
  const answers: Partial<Record<RequestName, (params: unknown) => Promise<unknown>>> = {
    'matrix.loginOptions': () => Promise.resolve(options),
    'matrix.ssoStart': () => Promise.resolve({ attemptId: 'a1', url: 'https://matrix.example.org/_matrix/client/v3/login/sso/redirect/oidc-github?redirectUrl=x' }),
    'matrix.ssoFinish': finish,
    'accounts.add': (params) => Promise.resolve(account({ id: 'new', label: JSON.stringify(params) })),
    'accounts.update': (params) => Promise.resolve(account({ id: 'm1', pluginId: 'matrix', label: JSON.stringify(params) })),
  };
  const harness = renderWithApp(<AccountDialog onClose={onClose} {...(accountId !== undefined ? { accountId } : {})} />,
    (method, params) => answers[method]?.(params) ?? Promise.reject(new Error(`unexpected ${method}`)),
    (stores) => {
      stores.plugins.setState({ list: [matrixPlugin] });
      stores.accounts.setState({ list: [account({ id: 'm1', pluginId: 'matrix', settings: { userId: '@dave:example.org' }, secretsStored: ['accessToken'] })] });
    });
  if (accountId === undefined) fireEvent.change(screen.getByLabelText('User ID'), { target: { value: '@carol:example.org' } });
  return { ...harness, opened, onClose };
}

describe('MatrixSignIn', () => {
  it('offers "Sign in with GitHub"; the sign-on opens in the browser and the account is added with its access token', async () => {
    const { request, opened, onClose } = show(() => Promise.resolve(login));
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in with GitHub' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(opened).toHaveBeenCalledWith('https://matrix.example.org/_matrix/client/v3/login/sso/redirect/oidc-github?redirectUrl=x', '_blank', 'noopener,noreferrer');
    expect(request).toHaveBeenCalledWith('matrix.loginOptions', { userId: '@carol:example.org' });
    expect(request).toHaveBeenCalledWith('matrix.ssoStart', { homeserver: 'https://matrix.example.org', idpId: 'oidc-github' });
    expect(request).toHaveBeenCalledWith('accounts.add', {
      pluginId: 'matrix', settings: { userId: '@carol:example.org', homeserver: 'https://matrix.example.org', accessToken: 'syt_token' },
    });
  });

  it('says in words why a sign-on failed, and the dialog stays open', async () => {
    const { onClose } = show(() => Promise.reject(new BridgeRequestError({ kind: 'auth', message: 'The answer from the browser did not belong to this sign-in (state mismatch), so it was refused. Try again.' })));
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in with GitHub' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The answer from the browser did not belong to this sign-in (state mismatch), so it was refused. Try again.');
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in with GitHub' })).toHaveProperty('disabled', false);
  });

  it('renews an existing account\'s token by signing in again, but not as another user', async () => {
    const { request, onClose } = show(() => Promise.resolve(login), 'm1');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in with GitHub' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You signed in as @carol:example.org, but this account is @dave:example.org. Sign in as @dave:example.org, or add a new account.');
    expect(request).not.toHaveBeenCalledWith('accounts.update', expect.anything());
    expect(onClose).not.toHaveBeenCalled();
  });
});
