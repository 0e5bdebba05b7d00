/** TestAccounts of the Matrix adapter for integration tests, closed together at the end. */
import type { ProtocolPlugin } from '../../../protocols/api/index.js';
import { MatrixConnection } from '../../../protocols/matrix/connection.js';
import matrixPlugin from '../../../protocols/matrix/index.js';
import { createMemoryPersistence, TestAccount, type AccountPersistence } from '../../conformance/index.js';
import type { MatrixTestUser } from './fixtures.js';

export type OnlineAccount = TestAccount & { readonly id: string };

export class MatrixAccounts {
  private readonly open: TestAccount[] = [];

  constructor(private readonly timeoutMs = 20_000, private readonly plugin: ProtocolPlugin = matrixPlugin) {}

  /** A connection (not yet connected) for `settings`; same `persistence` = the same installation after a restart. */
  create(settings: MatrixTestUser['settings'], persistence: AccountPersistence = createMemoryPersistence()): TestAccount {
    const account = new TestAccount(this.plugin, settings, this.timeoutMs, persistence);
    this.open.push(account);
    return account;
  }

  async online(settings: MatrixTestUser['settings'], persistence?: AccountPersistence): Promise<OnlineAccount> {
    const account = this.create(settings, persistence);
    await account.connection.connect();
    const id = account.selfId;
    if (!id) throw new Error('online without a selfId');
    return Object.assign(account, { id });
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((account) => account.connection.disconnect()));
  }
}

/** The Matrix plugin keeping only `liveTimelineEvents` per room in the SDK (liveTimeline.ts): a bound a test can pass. */
export function boundedTimelinePlugin(liveTimelineEvents: number): ProtocolPlugin {
  return { ...matrixPlugin, createConnection: (context) => new MatrixConnection(context, liveTimelineEvents) };
}

/** How many events the account's SDK holds in the room's live timeline. */
export function liveTimelineLength(account: TestAccount, roomId: string): number | undefined {
  if (!(account.connection instanceof MatrixConnection)) throw new Error('not a Matrix connection');
  return account.connection.liveTimelineLengths().get(roomId);
}
