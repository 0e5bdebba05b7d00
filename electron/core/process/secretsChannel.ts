/**
 * The keychain stays in the main process (Electron's safeStorage is main-only): the core
 * asks for secrets over a typed request/response seam. `remoteSecretStore` is the core's
 * SecretStore that asks; `answerSecretsRequest` is the main process's answer from its own
 * store. A failure crosses as words (the store's own message), never as a stack.
 */
import type { SecretStore } from '../secrets/secretStore.js';

export type SecretsRequest =
  | { readonly op: 'get'; readonly key: string }
  | { readonly op: 'set'; readonly key: string; readonly value: string }
  | { readonly op: 'delete'; readonly key: string }
  | { readonly op: 'open' };

export type SecretsReply =
  | { readonly ok: true; readonly value?: string }
  | { readonly ok: false; readonly message: string };

/** A secret the main process could not read or write, with its words. */
export class RemoteSecretsError extends Error {
  override readonly name = 'RemoteSecretsError';
}

/** The core's SecretStore: every call is one request answered by the main process. */
export function remoteSecretStore(ask: (request: SecretsRequest) => Promise<SecretsReply>): SecretStore {
  const call = async (request: SecretsRequest): Promise<string | undefined> => {
    const reply = await ask(request);
    if (!reply.ok) throw new RemoteSecretsError(reply.message);
    return reply.value;
  };
  return {
    get: (key) => call({ op: 'get', key }),
    set: async (key, value) => { await call({ op: 'set', key, value }); },
    delete: async (key) => { await call({ op: 'delete', key }); },
    open: () => call({ op: 'open' }),
  };
}

/** The main process's side: one request answered from its store. */
export async function answerSecretsRequest(store: SecretStore, request: SecretsRequest): Promise<SecretsReply> {
  try {
    switch (request.op) {
      case 'get': return withValue(await store.get(request.key));
      case 'set': await store.set(request.key, request.value); return { ok: true };
      case 'delete': await store.delete(request.key); return { ok: true };
      case 'open': return withValue(await store.open?.());
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function withValue(value: string | undefined): SecretsReply {
  return value === undefined ? { ok: true } : { ok: true, value };
}
