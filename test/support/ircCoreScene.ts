/**
 * The set-up several IRC integration tests share: ngIRCd, an in-process core with the built
 * IRC plugin, and alice's account on it, online. Stopped by `stop()`.
 */
import { join } from 'node:path';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import type { AccountFieldValue } from '../../protocols/api/index.js';
import { BUILT_PLUGINS, startInProcessCore, type ExtraCoreOptions, type InProcessCore } from './inProcessCore.js';
import { eventually } from './wsBridgeClient.js';

export interface IrcCoreScene {
  readonly server: RunningIrcServer;
  readonly core: InProcessCore;
  readonly alice: AccountView;
  stop(): Promise<void>;
}

/** `settings`: more account settings for alice; `extra`: core options (attachment limits, downloads folder). */
export async function startIrcCoreScene(settings: Readonly<Record<string, AccountFieldValue>> = {}, extra: ExtraCoreOptions = {}): Promise<IrcCoreScene> {
  const server = await startNgircd();
  const core = await startInProcessCore([join(BUILT_PLUGINS, 'irc')], undefined, undefined, extra);
  const alice = await core.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: server.port, tls: false, nick: 'alice', ...settings } });
  await eventually('alice online', () => core.events.some((e) => e.type === 'account.changed' && e.payload.account.id === alice.id && e.payload.account.state === 'online') || undefined, 15_000);
  return {
    server, core, alice,
    async stop() {
      await core.close();
      await server.stop();
    },
  };
}
