import { describe, expect, it } from 'vitest';
import { formattingToHtml, stripFormatting } from './formatting.js';
import { carryFormatting, markupToIrc } from './formattingOut.js';
import { messageLines } from './outgoing.js';

describe('markupToIrc', () => {
  it('writes bold, italic, strike and code as control codes, round-tripping through the reader', () => {
    const irc = markupToIrc('*b* _i_ ~s~ `c`');
    expect(irc).toBe('\x02b\x02 \x1Di\x1D \x1Es\x1E \x11c\x11');
    expect(stripFormatting(irc)).toBe('b i s c');
    expect(formattingToHtml(irc)).toBe('<b>b</b> <i>i</i> <s>s</s> <code>c</code>');
  });

  it('nests toggles, and leaves unclosed markers and HTML as typed', () => {
    expect(markupToIrc('*a _b_*')).toBe('\x02a \x1Db\x1D\x02');
    expect(markupToIrc('*unclosed <b>x</b>')).toBe('*unclosed <b>x</b>');
  });

  it('keeps one line per line: quotes keep their marker, code block lines are monospace, links read text (address)', () => {
    expect(markupToIrc('> *q*\n```\nx = 1\n\n```\n[docs](https://e.example/) https://e.example/'))
      .toBe('> \x02q\x02\n\x11x = 1\x11\n\x11 \x11\ndocs (https://e.example/) https://e.example/');
  });

  it('sends a multi-line message as one PRIVMSG per line, formatted', () => {
    expect(messageLines({ conversationId: '#c', localId: '1', kind: 'text', body: 'one *two*\nthree' }))
      .toEqual(['PRIVMSG #c :one \x02two\x02', 'PRIVMSG #c :three']);
  });

  it('opens a span cut by a line split again on the next line', () => {
    expect(carryFormatting(['\x02a very', 'long \x1Dbold', 'text\x1D\x02 end', 'plain'])).toEqual(['\x02a very', '\x02long \x1Dbold', '\x02\x1Dtext\x1D\x02 end', 'plain']);
    const lines = messageLines({ conversationId: '#c', localId: '1', kind: 'text', body: `*${'word '.repeat(150)}end*` });
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^PRIVMSG #c :\x02/);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(512 - 110);
  });
});
