/**
 * The composer and what can be done to a message: send (maybe as a reply), run a plugin
 * command, show help, edit, react, delete, and the user's typing notices.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';
import { errorMessage, type ActionContext } from './actionContext.js';
import { conversationCommands } from './capabilities.js';
import { helpLines, parseComposerInput, unknownCommandMessage } from './composer.js';
import { afterSubmit, cancelTarget, draftOf, setDraftText, startEdit, startReply } from './drafts.js';
import { mentionedMembers } from './mentionDetection.js';
import { lastEditableOwn, messagePermissions, toggledReactions } from './messageRules.js';
import { addSent } from './messages.js';
import { addNotice } from './notices.js';
import type { OwnTypingState } from './typingNotifier.js';
import { i18n } from '../i18n/index.js';

/** What became of the composer's text: done (the composer is cleared) or an error to show (the text stays). */
export type ComposerOutcome = { readonly status: 'done' } | { readonly status: 'empty' } | { readonly status: 'error'; readonly message: string };

export interface ComposerActions {
  setDraft(conversationId: number, text: string): void;
  /**
   * Sends the text as a message (a reply if one is set), runs `/command`s, shows `/help`,
   * or saves an edit. Never rejects: a failure is an outcome with the message to show.
   */
  submitComposer(conversationId: number, text: string): Promise<ComposerOutcome>;
  /** Sends the text as a reply in the thread of `threadRoot` (a message id). Never rejects, like submitComposer. */
  sendInThread(conversationId: number, threadRoot: number, text: string): Promise<ComposerOutcome>;
  /** A thread's stored messages (`root`: its first message's id), oldest first. */
  loadThread(conversationId: number, root: number, limit: number): Promise<readonly MessageView[]>;
  /** The user has seen the thread's newest reply: the network's threaded receipt. Failures are logged, not shown. */
  markThreadRead(conversationId: number, root: number): void;
  replyTo(message: MessageView): void;
  startEditing(message: MessageView): void;
  /** Up in an empty composer: edits the user's newest editable message. False when there is none. */
  editLastOwn(conversationId: number): boolean;
  cancelComposerTarget(conversationId: number): void;
  toggleReaction(message: MessageView, reaction: string): Promise<void>;
  deleteMessage(message: MessageView): Promise<void>;
  /** Sends a typing notice, only where the conversation supports them; failures are logged, not shown. */
  setOwnTyping(conversationId: number, state: OwnTypingState): void;
}

const ok: ComposerOutcome = { status: 'done' };

export function createComposerActions(context: ActionContext): ComposerActions {
  const { stores, client } = context;
  const drafts = stores.drafts;
  let noticeSequence = 0;

  const finished = (conversationId: number, text: string): ComposerOutcome => {
    drafts.setState(afterSubmit(drafts.getState(), conversationId, text));
    return ok;
  };

  const saveEdit = async (conversationId: number, message: MessageView, text: string): Promise<ComposerOutcome> => {
    if (text.trim() === '') return { status: 'error', message: i18n.t('composerErrors.empty') };
    if (text === message.body) return finished(conversationId, text);
    try {
      await client().request('messages.edit', { messageId: message.id, body: text });
      return finished(conversationId, text);
    } catch (error) {
      return { status: 'error', message: i18n.t('composerErrors.notEdited', { error: errorMessage(error) }) };
    }
  };

  const submitComposer = async (conversationId: number, text: string): Promise<ComposerOutcome> => {
    const conversation = context.conversation(conversationId);
    const target = draftOf(drafts.getState(), conversationId).target;
    if (target?.kind === 'edit') return saveEdit(conversationId, target.message, text);
    const commands = conversation ? conversationCommands(conversation, stores.accounts.getState().list, stores.plugins.getState().list) : [];
    const input = parseComposerInput(text, commands);
    if (!input) return { status: 'empty' };
    switch (input.type) {
      case 'unknown-command':
        return { status: 'error', message: unknownCommandMessage(input.command) };
      case 'help':
        noticeSequence += 1;
        stores.notices.setState(addNotice(stores.notices.getState(), {
          id: `help-${noticeSequence}`, conversationId, lines: helpLines(commands), timestamp: context.platform.now(),
        }));
        return finished(conversationId, text);
      case 'command':
        if (!conversation) return { status: 'error', message: i18n.t('composerErrors.closed') };
        try {
          await client().request('commands.run', { accountId: conversation.accountId, command: input.command, args: input.args, conversationId });
          return finished(conversationId, text);
        } catch (error) {
          return { status: 'error', message: i18n.t('composerErrors.commandFailed', { command: input.command, error: errorMessage(error) }) };
        }
      case 'message': {
        const replyTo = target?.kind === 'reply' ? target.message.id : undefined;
        const { body, kind } = input.message;
        const outcome = await sendText(conversationId, body, kind, replyTo === undefined ? {} : { replyTo });
        return outcome.status === 'done' ? finished(conversationId, text) : outcome;
      }
    }
  };

  /** Sends a message, naming the room members it mentions (intentional mentions, mentionDetection.ts). */
  const sendText = async (conversationId: number, body: string, kind: 'text' | 'action' | 'notice', where: { replyTo?: number; threadRoot?: number }): Promise<ComposerOutcome> => {
    const conversation = context.conversation(conversationId);
    const selfId = stores.accounts.getState().list.find((account) => account.id === conversation?.accountId)?.selfId;
    const members = [...stores.members.getState().byRoom.get(conversationId)?.byId.values() ?? []];
    const mentionIds = mentionedMembers(body, members, selfId);
    try {
      const sent = await client().request('messages.send', { conversationId, body, kind, ...where, ...(mentionIds.length > 0 ? { mentionIds } : {}) });
      stores.messages.setState(addSent(stores.messages.getState(), sent));
      return ok;
    } catch (error) {
      return { status: 'error', message: i18n.t('composerErrors.notSent', { error: errorMessage(error) }) };
    }
  };

  const startEditing = (message: MessageView): void => {
    drafts.setState(startEdit(drafts.getState(), message));
  };

  return {
    setDraft: (conversationId, text) => drafts.setState(setDraftText(drafts.getState(), conversationId, text)),
    submitComposer,
    sendInThread: async (conversationId, threadRoot, text) => {
      if (text.trim() === '') return { status: 'empty' };
      return sendText(conversationId, text, 'text', { threadRoot });
    },
    loadThread: (conversationId, root, limit) => client().request('messages.thread', { conversationId, root, limit }),
    markThreadRead: (conversationId, threadRoot) => {
      client().request('conversations.markRead', { conversationId, threadRoot })
        .catch((error: unknown) => console.warn('conversations.markRead (thread) failed', errorMessage(error)));
    },
    replyTo: (message) => drafts.setState(startReply(drafts.getState(), message)),
    startEditing,
    editLastOwn: (conversationId) => {
      const items = stores.messages.getState().byConversation.get(conversationId)?.items ?? [];
      const message = lastEditableOwn(items, context.capabilities(conversationId));
      if (!message) return false;
      startEditing(message);
      return true;
    },
    cancelComposerTarget: (conversationId) => drafts.setState(cancelTarget(drafts.getState(), conversationId)),
    toggleReaction: async (message, reaction) => {
      if (!messagePermissions(message, context.capabilities(message.conversationId)).react) return;
      await client().request('messages.react', { messageId: message.id, reactions: toggledReactions(message.reactions, reaction) });
    },
    deleteMessage: async (message) => {
      await client().request('messages.delete', { messageId: message.id });
    },
    setOwnTyping: (conversationId, state) => {
      if (context.capabilities(conversationId).typing !== true) return;
      const current = stores.connection.getState().client;
      if (!current) return;
      current.request('conversations.setTyping', { conversationId, state })
        .catch((error: unknown) => console.warn('conversations.setTyping failed', errorMessage(error)));
    },
  };
}
