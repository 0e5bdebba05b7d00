/**
 * Saving and previewing the attachments of received messages. Files come from strangers:
 * nothing is ever opened or run, a save only writes into the downloads folder (under a
 * safe, unique name, with a warning flag for program files), and a preview happens only
 * when the user asks, is size-capped, and shows only bytes that are really PNG, JPEG, GIF
 * or WebP. https files are fetched by the core (httpsDownload.ts); network URIs (mxc://)
 * and encrypted files by their plugin (ProtocolConnection.downloadAttachment).
 */
import { readFile, unlink } from 'node:fs/promises';
import type { Attachment as ApiAttachment, DownloadResult, ProtocolEvent } from '../../../protocols/api/index.js';
import type { AttachmentPreview, SavedFile } from '../../bridge/schemas.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { CoreError, notFound } from '../model/coreError.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ConversationsRepository } from '../store/conversationsRepository.js';
import type { MessagesRepository } from '../store/messagesRepository.js';
import type { DownloadsFolder } from './downloadsFolder.js';
import { isExecutableName } from './fileNames.js';
import { httpsDownload, tooBigFault } from './httpsDownload.js';
import { sniffImageType } from './imageSniff.js';
import { ProgressReporter } from './progressReporter.js';

export interface AttachmentLimits {
  /** Biggest file saved. */
  readonly saveBytes: number;
  /** Biggest image (or thumbnail) fetched for a preview. */
  readonly previewBytes: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { saveBytes: 200 * 1024 * 1024, previewBytes: 10 * 1024 * 1024 };

export interface AttachmentServiceDeps {
  readonly messages: MessagesRepository;
  readonly conversations: ConversationsRepository;
  readonly accounts: AccountManager;
  readonly events: EventBatcher;
  readonly downloads: DownloadsFolder;
  readonly limits: AttachmentLimits;
  /** Certificate authorities for https attachments instead of the system's (tests only). */
  readonly httpsCa?: string;
}

/** A plugin's download may take long on a slow link (the host's default for calls is a minute). */
const PLUGIN_DOWNLOAD_TIMEOUT_MS = 15 * 60_000;

interface Located {
  readonly accountId: string;
  readonly attachment: ApiAttachment;
}

export class AttachmentService {
  private readonly progress: ProgressReporter;

  constructor(private readonly deps: AttachmentServiceDeps) {
    this.progress = new ProgressReporter(deps.events);
  }

  /** Download into the downloads folder. */
  async save(messageId: number, index: number): Promise<SavedFile> {
    const { accountId, attachment } = this.locate(messageId, index);
    const temporary = await this.deps.downloads.temporaryPath();
    try {
      const result = await this.fetch(accountId, attachment, 'file', temporary, this.deps.limits.saveBytes, messageId, index);
      const placed = await this.deps.downloads.place(temporary, attachment.name);
      return { name: placed.name, path: placed.path, size: result.size, executable: isExecutableName(placed.name) };
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  /** Fetch an image for a preview the user asked for; only bytes that sniff as a raster image. */
  async preview(messageId: number, index: number): Promise<AttachmentPreview> {
    const { accountId, attachment } = this.locate(messageId, index);
    if (attachment.kind !== 'image') throw new CoreError({ kind: 'invalid-request', message: 'Only images have a preview.' });
    const temporary = await this.deps.downloads.temporaryPath();
    try {
      await this.fetch(accountId, attachment, 'thumbnail', temporary, this.deps.limits.previewBytes, messageId, index);
      const bytes = await readFile(temporary);
      const mimeType = sniffImageType(bytes);
      if (mimeType === undefined) {
        const claimed = attachment.mimeType !== undefined ? ` although it says ${attachment.mimeType}` : '';
        throw new CoreError({ kind: 'protocol', message: `No preview: the file is not a PNG, JPEG, GIF or WebP image${claimed}.` });
      }
      return { mimeType, dataBase64: bytes.toString('base64') };
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  /**
   * The user's Cancel of a save or preview in progress: the download stops (a plugin's
   * through its `cancelDownload`, when it has one), its request fails as cancelled and
   * the partial file is removed. Nothing running is no error (it may have just ended).
   */
  cancel(messageId: number, index: number): void {
    this.progress.cancel(messageId, index);
  }

  /** Plugin events: `download.progress` of a download this service started becomes attachment.progress. */
  observe(items: readonly { readonly accountId: string; readonly event: ProtocolEvent }[]): void {
    for (const { event } of items) {
      if (event.type === 'download.progress') this.progress.fromPlugin(event);
    }
  }

  /** The account whose attachment a download in progress fetches (plugins may report only on their own). */
  accountOfDownload(downloadId: string): string | undefined {
    return this.progress.accountOf(downloadId);
  }

  private locate(messageId: number, index: number): Located {
    const message = this.deps.messages.get(messageId);
    const conversation = message ? this.deps.conversations.get(message.conversationId) : undefined;
    const attachment = message?.deleted === true ? undefined : this.deps.messages.attachmentsOf(messageId)[index];
    if (!message || !conversation || !attachment) throw notFound('This attachment is no longer there.');
    if (message.direction !== 'in' || attachment.url === '') {
      throw new CoreError({ kind: 'invalid-request', message: 'Only files of received messages can be downloaded.' });
    }
    return { accountId: conversation.accountId, attachment };
  }

  private async fetch(accountId: string, attachment: ApiAttachment, variant: 'file' | 'thumbnail', path: string,
    maxBytes: number, messageId: number, index: number): Promise<DownloadResult> {
    if (attachment.size !== undefined && attachment.size > maxBytes) throw tooBigFault(maxBytes);
    const track = this.progress.start(messageId, index, accountId);
    try {
      if (/^https?:/i.test(attachment.url)) {
        return await untilCancelled(track.signal, path, httpsDownload(attachment.url, path, {
          maxBytes, onProgress: track.report, signal: track.signal, ...(this.deps.httpsCa !== undefined ? { ca: this.deps.httpsCa } : {}),
        }));
      }
      if (this.deps.accounts.capabilitiesOf(accountId)?.fileDownload !== true) {
        throw new CoreError({ kind: 'not-supported', message: 'This network\'s plugin cannot download files.' });
      }
      // API 0.4: the plugin stops the download and leaves no file; a plugin without
      // cancelDownload answers not-supported and its late file is removed by untilCancelled.
      track.signal.addEventListener('abort', () => {
        this.deps.accounts.call(accountId, 'cancelDownload', [track.downloadId]).catch(() => undefined);
      }, { once: true });
      const download = this.deps.accounts.call(accountId, 'downloadAttachment', [{
        attachment, variant, path, maxBytes, downloadId: track.downloadId,
      }], PLUGIN_DOWNLOAD_TIMEOUT_MS);
      return await untilCancelled(track.signal, path, download);
    } finally {
      track.end();
    }
  }
}

/** Answered to a save or preview the user cancelled. */
export const CANCELLED_MESSAGE = 'The download was cancelled.';

/**
 * The download's outcome, or a "cancelled" failure as soon as `signal` aborts; whatever
 * the download still writes after that is removed once it settles.
 */
function untilCancelled<T>(signal: AbortSignal, path: string, download: Promise<T>): Promise<T> {
  const cancelled = new Promise<never>((_resolve, reject) => {
    const fail = (): void => {
      reject(new CoreError({ kind: 'network', message: CANCELLED_MESSAGE }));
      void download.catch(() => undefined).then(() => unlink(path).catch(() => undefined));
    };
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  cancelled.catch(() => undefined);
  return Promise.race([download, cancelled]);
}
