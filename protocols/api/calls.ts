/**
 * The calls the core makes on a {@link ProtocolConnection}, derived from that interface (as
 * VS Code's ProxyChannel derives an IPC proxy from a service interface): a method's name
 * picks its argument list and its result, so the core's calls across the worker boundary
 * are typed end to end and a signature change here is a compile error in the core.
 */
import type { ProtocolConnection } from './connection.js';

/** Every method the core may call on a connection. */
export type ConnectionMethod = keyof ProtocolConnection;

/** The argument list of `method`, as a tuple. */
export type ConnectionArgs<M extends ConnectionMethod> = Parameters<NonNullable<ProtocolConnection[M]>>;

/** What `method` resolves with (void for methods that resolve with nothing). */
export type ConnectionResult<M extends ConnectionMethod> = Awaited<ReturnType<NonNullable<ProtocolConnection[M]>>>;

/**
 * A connection seen from the core: every method (an optional one the plugin lacks fails with
 * `not-supported`), each taking its arguments and resolving with its checked result.
 */
export type RemoteConnection = {
  readonly [M in ConnectionMethod]-?: (...args: ConnectionArgs<M>) => Promise<ConnectionResult<M>>;
};

/** One call, as a tagged union over every method: what crosses the worker boundary. */
export type ConnectionCall = { readonly [M in ConnectionMethod]-?: { readonly method: M; readonly args: ConnectionArgs<M> } }[ConnectionMethod];
