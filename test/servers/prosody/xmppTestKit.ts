/**
 * Shared setup for the XMPP adapter's integration tests: one server (Prosody, or ejabberd
 * through {@link startXmppKitOn}), accounts on it, our adapter driven through TestAccount (as
 * the core drives it), and independent raw clients.
 */
import xmppPlugin from '../../../protocols/xmpp/index.js';
import { XmppConnection } from '../../../protocols/xmpp/xmppConnection.js';
import { TestAccount, createMemoryPersistence, type AccountPersistence, type AccountSettings } from '../../conformance/index.js';
import { startProsody, type ProsodyOptions, type RunningProsody } from '../prosody.js';
import type { RunningXmppServer, XmppServerKind, XmppServerOptions } from '../xmppServer.js';
import { startXmppServer } from '../xmppServers.js';
import { connectRawXmppClient, type RawXmppClient } from './rawXmppClient.js';

export { connectRawXmppClient, escapeXml, type RawXmppClient } from './rawXmppClient.js';

export const PASSWORD = 'test-password';

export type OnlineAccount = TestAccount & { readonly id: string; readonly xmpp: XmppConnection };

export interface XmppServerKit<Server extends RunningXmppServer = RunningXmppServer> {
  readonly server: Server;
  /** Settings for `user@localhost` (STARTTLS, pinned certificate), with overrides. */
  settings(user: string, extra?: AccountSettings): AccountSettings;
  /** Create `user@localhost` (once). */
  user(user: string): Promise<void>;
  /** A TestAccount, not connected. */
  account(user: string, extra?: AccountSettings, persistence?: AccountPersistence): TestAccount & { readonly xmpp: XmppConnection };
  /** A TestAccount, connected. */
  online(user: string, extra?: AccountSettings, persistence?: AccountPersistence): Promise<OnlineAccount>;
  /** An independent raw client for `user` (registered if needed). */
  raw(user: string, resource?: string, presence?: boolean): Promise<RawXmppClient>;
  /** Disconnect every account and raw client made so far. */
  closeAll(): Promise<void>;
  stop(): Promise<void>;
}

/** A kit on Prosody, whose server is also `kit.prosody` (with what only Prosody has). */
export type XmppKit = XmppServerKit<RunningProsody> & { readonly prosody: RunningProsody };

/** A kit on Prosody, with Prosody's own options. */
export async function startXmppKit(options: ProsodyOptions = {}, timeoutMs = 10_000): Promise<XmppKit> {
  const prosody = await startProsody(options);
  return Object.assign(kitOn(prosody, timeoutMs), { prosody });
}

/** A kit on the named server: the same tests against Prosody and ejabberd. */
export async function startXmppKitOn(kind: XmppServerKind, options: XmppServerOptions = {}, timeoutMs = 10_000): Promise<XmppServerKit> {
  return kitOn(await startXmppServer(kind, options), timeoutMs);
}

function kitOn<Server extends RunningXmppServer>(running: Server, timeoutMs: number): XmppServerKit<Server> {
  const users = new Set<string>();
  const accounts: TestAccount[] = [];
  const raws: RawXmppClient[] = [];
  const kit: XmppServerKit<Server> = {
    server: running,
    settings: (user, extra = {}) => ({
      jid: `${user}@localhost`, password: PASSWORD, server: running.host, port: running.c2sPort, security: 'starttls',
      trustedFingerprint: running.certificateFingerprint256, ...extra,
    }),
    async user(user) {
      if (users.has(user)) return;
      users.add(user);
      await running.register(user, PASSWORD);
    },
    account(user, extra, persistence = createMemoryPersistence()) {
      const account = new TestAccount(xmppPlugin, kit.settings(user, extra), timeoutMs, persistence);
      accounts.push(account);
      const xmpp = account.connection;
      if (!(xmpp instanceof XmppConnection)) throw new Error('the XMPP plugin did not create an XmppConnection');
      return Object.assign(account, { xmpp });
    },
    async online(user, extra, persistence) {
      await kit.user(user);
      const account = kit.account(user, extra, persistence);
      await account.connection.connect();
      const id = account.selfId;
      if (!id) throw new Error('online without a selfId');
      return Object.assign(account, { id });
    },
    async raw(user, resource = 'raw', presence = true) {
      await kit.user(user);
      const client = await connectRawXmppClient({ port: running.directTlsPort, user, password: PASSWORD, resource, presence });
      raws.push(client);
      return client;
    },
    async closeAll() {
      await Promise.all(accounts.splice(0).map((account) => account.connection.disconnect()));
      await Promise.all(raws.splice(0).map((client) => client.close()));
    },
    async stop() {
      await kit.closeAll();
      await running.stop();
    },
  };
  return kit;
}

/** Count events of a type matching a predicate. */
export function count<K extends TestAccount['events'][number]['type']>(
  account: TestAccount, type: K, match: (event: Extract<TestAccount['events'][number], { type: K }>) => boolean,
): number {
  return account.events.filter((event) => event.type === type && match(event as Extract<TestAccount['events'][number], { type: K }>)).length;
}
