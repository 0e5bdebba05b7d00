/**
 * The composer's completions, on the textarea: `:sho` opens a list of emoji (Up/Down choose,
 * Enter or Tab take, Escape closes; a whole `:shortcode:` becomes its emoji at once), and
 * Tab after a name's first letters in a room completes the member's name (Tab again: the
 * next one). The rules are in state/completion.ts; this hook holds only the UI state.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import {
  completedShortcode, matchNames, matchShortcodes, nameInsertion, replaceRange, shortcodeQuery, wordBeforeCursor,
  type EmojiEntry, type TypedWord,
} from '../state/completion.js';
import { loadEmojiIndex } from '../state/emojiIndex.js';
import { useAppStore } from './AppContext.js';
import { emojibaseUrl } from './EmojiPicker.js';

interface NameCycle {
  readonly start: number;
  readonly names: readonly string[];
  readonly index: number;
  readonly inserted: string;
  readonly atStart: boolean;
}

export interface ComposerCompletion {
  /** The emoji offered for the `:shortcode` being typed (empty: no list). */
  readonly suggestions: readonly EmojiEntry[];
  readonly active: number;
  readonly listId: string;
  /** Call with every change of the text; returns the text to keep (a completed `:code:` replaced). */
  readonly onInput: (text: string, cursor: number) => string | null;
  /** Handles the key when it is the completion's; true when it did. */
  readonly onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  readonly choose: (entry: EmojiEntry) => void;
}

export function useComposerCompletion(
  conversationId: number, textarea: RefObject<HTMLTextAreaElement | null>, text: string, setText: (text: string) => void,
): ComposerCompletion {
  const [index, setIndex] = useState<readonly EmojiEntry[] | null>(null);
  const [wantIndex, setWantIndex] = useState(false);
  const [word, setWord] = useState<TypedWord | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const cycle = useRef<NameCycle | null>(null);
  const members = useAppStore('members', (state) => state.byRoom.get(conversationId));
  const names = useMemo(() => [...(members?.byId.values() ?? [])].map((member) => member.displayName).sort((a, b) => a.localeCompare(b)), [members]);

  useEffect(() => {
    if (!wantIndex || index !== null) return;
    let live = true;
    loadEmojiIndex(emojibaseUrl()).then((loaded) => { if (live) setIndex(loaded); }, (error: unknown) => console.warn('emoji shortcodes not loaded', error));
    return () => { live = false; };
  }, [wantIndex, index]);

  const query = shortcodeQuery(word);
  const suggestions = useMemo(
    () => (query === null || query === dismissed || index === null ? [] : matchShortcodes(index, query)),
    [query, dismissed, index],
  );

  const place = (next: string, cursor: number): void => {
    setText(next);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(cursor, cursor));
  };

  const choose = (entry: EmojiEntry): void => {
    if (!word) return;
    const { text: next, cursor } = replaceRange(text, word.start, word.end, `${entry.emoji} `);
    setWord(null);
    place(next, cursor);
    textarea.current?.focus();
  };

  const onInput = (next: string, cursor: number): string | null => {
    cycle.current = null;
    const typed = wordBeforeCursor(next, cursor);
    if (typed?.text.startsWith(':') === true) setWantIndex(true);
    const whole = index ? completedShortcode(typed, index) : null;
    if (whole && typed) {
      const replaced = replaceRange(next, typed.start, typed.end, whole.emoji);
      setWord(null);
      requestAnimationFrame(() => textarea.current?.setSelectionRange(replaced.cursor, replaced.cursor));
      return replaced.text;
    }
    setWord(typed);
    setActive(0);
    return null;
  };

  const completeName = (): boolean => {
    const element = textarea.current;
    if (!element || names.length === 0) return false;
    const previous = cycle.current;
    if (previous && element.selectionStart === previous.start + previous.inserted.length) {
      const index = (previous.index + 1) % previous.names.length;
      const name = previous.names[index] ?? '';
      const inserted = nameInsertion(name, previous.atStart);
      cycle.current = { ...previous, index, inserted };
      const replaced = replaceRange(text, previous.start, previous.start + previous.inserted.length, inserted);
      place(replaced.text, replaced.cursor);
      return true;
    }
    const typed = wordBeforeCursor(text, element.selectionStart);
    if (!typed || element.selectionStart !== element.selectionEnd) return false;
    const found = matchNames(names, typed.text);
    const first = found[0];
    if (first === undefined) return false;
    const atStart = text.slice(0, typed.start).trim() === '';
    const inserted = nameInsertion(first, atStart);
    cycle.current = { start: typed.start, names: found, index: 0, inserted, atStart };
    const replaced = replaceRange(text, typed.start, typed.end, inserted);
    place(replaced.text, replaced.cursor);
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current) => (current + step + suggestions.length) % suggestions.length);
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const entry = suggestions[active];
        if (entry) choose(entry);
        return true;
      }
      if (event.key === 'Escape') {
        setDismissed(query);
        return true;
      }
    }
    if (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey) return completeName();
    if (event.key !== 'Tab' && event.key !== 'Shift') cycle.current = null;
    return false;
  };

  return { suggestions, active, listId: `emoji-completion-${conversationId}`, onInput, onKeyDown, choose };
}
