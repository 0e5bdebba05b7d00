/**
 * How a Matrix homeserver lets users sign in, asked before an account exists (the Add account
 * dialog): its homeserver URL (§Server Discovery, `.well-known/matrix/client`), the login flows
 * of `GET /_matrix/client/v3/login` with the identity providers of `m.login.sso`
 * (§Client Authentication, §Login, §SSO client login), and whether it delegates to an OAuth 2.0
 * authorization server (next-generation auth, MSC3861: `GET /_matrix/client/v1/auth_metadata`,
 * §OAuth 2.0 API; before that, MSC2965's unstable path).
 *
 * Plain fetch, no SDK: the core only needs these few JSON answers.
 */
import { CoreError } from '../model/coreError.js';

export interface IdentityProvider {
  readonly id: string;
  readonly name: string;
}

export interface MatrixLoginOptions {
  /** The homeserver's base URL, no trailing slash. */
  readonly homeserver: string;
  readonly password: boolean;
  /** Present when the server offers `m.login.sso` with `m.login.token`. */
  readonly sso?: { readonly identityProviders: IdentityProvider[] };
  /** The OAuth 2.0 authorization server the homeserver delegates to, if any. */
  readonly oauthIssuer?: string;
}

export type Fetch = typeof fetch;

const TIMEOUT_MS = 15_000;

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * The homeserver URL as given, checked: https, or http on this machine only (a sign-in token
 * and the access token must not cross a network in the clear).
 */
export function checkedHomeserver(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CoreError({ kind: 'protocol', message: `"${url}" is not a homeserver URL.` });
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new CoreError({ kind: 'protocol', message: `Single sign-on needs an https:// homeserver; ${parsed.host} is plain http.` });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new CoreError({ kind: 'protocol', message: `"${url}" is not a homeserver URL.` });
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

async function getJson(fetchFn: Fetch, url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetchFn(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** §Server Discovery: `https://<server name>/.well-known/matrix/client`, else the server name itself. */
export async function discoverHomeserver(fetchFn: Fetch, serverName: string): Promise<string> {
  try {
    const { status, body } = await getJson(fetchFn, `https://${serverName}/.well-known/matrix/client`);
    const baseUrl = record(record(body)?.['m.homeserver'])?.['base_url'];
    if (status === 200 && typeof baseUrl === 'string') return checkedHomeserver(baseUrl);
  } catch (error: unknown) {
    if (error instanceof CoreError) throw error;
    // No .well-known reachable: the server name itself, as clients do.
  }
  return `https://${serverName}`;
}

/** The login flows (§Login: `GET /login`), with the SSO identity providers (§SSO client login). */
export function parseLoginFlows(body: unknown): Pick<MatrixLoginOptions, 'password' | 'sso'> {
  const flows = record(body)?.['flows'];
  const list = Array.isArray(flows) ? flows.map(record).filter((flow) => flow !== undefined) : [];
  const has = (type: string): boolean => list.some((flow) => flow['type'] === type);
  const ssoFlow = list.find((flow) => flow['type'] === 'm.login.sso');
  const providers = Array.isArray(ssoFlow?.['identity_providers']) ? ssoFlow['identity_providers'] : [];
  const identityProviders = providers.map(record).flatMap((provider) => {
    const id = provider?.['id'];
    const name = provider?.['name'];
    return typeof id === 'string' && id !== '' && id.length <= 255 && typeof name === 'string'
      ? [{ id, name: name.trim().slice(0, 100) || id }]
      : [];
  });
  // §SSO client login: the token the redirect brings back is redeemed by m.login.token.
  const sso = ssoFlow !== undefined && has('m.login.token') ? { sso: { identityProviders } } : {};
  return { password: has('m.login.password'), ...sso };
}

/**
 * The OAuth 2.0 issuer a homeserver delegates authentication to (next-generation auth):
 * `GET /_matrix/client/v1/auth_metadata` (§OAuth 2.0 API, server metadata discovery), else
 * MSC2965's unstable `auth_issuer`. A 404 (or M_UNRECOGNIZED) means none.
 */
export async function discoverOauthIssuer(fetchFn: Fetch, homeserver: string): Promise<string | undefined> {
  const stable = await getJson(fetchFn, `${homeserver}/_matrix/client/v1/auth_metadata`).catch(() => undefined);
  const issuer = record(stable?.body)?.['issuer'];
  if (stable?.status === 200 && typeof issuer === 'string') return issuer;
  const unstable = await getJson(fetchFn, `${homeserver}/_matrix/client/unstable/org.matrix.msc2965/auth_issuer`).catch(() => undefined);
  const unstableIssuer = record(unstable?.body)?.['issuer'];
  return unstable?.status === 200 && typeof unstableIssuer === 'string' ? unstableIssuer : undefined;
}

/** What the dialog offers for this user id (or homeserver URL, when given). */
export async function matrixLoginOptions(fetchFn: Fetch, params: { readonly userId: string; readonly homeserver?: string }): Promise<MatrixLoginOptions> {
  const serverName = /^@[^:]+:(.+)$/.exec(params.userId)?.[1];
  if (params.homeserver === undefined && serverName === undefined) {
    throw new CoreError({ kind: 'invalid-request', message: 'Enter a user ID like @alice:example.org first.' });
  }
  const homeserver = params.homeserver !== undefined ? checkedHomeserver(params.homeserver) : await discoverHomeserver(fetchFn, serverName ?? '');
  let flows;
  try {
    flows = await getJson(fetchFn, `${homeserver}/_matrix/client/v3/login`);
  } catch {
    throw new CoreError({ kind: 'network', message: `The homeserver ${homeserver} did not answer.` });
  }
  if (flows.status !== 200) {
    throw new CoreError({ kind: 'protocol', message: `The homeserver ${homeserver} did not list its ways to sign in (HTTP ${flows.status}).` });
  }
  const oauthIssuer = await discoverOauthIssuer(fetchFn, homeserver);
  return { homeserver, ...parseLoginFlows(flows.body), ...(oauthIssuer !== undefined ? { oauthIssuer } : {}) };
}
