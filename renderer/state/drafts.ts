/**
 * What is in each conversation's composer: the draft text, and whether it replies to a
 * message or edits one of the user's own. Kept per conversation, so a draft survives
 * switching tabs, and in a store, so a message's "Reply" or "Edit" can set it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageView } from '../../electron/bridge/schemas.js';

export type ComposerTarget =
  | { readonly kind: 'reply'; readonly message: MessageView }
  /** `savedText` is the draft the edit replaced; it comes back when the edit ends. */
  | { readonly kind: 'edit'; readonly message: MessageView; readonly savedText: string };

export interface Draft {
  readonly text: string;
  readonly target?: ComposerTarget;
}

export interface DraftsState {
  readonly byConversation: ReadonlyMap<number, Draft>;
}

const EMPTY: Draft = { text: '' };

export function createDraftsStore(): StoreApi<DraftsState> {
  return createStore<DraftsState>()(() => ({ byConversation: new Map() }));
}

export function draftOf(state: DraftsState, conversationId: number): Draft {
  return state.byConversation.get(conversationId) ?? EMPTY;
}

function withDraft(state: DraftsState, conversationId: number, draft: Draft): DraftsState {
  const byConversation = new Map(state.byConversation);
  if (draft.text === '' && draft.target === undefined) byConversation.delete(conversationId);
  else byConversation.set(conversationId, draft);
  return { byConversation };
}

export function setDraftText(state: DraftsState, conversationId: number, text: string): DraftsState {
  return withDraft(state, conversationId, { ...draftOf(state, conversationId), text });
}

/** Replying keeps the text; it ends an edit (whose saved draft comes back). */
export function startReply(state: DraftsState, message: MessageView): DraftsState {
  const draft = draftOf(state, message.conversationId);
  const text = draft.target?.kind === 'edit' ? draft.target.savedText : draft.text;
  return withDraft(state, message.conversationId, { text, target: { kind: 'reply', message } });
}

/** The composer takes the message's text; the draft is put aside until the edit ends. */
export function startEdit(state: DraftsState, message: MessageView): DraftsState {
  const draft = draftOf(state, message.conversationId);
  const savedText = draft.target?.kind === 'edit' ? draft.target.savedText : draft.text;
  return withDraft(state, message.conversationId, { text: message.body, target: { kind: 'edit', message, savedText } });
}

/** Ends a reply (the text stays) or an edit (the saved draft comes back). */
export function cancelTarget(state: DraftsState, conversationId: number): DraftsState {
  const draft = draftOf(state, conversationId);
  if (!draft.target) return state;
  return withDraft(state, conversationId, { text: draft.target.kind === 'edit' ? draft.target.savedText : draft.text });
}

/**
 * After `text` went out: the composer is emptied and the reply or edit ends, unless the
 * user typed something else meanwhile (then that text stays).
 */
export function afterSubmit(state: DraftsState, conversationId: number, text: string): DraftsState {
  const draft = draftOf(state, conversationId);
  if (draft.text !== text) return state;
  if (draft.target?.kind === 'edit') return withDraft(state, conversationId, { text: draft.target.savedText });
  return withDraft(state, conversationId, { text: '' });
}

export function forgetDrafts(state: DraftsState, conversationId: number): DraftsState {
  if (!state.byConversation.has(conversationId)) return state;
  return withDraft(state, conversationId, EMPTY);
}
