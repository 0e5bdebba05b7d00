/**
 * The downloads in progress: attachment.progress events for the UI, from the core's own
 * https downloads and from plugins' `download.progress` (at most a few per second per
 * download, so a fast link cannot flood the bridge), and the user's Cancel.
 */
import type { DownloadProgressEvent } from '../../../protocols/api/index.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';

const MIN_INTERVAL_MS = 200;

export interface TrackedDownload {
  /** Named in plugins' `download.progress` events. */
  readonly downloadId: string;
  /** The account whose attachment it is: only that account's plugin may report on it. */
  readonly accountId: string;
  readonly report: (receivedBytes: number, totalBytes: number | undefined) => void;
  /** Aborted when the user cancels the download. */
  readonly signal: AbortSignal;
  readonly end: () => void;
}

interface Running {
  readonly tracked: TrackedDownload;
  readonly attachment: string;
  readonly controller: AbortController;
}

export class ProgressReporter {
  private next = 1;
  private readonly active = new Map<string, Running>();

  constructor(private readonly events: EventBatcher) {}

  start(messageId: number, index: number, accountId: string): TrackedDownload {
    const downloadId = `${messageId}:${index}:${this.next++}`;
    let last = 0;
    const controller = new AbortController();
    const tracked: TrackedDownload = {
      downloadId,
      accountId,
      report: (receivedBytes, totalBytes) => {
        const now = Date.now();
        if (now - last < MIN_INTERVAL_MS) return;
        last = now;
        this.events.emit({ type: 'attachment.progress', payload: {
          messageId, index, receivedBytes, ...(totalBytes !== undefined ? { totalBytes } : {}),
        } });
      },
      signal: controller.signal,
      end: () => this.active.delete(downloadId),
    };
    this.active.set(downloadId, { tracked, attachment: `${messageId}:${index}`, controller });
    return tracked;
  }

  accountOf(downloadId: string): string | undefined {
    return this.active.get(downloadId)?.tracked.accountId;
  }

  /** Cancels every download of the attachment in progress (a save and a preview may both run); answers how many. */
  cancel(messageId: number, index: number): number {
    const running = [...this.active.values()].filter((entry) => entry.attachment === `${messageId}:${index}`);
    for (const entry of running) entry.controller.abort();
    return running.length;
  }

  /** A plugin's report; ignored unless it names a download in progress and carries numbers. */
  fromPlugin(event: DownloadProgressEvent): void {
    const tracked = typeof event.downloadId === 'string' ? this.active.get(event.downloadId)?.tracked : undefined;
    if (!tracked || !Number.isFinite(event.receivedBytes)) return;
    tracked.report(event.receivedBytes, typeof event.totalBytes === 'number' ? event.totalBytes : undefined);
  }
}
