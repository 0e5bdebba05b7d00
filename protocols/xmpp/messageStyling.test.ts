import { describe, expect, it } from 'vitest';
import { markupToStyling, stylingToHtml } from './messageStyling.js';

describe('XEP-0393 message styling', () => {
  it('sends what was typed, with Markdown-only forms rewritten to XEP-0393', () => {
    expect(markupToStyling('*b* _i_ `c`\n> q\n```\nx\n```')).toBe('*b* _i_ `c`\n> q\n```\nx\n```');
    expect(markupToStyling('**b** [docs](https://e.example/) \\*lit\\*')).toBe('*b* docs (https://e.example/) *lit*');
    expect(markupToStyling('2*3*4 <b>x</b> *open')).toBe('2*3*4 <b>x</b> *open');
  });

  it('an unclosed code block is closed on the wire', () => {
    expect(markupToStyling('```\ncode')).toBe('```\ncode\n```');
  });

  it('shows a received body styled, as HTML with its text escaped', () => {
    expect(stylingToHtml('*b* _i_ ~s~ `c` <script>', false)).toBe('<strong>b</strong> <em>i</em> <del>s</del> <code>c</code> &#60;script&#62;');
    expect(stylingToHtml('> quoted\nreply', false)).toBe('<blockquote>quoted</blockquote>reply');
  });

  it('no HTML for plain text, Markdown-only forms, or a body marked <unstyled/> (§6)', () => {
    expect(stylingToHtml('plain\ntext', false)).toBeUndefined();
    expect(stylingToHtml('[x](https://e.example/) \\*', false)).toBeUndefined();
    expect(stylingToHtml('*b*', true)).toBeUndefined();
  });
});
