// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { messageNodes } from './messageNodes.js';
import { plainText } from './richNodes.js';

describe('messageNodes', () => {
  it('shows the formatted body when it keeps some text', () => {
    expect(messageNodes({ html: '<b>bold</b> move', body: '**bold** move' })).toEqual([
      { type: 'element', tag: 'b', children: [{ type: 'text', text: 'bold' }] }, { type: 'text', text: ' move' },
    ]);
  });

  it('falls back to the plain body when the formatted body sanitizes to nothing', () => {
    for (const html of ['<script>alert(1)</script>', '<style>b { color: red }</style>', '<mx-custom-widget></mx-custom-widget>', '<p> </p>', '<br>']) {
      expect(plainText(messageNodes({ html, body: 'the plain fallback' }))).toBe('the plain fallback');
    }
  });

  it('keeps an image placeholder: the formatted body shows something', () => {
    expect(plainText(messageNodes({ html: '<img src="mxc://localhost/abc">', body: 'image.png' }))).toBe('[image]');
  });

  it('keeps links in the fallback', () => {
    expect(messageNodes({ html: '<script></script>', body: 'see https://example.org' }).some((node) => node.type === 'link')).toBe(true);
  });
});
