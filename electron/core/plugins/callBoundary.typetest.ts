/**
 * Type test (checked by `tsc`, never run): the core's calls into plugins stay typed end to
 * end. Each `@ts-expect-error` below is a call that must not compile; if the boundary went
 * back to `method: string, args: unknown[]` returning `unknown`, these lines would compile
 * and tsc would fail on the unused directives. See protocols/api/calls.ts.
 */
import type { ConnectionResult, HistoryPage, RemoteConnection } from '../../../protocols/api/index.js';
import type { AccountManager } from '../accounts/accountManager.js';
import type { PluginHost } from './pluginHost.js';

export async function callsStayTyped(accounts: AccountManager, host: PluginHost, remote: RemoteConnection): Promise<void> {
  // Results carry the method's own type, without a cast.
  const joined: { readonly conversationId: string } = await accounts.call('a', 'joinRoom', [{ room: '#room' }]);
  const page: HistoryPage = await host.call('a', 'fetchHistory', [{ conversationId: joined.conversationId, limit: 50 }]);
  const viaProxy: ConnectionResult<'listRooms'> = await remote.listRooms('', page.messages.length);
  if (viaProxy.length < 0) return;

  // @ts-expect-error joinRoom takes a JoinRoomRequest, not the room's name
  await accounts.call('a', 'joinRoom', ['#room']);
  // @ts-expect-error no such connection method
  await accounts.call('a', 'teleport', []);
  // @ts-expect-error leaveRoom takes one argument
  await host.call('a', 'leaveRoom', ['#room', 'extra']);
  // @ts-expect-error sendMessage resolves with nothing, not a string
  const sent: string = await accounts.call('a', 'sendMessage', [{ conversationId: '#room', localId: '1', kind: 'text', body: 'hi' }]); // eslint-disable-line @typescript-eslint/no-confusing-void-expression -- the point of the line
  if (sent === '') return;
  // @ts-expect-error the proxy has the interface's signatures too
  await remote.react('#room', 'id', 'not a list');
}
