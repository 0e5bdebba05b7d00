import { describe, expect, it } from 'vitest';
import { IRC_LINE_MAX_BYTES, RELAY_PREFIX_ALLOWANCE, maxTextBytes, splitMessage } from './lineSplit.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('splitMessage', () => {
  it('keeps a short line as it is', () => {
    expect(splitMessage('hello world', 100)).toEqual(['hello world']);
  });

  it('splits on newlines and drops empty lines', () => {
    expect(splitMessage('one\r\ntwo\n\nthree\rfour', 100)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('cuts at the last space that fits, losing no words', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const chunks = splitMessage(words.join(' '), 50);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(50);
    expect(chunks.join(' ')).toBe(words.join(' '));
    for (const chunk of chunks) expect(chunk.startsWith(' ') || chunk.endsWith(' ')).toBe(false);
  });

  it('breaks a word longer than a line, and only then', () => {
    const chunks = splitMessage(`short ${'x'.repeat(120)}`, 50);
    expect(chunks[0]).toBe('short');
    expect(chunks.slice(1).join('')).toBe('x'.repeat(120));
    for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(50);
  });

  it('never cuts a UTF-8 sequence (3-byte and 4-byte characters)', () => {
    const text = 'é€😀'.repeat(100); // 2 + 3 + 4 bytes, no spaces
    const chunks = splitMessage(text, 50);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) {
      expect(bytes(chunk)).toBeLessThanOrEqual(50);
      expect(chunk).not.toContain('\uFFFD');
      expect(Buffer.from(chunk, 'utf8').toString('utf8')).toBe(chunk);
      // No lone surrogate: every chunk re-encodes to itself.
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(chunk)).toBe(false);
    }
  });
});

describe('maxTextBytes', () => {
  it('leaves room for the relay prefix, command, target and CR LF within 512 bytes', () => {
    const room = maxTextBytes('PRIVMSG', '#channel');
    const worstPrefix = `:${'n'.repeat(30)}!~${'u'.repeat(10)}@${'h'.repeat(63)} `;
    expect(bytes(worstPrefix)).toBeLessThanOrEqual(RELAY_PREFIX_ALLOWANCE);
    const line = `${worstPrefix}PRIVMSG #channel :${'a'.repeat(room)}\r\n`;
    expect(bytes(line)).toBeLessThanOrEqual(IRC_LINE_MAX_BYTES);
    expect(room).toBeGreaterThan(350);
  });

  it('counts the CTCP ACTION wrapper', () => {
    expect(maxTextBytes('PRIVMSG', '#c', 9)).toBe(maxTextBytes('PRIVMSG', '#c') - 9);
  });
});
