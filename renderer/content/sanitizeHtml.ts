/**
 * THE way formatted network content (a message's `html`) reaches the screen. DOMPurify
 * parses it in an inert document with a strict allowlist; the result is then walked into
 * {@link RichNode} data under the same allowlist (defence in depth), and the views render
 * that with React elements. No HTML string from the network is ever inserted as HTML.
 *
 * Allowed: simple formatting, lists, quotes, code, headings, links with a safe scheme, and
 * colours as data attributes (IRC `data-irc-fg`/`data-irc-bg`, Matrix `data-mx-color`/
 * `data-mx-bg-color`, mapped to CSS classes). Images become "[image]" (a remote image
 * would tell the sender when and where the message was read). Styles, event handlers,
 * SVG, MathML, forms and frames are removed.
 */
import DOMPurify, { type Config } from 'dompurify';
import { linkifyText } from './linkify.js';
import { LINK_URI_PATTERN, RICH_TAGS, colourClasses, isRichTag, plainText, safeHref, type RichNode } from './richNodes.js';

const COLOUR_ATTRIBUTES = ['data-irc-fg', 'data-irc-bg', 'data-mx-color', 'data-mx-bg-color'];

/** Deeper nesting than this is flattened to its text (a million nested <b> must not crash React). */
const MAX_DEPTH = 32;

const CONFIG = {
  // img is let through DOMPurify only to be turned into "[image]" text below (with no attributes).
  ALLOWED_TAGS: [...RICH_TAGS, 'a', 'img'],
  ALLOWED_ATTR: ['href', ...COLOUR_ATTRIBUTES],
  // Colour values are not URLs: without this DOMPurify would test "4" against the URL pattern.
  ADD_URI_SAFE_ATTR: COLOUR_ATTRIBUTES,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: LINK_URI_PATTERN,
  FORBID_TAGS: ['style', 'script', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'template'],
  // Matrix reply fallbacks repeat the quoted message; the reply is shown from `replyTo` instead.
  ADD_FORBID_CONTENTS: ['mx-reply'],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM_FRAGMENT: true,
} satisfies Config;

/** DOMPurify's output: an inert fragment holding only allowlisted elements and attributes. */
export function sanitizeToFragment(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, CONFIG);
}

function toNodes(parent: Node, depth: number, insideLink: boolean): RichNode[] {
  const nodes: RichNode[] = [];
  for (const child of parent.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      const text = child.textContent ?? '';
      // Bare addresses in formatted text (IRC colours around a URL) are links too, as in plain bodies.
      if (text !== '') nodes.push(...(insideLink ? [{ type: 'text', text } as const] : linkifyText(text)));
      continue;
    }
    if (!(child instanceof Element)) continue; // comments, processing instructions
    const tag = child.localName;
    if (tag === 'img') {
      nodes.push({ type: 'text', text: '[image]' });
      continue;
    }
    if (depth >= MAX_DEPTH) {
      const text = child.textContent;
      if (text !== '') nodes.push({ type: 'text', text });
      continue;
    }
    const children = toNodes(child, depth + 1, insideLink || tag === 'a');
    if (tag === 'a') {
      const href = insideLink ? null : safeHref(child.getAttribute('href'));
      // A link with nothing to see (`<a href=x></a>`, left by a nested <a>) is only a trap for screen readers.
      if (href === null || plainText(children).trim() === '') nodes.push(...children);
      else nodes.push({ type: 'link', href, children });
      continue;
    }
    if (!isRichTag(tag)) {
      nodes.push(...children); // not expected after DOMPurify: keep the text only
      continue;
    }
    const className = tag === 'span' ? colourClasses({
      ircFg: child.getAttribute('data-irc-fg'),
      ircBg: child.getAttribute('data-irc-bg'),
      mxColor: child.getAttribute('data-mx-color'),
      mxBgColor: child.getAttribute('data-mx-bg-color'),
    }) : undefined;
    nodes.push(className === undefined ? { type: 'element', tag, children } : { type: 'element', tag, className, children });
  }
  return nodes;
}

/** A message's `html` as safe rich nodes. */
export function sanitizeHtml(html: string): RichNode[] {
  return toNodes(sanitizeToFragment(html), 0, false);
}
