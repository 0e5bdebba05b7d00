import { describe, expect, it } from 'vitest';
import {
  buildEmojiIndex, completedShortcode, matchNames, matchShortcodes, nameInsertion, replaceRange, shortcodeQuery, withRecentEmoji, wordBeforeCursor,
} from './completion.js';

const index = buildEmojiIndex(
  [{ hexcode: '1F44D', emoji: '👍', label: 'thumbs up' }, { hexcode: '1F604', emoji: '😄', label: 'grinning face with smiling eyes' }, { hexcode: 'X', label: 'broken' }, 'junk'],
  { '1F44D': ['+1', 'thumbsup'], '1F604': 'smile' },
);

describe('composer completion', () => {
  it('builds one entry per shortcode, skipping broken data', () => {
    expect(index.map((entry) => `${entry.shortcode}=${entry.emoji}`)).toEqual(['+1=👍', 'smile=😄', 'thumbsup=👍']);
    expect(buildEmojiIndex(null, {})).toEqual([]);
  });

  it('finds the word at the cursor, only at its end', () => {
    expect(wordBeforeCursor('hi :thu', 7)).toEqual({ start: 3, end: 7, text: ':thu' });
    expect(wordBeforeCursor('hi :thumb', 6)).toBeNull();
    expect(wordBeforeCursor('hi ', 3)).toBeNull();
  });

  it('asks for shortcodes from two characters on, and knows a completed one', () => {
    expect(shortcodeQuery(wordBeforeCursor(':t', 2))).toBeNull();
    expect(shortcodeQuery(wordBeforeCursor('a :Th', 5))).toBe('th');
    expect(shortcodeQuery(wordBeforeCursor('http://x', 8))).toBeNull();
    expect(matchShortcodes(index, 'sm').map((entry) => entry.emoji)).toEqual(['😄']);
    expect(matchShortcodes(index, 'up').map((entry) => entry.shortcode)).toEqual(['thumbsup']);
    expect(completedShortcode(wordBeforeCursor('ok :thumbsup:', 13), index)?.emoji).toBe('👍');
    expect(completedShortcode(wordBeforeCursor('ok :nothing:', 12), index)).toBeNull();
  });

  it('completes names case-insensitively, with ": " at the start', () => {
    expect(matchNames(['Alice', 'albert', 'Bob', 'Alice'], 'al')).toEqual(['Alice', 'albert']);
    expect(matchNames(['Alice'], '')).toEqual([]);
    expect(nameInsertion('Alice', true)).toBe('Alice: ');
    expect(replaceRange('hi al there', 3, 5, nameInsertion('Alice', false))).toEqual({ text: 'hi Alice  there', cursor: 9 });
  });

  it('keeps recent emoji most recent first, each once', () => {
    expect(withRecentEmoji(['😄', '👍'], '👍')).toEqual(['👍', '😄']);
    expect(withRecentEmoji(Array.from({ length: 30 }, (_, i) => String(i)), 'x', 3)).toEqual(['x', '0', '1']);
  });
});
