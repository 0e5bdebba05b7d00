/** The core sanitizer keeps the renderer's allowlist without a DOM: what survives is only allowlisted markup. */
import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtmlToHtml } from './htmlSanitizer.js';

describe('sanitizeHtmlToHtml', () => {
  it.each([
    ['<script>alert(1)</script>ok', 'ok'],
    ['<b onclick="x()">b</b>', '<b>b</b>'],
    ['<a href="javascript:alert(1)">x</a>', 'x'],
    ['<a href=" https://example.org/ ">x</a>', '<a href="https://example.org/" rel="noopener noreferrer">x</a>'],
    ['<a href="https://bank.example@evil.example/">x</a>', 'x'],
    ['<img src="https://tracker.example/p.png" onerror="x()">', '[image]'],
    ['<style>@import url(https://x)</style><svg><script>1</script></svg>t', 't'],
    ['<span data-mx-color="#ff0000" style="background:url(https://x)">red</span>', '<span class="fg-4">red</span>'],
    ['<i><b>unclosed', '<i><b>unclosed</b></i>'],
    ['</b>stray close', 'stray close'],
    ['&lt;script&gt; &amp;amp; &#x3c;b&#x3e;', '&#60;script&#62; &#38;amp; &#60;b&#62;'],
    ['<b title="a>b">x</b>', '<b>x</b>'],
    ['<!-- <script>x</script> -->after', 'after'],
    ['<font color="red" size="2">pidgin</font><br/>line', 'pidgin<br>line'],
    ['<mx-reply><blockquote>quoted</blockquote></mx-reply>reply', 'reply'],
  ])('%s → %s', (input, output) => {
    expect(sanitizeHtmlToHtml(input)).toBe(output);
  });

  it('flattens nesting deeper than 32 to text instead of recursing', () => {
    const deep = `${'<b>'.repeat(10_000)}x${'</b>'.repeat(10_000)}`;
    const out = sanitizeHtmlToHtml(deep);
    expect(out.match(/<b>/g)).toHaveLength(32);
    expect(out).toContain('x');
  });
});

describe('htmlToText', () => {
  it('keeps the text and line breaks, drops scripts and styles', () => {
    expect(htmlToText('<p>one</p><p>two<br>three</p><script>x</script><style>y</style>&amp;')).toBe('one\ntwo\nthree\n&');
  });
});
