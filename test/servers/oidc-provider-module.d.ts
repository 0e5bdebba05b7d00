/** The few parts of `oidc-provider` (no bundled types) the test OpenID provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    readonly accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  interface Configuration {
    readonly clients?: readonly Record<string, unknown>[];
    readonly claims?: Record<string, readonly string[]>;
    readonly findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined>;
    readonly features?: Record<string, unknown>;
    readonly cookies?: { readonly keys?: readonly string[] };
    readonly ttl?: Record<string, number>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    proxy: boolean;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
