/**
 * Matrix single sign-on in the core against a scripted homeserver on 127.0.0.1 (raw HTTP):
 * what Synapse here cannot produce — next-generation auth metadata, a refused login token, an
 * identity provider's refusal — and the whole redirect with the browser played by fetch.
 * (The real thing, with Synapse and an OpenID provider, is test/e2e/matrix-sso.e2e.ts.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../model/coreError.js';
import { matrixLoginOptions, parseLoginFlows } from './matrixLoginOptions.js';
import { MatrixSso } from './matrixSso.js';

type Route = (url: URL, body: string) => { status: number; json?: unknown; location?: string };

const servers: http.Server[] = [];

async function scriptedHomeserver(route: Route): Promise<string> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    request.on('end', () => {
      const answer = route(new URL(request.url ?? '/', 'http://127.0.0.1'), body);
      response.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.location !== undefined ? { Location: answer.location } : {}) });
      response.end(answer.json === undefined ? '' : JSON.stringify(answer.json));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const unrecognized = { status: 404, json: { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' } };

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error: unknown) {
    return error instanceof CoreError ? error.message : `not a CoreError: ${String(error)}`;
  }
}

describe('matrixLoginOptions', () => {
  it('lists password and the SSO identity providers; no next-gen auth where auth_metadata is unknown', async () => {
    const homeserver = await scriptedHomeserver((url) => url.pathname === '/_matrix/client/v3/login'
      ? { status: 200, json: { flows: [{ type: 'm.login.sso', identity_providers: [{ id: 'oidc-github', name: 'GitHub', icon: 'mxc://x/y' }] }, { type: 'm.login.token' }, { type: 'm.login.password' }] } }
      : unrecognized);
    expect(await matrixLoginOptions(fetch, { userId: '@alice:example.org', homeserver: `${homeserver}/` })).toEqual({
      homeserver, password: true, sso: { identityProviders: [{ id: 'oidc-github', name: 'GitHub' }] },
    });
  });

  it('finds the OAuth 2.0 issuer of next-generation auth (auth_metadata, else MSC2965\'s auth_issuer)', async () => {
    const stable = await scriptedHomeserver((url) => {
      if (url.pathname === '/_matrix/client/v3/login') return { status: 200, json: { flows: [{ type: 'm.login.sso' }, { type: 'm.login.token' }] } };
      if (url.pathname === '/_matrix/client/v1/auth_metadata') return { status: 200, json: { issuer: 'https://auth.example.org/', authorization_endpoint: 'https://auth.example.org/authorize' } };
      return unrecognized;
    });
    expect(await matrixLoginOptions(fetch, { userId: '@alice:example.org', homeserver: stable })).toEqual({
      homeserver: stable, password: false, sso: { identityProviders: [] }, oauthIssuer: 'https://auth.example.org/',
    });
    const unstable = await scriptedHomeserver((url) => {
      if (url.pathname === '/_matrix/client/v3/login') return { status: 200, json: { flows: [{ type: 'm.login.password' }] } };
      if (url.pathname === '/_matrix/client/unstable/org.matrix.msc2965/auth_issuer') return { status: 200, json: { issuer: 'https://mas.example.org/' } };
      return unrecognized;
    });
    expect((await matrixLoginOptions(fetch, { userId: '@alice:example.org', homeserver: unstable })).oauthIssuer).toBe('https://mas.example.org/');
  });

  it('offers no SSO without m.login.token to redeem its token with', () => {
    expect(parseLoginFlows({ flows: [{ type: 'm.login.sso' }, { type: 'm.login.password' }] })).toEqual({ password: true });
  });

  it('refuses a plain-http homeserver on another machine, in words', async () => {
    expect(await messageOf(matrixLoginOptions(fetch, { userId: '@a:example.org', homeserver: 'http://matrix.example.org' })))
      .toBe('Single sign-on needs an https:// homeserver; matrix.example.org is plain http.');
  });
});

describe('MatrixSso', () => {
  it('sends the browser to the identity provider\'s redirect and redeems the token it brings back (m.login.token)', async () => {
    let redeemed: unknown;
    const homeserver = await scriptedHomeserver((url, body) => {
      if (url.pathname === '/_matrix/client/v3/login/sso/redirect/oidc-test') {
        const back = new URL(url.searchParams.get('redirectUrl') ?? '');
        back.searchParams.set('loginToken', 'the-login-token');
        return { status: 302, location: back.toString() };
      }
      if (url.pathname === '/_matrix/client/v3/login') {
        redeemed = JSON.parse(body);
        return { status: 200, json: { user_id: '@carol:localhost', device_id: 'DEVICE1', access_token: 'syt_access' } };
      }
      return unrecognized;
    });
    const sso = new MatrixSso({ deviceName: 'Switchboard test' });
    const { attemptId, url } = await sso.start({ homeserver, idpId: 'oidc-test' });
    expect(url).toMatch(/\/_matrix\/client\/v3\/login\/sso\/redirect\/oidc-test\?redirectUrl=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback%3Fstate%3D/);
    const page = await fetch(url);
    expect(await page.text()).toContain('Signed in. You can close this page and go back to Switchboard.');
    expect(await sso.finish(attemptId)).toEqual({ homeserver, userId: '@carol:localhost', deviceId: 'DEVICE1', accessToken: 'syt_access' });
    expect(redeemed).toEqual({ type: 'm.login.token', token: 'the-login-token', initial_device_display_name: 'Switchboard test' });
    expect(await messageOf(sso.finish(attemptId))).toBe('This sign-in has ended; start it again.');
  });

  it('says so in words when the homeserver refuses the token, the identity provider refuses, or the browser never comes back', async () => {
    const homeserver = await scriptedHomeserver((url) => url.pathname === '/_matrix/client/v3/login'
      ? { status: 403, json: { errcode: 'M_FORBIDDEN', error: 'Invalid login token' } }
      : unrecognized);
    const sso = new MatrixSso({ timeoutMs: 2_000 });

    const refused = await sso.start({ homeserver });
    const redirect = new URL(decodeURIComponent(/redirectUrl=([^&]+)/.exec(refused.url)?.[1] ?? ''));
    redirect.searchParams.set('loginToken', 'stale');
    await (await fetch(redirect)).text();
    expect(await messageOf(sso.finish(refused.attemptId))).toBe('The homeserver refused the sign-in: Invalid login token.');

    const denied = await sso.start({ homeserver });
    const deniedRedirect = new URL(decodeURIComponent(/redirectUrl=([^&]+)/.exec(denied.url)?.[1] ?? ''));
    deniedRedirect.searchParams.set('error', 'access_denied');
    deniedRedirect.searchParams.set('error_description', 'The user said no');
    await (await fetch(deniedRedirect)).text();
    expect(await messageOf(sso.finish(denied.attemptId))).toBe('The identity provider refused the sign-in: The user said no');

    const late = await sso.start({ homeserver });
    expect(await messageOf(sso.finish(late.attemptId))).toBe('The sign-in did not come back within 2 seconds. Try again.');
    sso.close();
  });
});
