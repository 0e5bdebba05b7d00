// @vitest-environment jsdom
/**
 * What the user sends as HTML (Matrix formatted_body, and their own message as shown) is
 * made only of what the app lets through when it receives HTML: the sanitizer keeps every
 * element and link of it, so the other side and the sender see the same formatting.
 */
import { describe, expect, it } from 'vitest';
import { markupToHtml, parseMarkup } from '../../protocols/api/index.js';
import { sanitizeToFragment } from '../../renderer/content/sanitizeHtml.js';

describe('the markup HTML and the rich-content allowlist', () => {
  it('passes the received-HTML sanitizer unchanged', () => {
    const samples = [
      '*bold* _italic_ ~strike~ `code` **more**',
      '> quote with [a link](https://example.org/?q=1&r=2)\n>> nested _it_\nafter',
      '```\n<script>alert(1)</script>\n```',
      '[mail](mailto:someone@example.org) [room](matrix:r/room:example.org) [xmpp](xmpp:alice@example.org)',
      '*<img src=x onerror=alert(1)>* "quotes" & \'apostrophes\'',
    ];
    for (const sample of samples) {
      const html = markupToHtml(parseMarkup(sample)) ?? '';
      expect(html).not.toBe('');
      const container = document.createElement('div');
      container.append(sanitizeToFragment(html));
      const reference = document.createElement('div');
      reference.innerHTML = html;
      expect(container.innerHTML, sample).toBe(reference.innerHTML);
    }
  });
});
