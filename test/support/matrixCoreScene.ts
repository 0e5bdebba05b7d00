/**
 * One Synapse, alice as a Switchboard account through the whole core (bridge, real Matrix
 * plugin worker) and bob on a plain matrix-js-sdk client: the scene of the Matrix tests that
 * check what alice's app does against what an independent client sees.
 */
import { join } from 'node:path';
import { createClient, type MatrixClient } from 'matrix-js-sdk';
import { quietLogger, silenceSdkLogger } from '../../protocols/matrix/sdkLogger.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { registerTestUser, type MatrixTestUser } from '../servers/synapse/fixtures.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from './inProcessCore.js';

export interface MatrixCoreScene {
  readonly synapse: RunningSynapse;
  readonly alice: MatrixTestUser;
  readonly bob: MatrixTestUser;
  readonly bobClient: MatrixClient;
  /** The core alice's account runs in. */
  readonly ui: InProcessCore;
  /** Alice's account, online. */
  readonly accountId: string;
}

export async function startMatrixCoreScene(): Promise<MatrixCoreScene> {
  const synapse = await startSynapse();
  const [alice, bob] = await Promise.all([registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'bob')]);
  silenceSdkLogger();
  const bobClient = createClient({ baseUrl: synapse.baseUrl, userId: bob.userId, accessToken: bob.accessToken, logger: quietLogger });
  const ui = await startInProcessCore([join(BUILT_PLUGINS, 'matrix')]);
  const account = await ui.client.request('accounts.add', { pluginId: 'matrix', settings: { ...alice.settings } });
  await ui.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 60_000);
  return { synapse, alice, bob, bobClient, ui, accountId: account.id };
}

export async function stopMatrixCoreScene(scene: MatrixCoreScene | undefined): Promise<void> {
  await scene?.ui.close();
  await scene?.synapse.stop();
}
