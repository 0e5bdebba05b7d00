/**
 * Formatted bodies outside a browser (history export, Pidgin import), under the same
 * allowlist as the renderer's sanitizer (electron/bridge/richContentAllowlist.ts). There is
 * no DOM here, so the input is tokenised and the output is written from scratch: only
 * allowlisted tag names, no attribute but a checked `href` and the colour classes, and every
 * piece of text escaped again. Whatever the tokeniser misreads, nothing it emits can be
 * markup that was not on the list.
 */
import { colourClasses, isRichTag, safeHref } from '../../bridge/richContentAllowlist.js';

/** Elements whose content is dropped with them (as DOMPurify's FORBID_TAGS / ADD_FORBID_CONTENTS). */
const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'textarea', 'select', 'title', 'head', 'mx-reply', 'noscript',
]);
const VOID: ReadonlySet<string> = new Set(['br', 'img', 'hr', 'wbr', 'meta', 'link', 'input', 'area', 'base', 'col', 'source', 'track']);
/** Elements whose end is a line break in plain text. */
const BLOCK: ReadonlySet<string> = new Set(['p', 'div', 'li', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);
const MAX_DEPTH = 32;

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes character references (the named ones Pidgin and Matrix write, and every numeric one). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Token =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'open'; readonly tag: string; readonly attributes: ReadonlyMap<string, string>; readonly selfClosing: boolean }
  | { readonly type: 'close'; readonly tag: string };

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>/g;
const ATTRIBUTE = /([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function* tokens(html: string): Generator<Token> {
  let at = 0;
  for (const match of html.matchAll(TAG)) {
    if (match.index > at) yield { type: 'text', text: decodeEntities(html.slice(at, match.index)) };
    at = match.index + match[0].length;
    const name = match[2];
    if (name === undefined) continue; // comment, doctype, processing instruction
    const tag = name.toLowerCase();
    if (match[1] === '/') {
      yield { type: 'close', tag };
      continue;
    }
    const raw = match[3] ?? '';
    const attributes = new Map<string, string>();
    for (const a of raw.matchAll(ATTRIBUTE)) {
      const key = (a[1] ?? '').toLowerCase();
      if (!attributes.has(key)) attributes.set(key, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    yield { type: 'open', tag, attributes, selfClosing: raw.trimEnd().endsWith('/') };
  }
  if (at < html.length) yield { type: 'text', text: decodeEntities(html.slice(at)) };
}

/** Walks the tokens, skipping dropped elements; `visit` sees only what may be shown. */
function walk(html: string, visit: (token: Token) => void): void {
  let dropping: string | undefined;
  let dropDepth = 0;
  for (const token of tokens(html)) {
    if (dropping !== undefined) {
      if (token.type === 'open' && token.tag === dropping && !token.selfClosing) dropDepth++;
      if (token.type === 'close' && token.tag === dropping && --dropDepth === 0) dropping = undefined;
      continue;
    }
    if (token.type === 'open' && DROPPED_WITH_CONTENT.has(token.tag) && !token.selfClosing && !VOID.has(token.tag)) {
      dropping = token.tag;
      dropDepth = 1;
      continue;
    }
    visit(token);
  }
}

/** Safe HTML for a self-contained page: allowlisted elements, checked links, colour classes; everything else as text. */
export function sanitizeHtmlToHtml(html: string): string {
  let out = '';
  const open: string[] = []; // the output's open elements ('a' included)
  walk(html, (token) => {
    if (token.type === 'text') {
      out += escapeHtml(token.text);
      return;
    }
    if (token.type === 'close') {
      const at = open.lastIndexOf(token.tag);
      if (at < 0) return;
      while (open.length > at) out += `</${open.pop() ?? ''}>`;
      return;
    }
    const { tag, attributes } = token;
    if (tag === 'img') {
      out += '[image]'; // a remote image would load from the page and tell its owner it was read
      return;
    }
    if (tag === 'br') {
      out += '<br>';
      return;
    }
    if (open.length >= MAX_DEPTH || token.selfClosing || VOID.has(tag)) return;
    if (tag === 'a') {
      const href = open.includes('a') ? null : safeHref(attributes.get('href'));
      if (href === null) return; // its text stays, as text
      out += `<a href="${escapeHtml(href)}" rel="noopener noreferrer">`;
      open.push('a');
      return;
    }
    if (!isRichTag(tag)) return;
    const className = tag === 'span' ? colourClasses({
      ircFg: attributes.get('data-irc-fg') ?? null, ircBg: attributes.get('data-irc-bg') ?? null,
      mxColor: attributes.get('data-mx-color') ?? null, mxBgColor: attributes.get('data-mx-bg-color') ?? null,
    }) : undefined;
    out += className === undefined ? `<${tag}>` : `<${tag} class="${className}">`;
    open.push(tag);
  });
  while (open.length > 0) out += `</${open.pop() ?? ''}>`;
  return out;
}

/** The text a formatted body shows (line breaks kept), for a plain-text body or export. */
export function htmlToText(html: string): string {
  let out = '';
  walk(html, (token) => {
    if (token.type === 'text') out += token.text;
    else if (token.type === 'open' && token.tag === 'img') out += '[image]';
    else if (token.type === 'open' && token.tag === 'br') out += '\n';
    else if (token.type === 'close' && BLOCK.has(token.tag) && out !== '' && !out.endsWith('\n')) out += '\n';
  });
  return out.replace(/\n+$/, '');
}
