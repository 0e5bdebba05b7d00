/**
 * A throw-away OpenID Connect provider on 127.0.0.1 for the single sign-on tests: the npm
 * package `oidc-provider` (a certified OpenID provider) with its development sign-in pages,
 * which accept any login name with any password. The account's `sub` and
 * `preferred_username` are the login name typed in, so Synapse maps it to `@<login>:localhost`.
 *
 * ```ts
 * const port = await findFreePort();
 * const synapse = await startSynapse({ oidc: oidcProviderConfig(issuerOf(port)) });
 * const idp = await startOidcProvider({ port, redirectUri: synapseOidcCallback(synapse.baseUrl) });
 * ```
 */
import http from 'node:http';
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'switchboard-synapse';
export const OIDC_CLIENT_SECRET = 'switchboard-synapse-test-secret';

export interface RunningOidcProvider {
  /** `http://127.0.0.1:PORT` (no trailing slash): the issuer. */
  readonly issuer: string;
  stop(): Promise<void>;
}

export function issuerOf(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Synapse's OIDC callback (`{public_baseurl}_synapse/client/oidc/callback`). */
export function synapseOidcCallback(synapseBaseUrl: string): string {
  return `${synapseBaseUrl}/_synapse/client/oidc/callback`;
}

export async function startOidcProvider(options: { readonly port: number; readonly redirectUri: string }): Promise<RunningOidcProvider> {
  const issuer = issuerOf(options.port);
  const provider = new Provider(issuer, {
    clients: [{
      client_id: OIDC_CLIENT_ID,
      client_secret: OIDC_CLIENT_SECRET,
      redirect_uris: [options.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
    findAccount: (_ctx, sub) => Promise.resolve({
      accountId: sub,
      claims: () => Promise.resolve({ sub, preferred_username: sub, name: sub }),
    }),
    features: { devInteractions: { enabled: true } },
    // Lifetimes set, so the provider does not print a notice per kind of artifact.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // Test keys only: the cookies are signed with a fixed key instead of a random one per start.
    cookies: { keys: ['switchboard-test-cookie-key'] },
  });
  // Over plain HTTP on loopback: no proxy headers to trust.
  provider.proxy = false;
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  let stopped = false;
  return {
    issuer,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Synapse's `oidc_providers` entry for this provider (Synapse docs, "Configuring Synapse to
 * authenticate against an OpenID Connect provider").
 */
export function oidcProviderConfig(issuer: string): Record<string, unknown> {
  return {
    idp_id: 'test-idp',
    idp_name: 'Test IdP',
    issuer,
    client_id: OIDC_CLIENT_ID,
    client_secret: OIDC_CLIENT_SECRET,
    scopes: ['openid', 'profile'],
    // oidc-provider answers the profile from its userinfo endpoint (the ID token carries only `sub`).
    user_profile_method: 'userinfo_endpoint',
    pkce_method: 'always',
    // Synapse insists on https endpoints in the provider's metadata unless verification is
    // skipped; the test provider speaks plain HTTP on 127.0.0.1 (no certificate to trust).
    skip_verification: true,
    user_mapping_provider: {
      config: {
        subject_claim: 'sub',
        localpart_template: '{{ user.preferred_username }}',
        display_name_template: '{{ user.name }}',
      },
    },
  };
}
