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

/** Sends one call across the boundary and resolves with its checked result. */
export type ConnectionInvoker = <M extends ConnectionMethod>(method: M, args: ConnectionArgs<M>) => Promise<ConnectionResult<M>>;

/**
 * A {@link RemoteConnection} whose every method goes through `invoke` (the core's worker
 * transport). Written out per method rather than with a JavaScript Proxy, so that a method
 * added to {@link ProtocolConnection} fails to compile here until it is listed.
 */
export function remoteConnection(invoke: ConnectionInvoker): RemoteConnection {
  const bind = <M extends ConnectionMethod>(method: M) => (...args: ConnectionArgs<M>): Promise<ConnectionResult<M>> => invoke(method, args);
  return {
    connect: bind('connect'),
    disconnect: bind('disconnect'),
    sendMessage: bind('sendMessage'),
    joinRoom: bind('joinRoom'),
    leaveRoom: bind('leaveRoom'),
    savedRooms: bind('savedRooms'),
    openDirect: bind('openDirect'),
    editMessage: bind('editMessage'),
    deleteMessage: bind('deleteMessage'),
    react: bind('react'),
    markRead: bind('markRead'),
    sendTyping: bind('sendTyping'),
    setPresence: bind('setPresence'),
    setTopic: bind('setTopic'),
    fetchHistory: bind('fetchHistory'),
    addContact: bind('addContact'),
    updateContact: bind('updateContact'),
    removeContact: bind('removeContact'),
    setBlocked: bind('setBlocked'),
    answerRequest: bind('answerRequest'),
    listRooms: bind('listRooms'),
    inviteToRoom: bind('inviteToRoom'),
    setRoomNick: bind('setRoomNick'),
    setProfile: bind('setProfile'),
    getProfile: bind('getProfile'),
    kickMember: bind('kickMember'),
    setMemberRole: bind('setMemberRole'),
    destroyRoom: bind('destroyRoom'),
    roomSettings: bind('roomSettings'),
    setRoomSettings: bind('setRoomSettings'),
    roomAffiliations: bind('roomAffiliations'),
    setRoomAffiliation: bind('setRoomAffiliation'),
    uploadFile: bind('uploadFile'),
    downloadAttachment: bind('downloadAttachment'),
    cancelDownload: bind('cancelDownload'),
    runCommand: bind('runCommand'),
  };
}
