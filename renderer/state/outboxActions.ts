/** The outbox and files: retry or cancel a message that has not gone out, send a file. */
import type { MessageView } from '../../electron/bridge/schemas.js';
import { errorMessage, type ActionContext } from './actionContext.js';
import { dropUpload, fileNameOf, fileProblem, mimeTypeOf, startUpload, uploadFailed, uploadLimit, type PickedFile } from './fileUploads.js';
import { addSent, removeMessage } from './messages.js';
import { i18n } from '../i18n/index.js';

export interface OutboxActions {
  /** Puts a failed message back in the outbox (the core sends it when the account is online). */
  retryMessage(message: MessageView): Promise<void>;
  /** Removes a queued or failed message before it is sent. */
  cancelMessage(message: MessageView): Promise<void>;
  /**
   * Sends a file into a conversation: refused at once when too large, else read and sent,
   * with "Sending <name>…" shown until the core has stored it. Never rejects: a failure is
   * shown with the upload.
   */
  sendFile(conversationId: number, file: PickedFile & Blob): Promise<void>;
  dismissUpload(conversationId: number, uploadId: number): void;
}

export function createOutboxActions(context: ActionContext): OutboxActions {
  const { stores, client, platform } = context;
  const uploads = stores.fileUploads;

  return {
    // The new status comes as message.updated; the reply is not applied, since by the time
    // it arrives the message may already be further along (sending, sent).
    retryMessage: async (message) => {
      await client().request('messages.retry', { messageId: message.id });
    },
    cancelMessage: async (message) => {
      await client().request('messages.cancel', { messageId: message.id });
      stores.messages.setState(removeMessage(stores.messages.getState(), message.conversationId, message.id));
    },
    sendFile: async (conversationId, file) => {
      const name = fileNameOf(file);
      const accountId = stores.conversations.getState().byId.get(conversationId)?.accountId;
      const account = stores.accounts.getState().list.find((item) => item.id === accountId);
      const problem = fileProblem(file, uploadLimit(account));
      const started = startUpload(uploads.getState(), conversationId, name, problem ?? undefined);
      uploads.setState(started.state);
      if (problem !== null) return;
      try {
        const content = platform.uploadFile ? { uploadId: await platform.uploadFile(file) } : { dataBase64: await platform.readAsBase64(file) };
        const sent = await client().request('messages.sendFile', { conversationId, name, mimeType: mimeTypeOf(file), ...content });
        stores.messages.setState(addSent(stores.messages.getState(), sent));
        uploads.setState(dropUpload(uploads.getState(), conversationId, started.id));
      } catch (error) {
        uploads.setState(uploadFailed(uploads.getState(), conversationId, started.id, i18n.t('uploads.notSent', { name, error: errorMessage(error) })));
      }
    },
    dismissUpload: (conversationId, uploadId) => uploads.setState(dropUpload(uploads.getState(), conversationId, uploadId)),
  };
}
