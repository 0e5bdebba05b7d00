/**
 * A real core (real SQLite, real plugin workers) in the test process, with a BridgeClient
 * wired to it through JSON, exactly as a transport would carry frames. Needs the built
 * plugin worker (test/support/buildOnce.ts builds it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BridgeClient, type BridgeTransport } from '../../electron/bridge/client.js';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { createCore, type Core, type CoreOptions } from '../../electron/core/createCore.js';
import { FileSecretStore } from '../../electron/core/secrets/fileSecretStore.js';
import type { PluginLimits } from '../../electron/core/plugins/pluginRegistry.js';
import { repoRoot } from './paths.js';

export interface InProcessCore {
  readonly core: Core;
  readonly client: BridgeClient;
  readonly profileDir: string;
  /** Every event received so far, in order. */
  readonly events: BridgeEvent[];
  /** Lines the core logged. */
  readonly log: string[];
  /**
   * Resolves with the first event that matches: of all events so far and to come, or with
   * `since` (a {@link mark}) only of those received after the mark, so that an event from
   * before (an `online` before a crash) cannot stand in for the one awaited.
   */
  waitForEvent<T extends BridgeEvent>(predicate: (event: BridgeEvent) => event is T, timeoutMs?: number, since?: number): Promise<T>;
  waitForEvent(predicate: (event: BridgeEvent) => boolean, timeoutMs?: number, since?: number): Promise<BridgeEvent>;
  /** A mark of now in the event list, for `waitForEvent(…, since)`. */
  mark(): number;
  close(): Promise<void>;
}

export const BUILT_PLUGINS = join(repoRoot, 'dist', 'plugins');
export const FIXTURE_PLUGINS = join(repoRoot, 'test', 'fixtures', 'plugins');

/** Core options a test may set besides the plugins and the profile. */
export type ExtraCoreOptions = Pick<CoreOptions, 'attachmentLimits' | 'downloadsDir' | 'httpsCa' | 'stagedFiles' | 'sendDeadlineMs' | 'now' | 'installedPluginDirs' | 'npmRegistry' | 'spawnSandboxed'>;

export async function startInProcessCore(pluginDirs: readonly string[], profileDir?: string, pluginLimits?: PluginLimits, extra: ExtraCoreOptions = {}): Promise<InProcessCore> {
  const ownsProfile = profileDir === undefined;
  const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'switchboard-core-'));
  const log: string[] = [];
  const core = await createCore({
    profileDir: profile,
    secretStore: new FileSecretStore(join(profile, 'secrets.json')),
    pluginDirs,
    workerEntry: join(repoRoot, 'dist', 'core', 'pluginWorker.js'),
    log: (line) => log.push(line),
    ...(pluginLimits ? { pluginLimits } : {}),
    ...extra,
  });
  const events: BridgeEvent[] = [];
  const waiters = new Set<() => void>();
  let toClient: ((frame: unknown) => void) | undefined;
  const session = core.bridge.openSession((frame) => toClient?.(JSON.parse(JSON.stringify(frame))));
  const transport: BridgeTransport = {
    send: (frame) => session.receive(JSON.parse(JSON.stringify(frame))),
    onFrame: (listener) => { toClient = listener; },
    onClose: () => undefined,
  };
  const client = new BridgeClient(transport);
  client.subscribe((batch) => {
    events.push(...batch);
    for (const wake of [...waiters]) wake();
  });

  const waitForEvent = (predicate: (event: BridgeEvent) => boolean, timeoutMs = 15_000, since = 0): Promise<BridgeEvent> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = events.slice(since).find(predicate);
        if (!found) return false;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`No matching event${since > 0 ? ` after event ${since}` : ''} within ${timeoutMs} ms. Last events: ${JSON.stringify(events.slice(-5))}\nLog: ${log.slice(-5).join('\n')}`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });

  return {
    core, client, profileDir: profile, events, log,
    waitForEvent,
    mark: () => events.length,
    close: async () => {
      session.close();
      await core.close();
      if (ownsProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
