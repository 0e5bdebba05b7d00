import { describe, expect, it } from 'vitest';
import { afterSubmit, cancelTarget, draftOf, forgetDrafts, setDraftText, startEdit, startReply, type DraftsState } from './drafts.js';
import { message } from './testData.js';

const empty: DraftsState = { byConversation: new Map() };

describe('drafts', () => {
  it('keeps a draft per conversation', () => {
    const state = setDraftText(setDraftText(empty, 1, 'one'), 2, 'two');
    expect([draftOf(state, 1).text, draftOf(state, 2).text, draftOf(state, 3).text]).toEqual(['one', 'two', '']);
    expect(forgetDrafts(state, 1).byConversation.has(1)).toBe(false);
    expect(setDraftText(state, 1, '').byConversation.has(1)).toBe(false);
  });

  it('replies keep the text; sending clears both', () => {
    const target = message({ id: 9 });
    let state = startReply(setDraftText(empty, 1, 'I agree'), target);
    expect(draftOf(state, 1)).toEqual({ text: 'I agree', target: { kind: 'reply', message: target } });
    expect(draftOf(cancelTarget(state, 1), 1)).toEqual({ text: 'I agree' });
    state = afterSubmit(state, 1, 'I agree');
    expect(draftOf(state, 1)).toEqual({ text: '' });
  });

  it('an edit puts the draft aside and brings it back when it ends (saved or cancelled)', () => {
    const own = message({ id: 5, direction: 'out', body: 'teh typo' });
    let state = startEdit(setDraftText(empty, 1, 'half-written'), own);
    expect(draftOf(state, 1)).toEqual({ text: 'teh typo', target: { kind: 'edit', message: own, savedText: 'half-written' } });
    expect(draftOf(cancelTarget(state, 1), 1)).toEqual({ text: 'half-written' });
    state = setDraftText(state, 1, 'the typo');
    expect(draftOf(afterSubmit(state, 1, 'the typo'), 1)).toEqual({ text: 'half-written' });
    // Editing another message while editing keeps the original draft aside; replying ends the edit.
    const other = message({ id: 6, direction: 'out', body: 'other' });
    expect(draftOf(startEdit(state, other), 1).target).toEqual({ kind: 'edit', message: other, savedText: 'half-written' });
    expect(draftOf(startReply(state, other), 1)).toEqual({ text: 'half-written', target: { kind: 'reply', message: other } });
  });

  it('after a send, text typed meanwhile stays', () => {
    const state = setDraftText(empty, 1, 'sent text and more');
    expect(afterSubmit(state, 1, 'sent text')).toBe(state);
  });
});
