/**
 * Save and preview received attachments. Nothing is opened: a save writes into the
 * downloads folder (the core picks a safe, unique name) and says where; a preview is
 * fetched only when the user asks, or with inline previews on when its message is shown
 * (inlinePreviews.ts). The core answers a preview with bytes it sniffed as
 * PNG, JPEG, GIF or WebP; they become a blob: URL here because that works the same over
 * Electron IPC and the headless WebSocket and is allowed by the pages' CSP (img-src blob:),
 * with no route serving files and no remote URL in an <img>.
 */
import { errorMessage, type ActionContext } from './actionContext.js';
import { attachmentKey, bytesOfBase64, withEntry } from './attachments.js';
import { i18n } from '../i18n/index.js';

export interface AttachmentActions {
  /** Saves into the downloads folder; never rejects (the outcome is in the attachments store). */
  saveAttachment(messageId: number, index: number): Promise<void>;
  /** Stops a save in progress (the core leaves no partial file); never rejects. */
  cancelSave(messageId: number, index: number): Promise<void>;
  /** Fetches and shows an image preview; never rejects. */
  showPreview(messageId: number, index: number): Promise<void>;
  hidePreview(messageId: number, index: number): void;
}

export function createAttachmentActions(context: ActionContext): AttachmentActions {
  const store = context.stores.attachments;
  const set = (key: string, change: Parameters<typeof withEntry>[2]): void => store.setState(withEntry(store.getState(), key, change));
  const revoke = (key: string): void => {
    const preview = store.getState().byKey.get(key)?.preview;
    if (preview?.status === 'shown') URL.revokeObjectURL(preview.url);
  };

  return {
    saveAttachment: async (messageId, index) => {
      const key = attachmentKey(messageId, index);
      if (store.getState().byKey.get(key)?.save?.status === 'saving') return;
      set(key, { save: { status: 'saving', receivedBytes: 0 } });
      try {
        const file = await context.client().request('attachments.save', { messageId, index });
        set(key, { save: { status: 'saved', file } });
      } catch (error: unknown) {
        // Cancelled by the user meanwhile: the failure is the cancel, already shown.
        if (store.getState().byKey.get(key)?.save?.status === 'cancelled') return;
        set(key, { save: { status: 'failed', error: errorMessage(error) } });
      }
    },
    cancelSave: async (messageId, index) => {
      const key = attachmentKey(messageId, index);
      if (store.getState().byKey.get(key)?.save?.status !== 'saving') return;
      set(key, { save: { status: 'cancelled' } });
      try {
        await context.client().request('attachments.cancel', { messageId, index });
      } catch (error: unknown) {
        set(key, { save: { status: 'failed', error: i18n.t('stateErrors.notCancelled', { error: errorMessage(error) }) } });
      }
    },
    showPreview: async (messageId, index) => {
      const key = attachmentKey(messageId, index);
      revoke(key);
      set(key, { preview: { status: 'loading' } });
      try {
        const { mimeType, dataBase64 } = await context.client().request('attachments.preview', { messageId, index });
        // Hidden again while it loaded: drop it.
        if (store.getState().byKey.get(key)?.preview?.status !== 'loading') return;
        const url = URL.createObjectURL(new Blob([bytesOfBase64(dataBase64)], { type: mimeType }));
        set(key, { preview: { status: 'shown', url } });
      } catch (error: unknown) {
        if (store.getState().byKey.get(key)?.preview?.status !== 'loading') return;
        set(key, { preview: { status: 'failed', error: errorMessage(error) } });
      }
    },
    hidePreview: (messageId, index) => {
      const key = attachmentKey(messageId, index);
      revoke(key);
      set(key, { preview: { status: 'hidden' } });
    },
  };
}
