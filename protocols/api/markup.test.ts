import { describe, expect, it } from 'vitest';
import { XSS_CORPUS } from '../../test/fixtures/xssCorpus.js';
import { inlineText, isPlainMarkup, parseMarkup, type MarkupBlock } from './markup.js';
import { markupToHtml } from './markupHtml.js';

const line = (...inlines: MarkupBlock extends never ? never : Extract<MarkupBlock, { type: 'line' }>['inlines']): MarkupBlock => ({ type: 'line', inlines });
const text = (value: string) => ({ type: 'text', text: value }) as const;

describe('parseMarkup', () => {
  it('reads the spans of the subset', () => {
    expect(parseMarkup('a *bold* _it_ ~gone~ `x*y*` b')).toEqual([line(
      text('a '), { type: 'bold', children: [text('bold')] }, text(' '), { type: 'italic', children: [text('it')] }, text(' '),
      { type: 'strike', children: [text('gone')] }, text(' '), { type: 'code', text: 'x*y*' }, text(' b'),
    )]);
    expect(parseMarkup('**bold**')).toEqual([line({ type: 'bold', children: [text('bold')] })]);
    expect(parseMarkup('*_both_*')).toEqual([line({ type: 'bold', children: [{ type: 'italic', children: [text('both')] }] })]);
  });

  it('nests spans, and a marker inside code does not close the span around it', () => {
    expect(parseMarkup('*bold _and it_*')).toEqual([line({ type: 'bold', children: [text('bold '), { type: 'italic', children: [text('and it')] }] })]);
    expect(parseMarkup('*a `b*` c*')).toEqual([line({ type: 'bold', children: [text('a '), { type: 'code', text: 'b*' }, text(' c')] })]);
  });

  it('leaves ordinary text alone: unclosed markers, arithmetic, snake_case, lone stars, spans across lines', () => {
    for (const plain of ['2*3*4', 'snake_case_name', 'a * b * c', '*unclosed', 'closed at the end*', '* not bold *', '`', '``', 'a_b_', 'file_name.txt and _x', '*one\ntwo*', '~/a and ~/b', "top.__xss='a' x.__y_", 'a*_b_*', '[x](javascript:alert(1))', '[x](not a url)', 'a\\']) {
      const blocks = parseMarkup(plain);
      expect(isPlainMarkup(blocks), plain).toBe(true);
      expect(blocks.map((block) => (block.type === 'line' ? inlineText(block.inlines) : '')).join('\n'), plain).toBe(plain);
    }
  });

  it('a backslash keeps a marker as text (Markdown), not in the XEP-0393 dialect', () => {
    expect(parseMarkup('\\*not bold\\*')).toEqual([line(text('*not bold*'))]);
    expect(parseMarkup('\\*x\\*', { dialect: 'xep0393' })).toEqual([line(text('\\*x\\*'))]);
    expect(parseMarkup('\\ *x\\*', { dialect: 'xep0393' })).toEqual([line(text('\\ '), { type: 'bold', children: [text('x\\')] })]);
  });

  it('reads links with an allowed scheme only; XEP-0393 has none', () => {
    expect(parseMarkup('see [the *docs*](https://example.org/a_b) now')).toEqual([line(
      text('see '), { type: 'link', href: 'https://example.org/a_b', children: [text('the '), { type: 'bold', children: [text('docs')] }] }, text(' now'),
    )]);
    expect(isPlainMarkup(parseMarkup('[x](https://example.org)', { dialect: 'xep0393' }))).toBe(true);
    expect(isPlainMarkup(parseMarkup('[x](data:text/html,hi)'))).toBe(true);
  });

  it('reads quotes (nested) and code blocks; an unclosed block runs to the end', () => {
    expect(parseMarkup('> one\n>> two\nafter')).toEqual([
      { type: 'quote', blocks: [line(text('one')), { type: 'quote', blocks: [line(text('two'))] }] },
      line(text('after')),
    ]);
    expect(parseMarkup('```ts\nlet *a* = 1;\n\n```\nend')).toEqual([{ type: 'code', lines: ['let *a* = 1;', ''], language: 'ts' }, line(text('end'))]);
    expect(parseMarkup('```\nnever closed\n> not a quote')).toEqual([{ type: 'code', lines: ['never closed', '> not a quote'] }]);
  });

  it('survives hostile input without throwing or recursing without end', () => {
    expect(() => parseMarkup('>'.repeat(10_000))).not.toThrow();
    expect(() => parseMarkup('*_~'.repeat(5_000) + 'x' + '~_*'.repeat(5_000))).not.toThrow();
    expect(() => parseMarkup('['.repeat(5_000) + '](https://a.example)')).not.toThrow();
  });
});

describe('markupToHtml', () => {
  it('writes only allowlisted elements, one <br> between lines', () => {
    expect(markupToHtml(parseMarkup('*b* _i_ ~s~ `c`\n[l](https://e.example/?a=1&b=2)'))).toBe(
      '<strong>b</strong> <em>i</em> <del>s</del> <code>c</code><br><a href="https://e.example/?a=1&#38;b=2">l</a>',
    );
    expect(markupToHtml(parseMarkup('> q\n```\n<b>x</b>\n```\nend'))).toBe('<blockquote>q</blockquote><pre><code>&#60;b&#62;x&#60;/b&#62;</code></pre>end');
  });

  it('is undefined for plain text, multi-line included', () => {
    expect(markupToHtml(parseMarkup('just text\nand more'))).toBeUndefined();
  });

  it('escapes HTML typed in the text, in every position', () => {
    for (const { payload: attack } of XSS_CORPUS) {
      const html = markupToHtml(parseMarkup(`*${attack}* \`${attack}\`\n> ${attack}`)) ?? '';
      expect(html).not.toMatch(/<(?!\/?(?:strong|em|del|code|pre|blockquote|br|a)[ >])/);
      expect(html).not.toMatch(/<a (?!href="https?:)/);
    }
    expect(markupToHtml(parseMarkup('*<img src=x onerror=alert(1)>*'))).toBe('<strong>&#60;img src=x onerror=alert(1)&#62;</strong>');
    expect(markupToHtml(parseMarkup('[a"><script>](https://e.example/")'))).toBe('<a href="https://e.example/&#34;">a&#34;&#62;&#60;script&#62;</a>');
  });
});
