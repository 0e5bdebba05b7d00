/**
 * A device is reachable by encrypted messages once its keys are on the homeserver (spec
 * §End-to-End Encryption, "Uploading keys"). The SDK uploads them in the background after the
 * crypto starts, usually after the first sync (measured on Synapse and Dendrite: at "online",
 * /keys/query mostly did not show the new device yet). A contact who sends in that gap
 * encrypts for the account's other devices only, and the message stays undecryptable on this
 * one (matrix-conformance on Dendrite under load, once in a full run). So the first login of a
 * device waits, bounded, until /keys/query shows its keys, and remembers that it did.
 */
import type { MatrixClient } from 'matrix-js-sdk';
import type { ConnectionContext } from '../api/index.js';

/** Plugin storage key: the device id whose keys were seen on the homeserver. */
const PUBLISHED_KEY = 'deviceKeysPublished';

export interface KeysWait {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly isStopped: () => boolean;
}

export async function untilOwnDeviceKeysPublished(
  context: Pick<ConnectionContext, 'storage' | 'log'>, client: Pick<MatrixClient, 'downloadKeysForUsers'>,
  userId: string, deviceId: string, wait: KeysWait,
): Promise<void> {
  if (await context.storage.get(PUBLISHED_KEY) === deviceId) return;
  const deadline = Date.now() + wait.timeoutMs;
  while (!wait.isStopped()) {
    const answer = await client.downloadKeysForUsers([userId]).catch(() => undefined);
    if (answer?.device_keys[userId]?.[deviceId] !== undefined) {
      await context.storage.set(PUBLISHED_KEY, deviceId);
      return;
    }
    if (Date.now() >= deadline) {
      context.log.warn(`Matrix: this device's keys were not on the homeserver within ${String(wait.timeoutMs / 1000)} s; messages sent to it meanwhile may not be readable here.`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
  }
}
