/**
 * The formatting a user may type in a message, read once into a tree that each network
 * writes in its own form (Matrix HTML, XMPP message styling, IRC control codes). Since 0.5.
 *
 * The subset is the common ground of Markdown and XEP-0393 Message Styling
 * (https://xmpp.org/extensions/xep-0393.html): `*bold*` (also `**bold**`), `_italic_`,
 * `~strike~`, `` `code` ``, ```` ``` ```` code blocks, `> quotes` (nestable), and Markdown
 * links `[text](https://…)`. The span rules are XEP-0393's (§6.2), so that ordinary text is
 * left alone: an opening marker stands at the start of a line, after whitespace, after an
 * opening bracket or quote, or after another opening marker, and is followed by a
 * non-space; a closing marker follows a non-space and is not followed by a letter or digit;
 * spans do not cross lines; unclosed markers are text. So `2*3*4`, `snake_case_name` and
 * `a * b * c` stay as typed. A backslash before a marker keeps it as text (Markdown), except
 * in the XEP-0393 dialect, which has no escapes and no links.
 */

export type MarkupInline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'bold' | 'italic' | 'strike'; readonly children: readonly MarkupInline[] }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly MarkupInline[] };

/** One line of text; a quote holds blocks of its own; a code block keeps its lines verbatim. */
export type MarkupBlock =
  | { readonly type: 'line'; readonly inlines: readonly MarkupInline[] }
  | { readonly type: 'quote'; readonly blocks: readonly MarkupBlock[] }
  | { readonly type: 'code'; readonly lines: readonly string[]; readonly language?: string };

export interface MarkupOptions {
  /** `markdown` (what users type, the default) or `xep0393` (what XMPP peers send: no escapes, no links, no `**`). */
  readonly dialect?: 'markdown' | 'xep0393';
}

/** The schemes a typed link may have (the same as the UI's link allowlist); anything else stays text. */
const LINK_SCHEME = /^(?:https?|mailto|xmpp|ircs?|matrix):/i;
/** Quotes nest at most this deep; deeper `>` are text (a line of 10 000 `>` must not recurse). */
const MAX_QUOTE_DEPTH = 16;
/** Spans nest at most this deep (there are only four kinds; this guards odd inputs). */
const MAX_SPAN_DEPTH = 8;

const SPAN_MARKERS: Readonly<Record<string, 'bold' | 'italic' | 'strike'>> = { '*': 'bold', _: 'italic', '~': 'strike' };
const OPENING_CONTEXT = /[\s([{"'<]/;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The message as blocks. Never throws; text that is not formatting stays text, character for character. */
export function parseMarkup(text: string, options: MarkupOptions = {}): MarkupBlock[] {
  return parseBlocks(text.split(/\r\n|\r|\n/), options, 0);
}

/** True when the blocks are only plain lines: the network's plain form is the text itself. */
export function isPlainMarkup(blocks: readonly MarkupBlock[]): boolean {
  return blocks.every((block) => block.type === 'line' && block.inlines.every((inline) => inline.type === 'text'));
}

function parseBlocks(lines: readonly string[], options: MarkupOptions, depth: number): MarkupBlock[] {
  const blocks: MarkupBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const fence = /^```(.*)$/.exec(line);
    if (fence) {
      // XEP-0393 §5.1.2 / CommonMark §4.5: a block without its closing fence runs to the end.
      const body: string[] = [];
      index += 1;
      while (index < lines.length && (lines[index] ?? '').trimEnd() !== '```') {
        body.push(lines[index] ?? '');
        index += 1;
      }
      index += 1;
      const language = (fence[1] ?? '').trim();
      blocks.push(language !== '' && /^[\w+#.-]{1,32}$/.test(language) ? { type: 'code', lines: body, language } : { type: 'code', lines: body });
      continue;
    }
    if (line.startsWith('>') && depth < MAX_QUOTE_DEPTH) {
      const quoted: string[] = [];
      while (index < lines.length && (lines[index] ?? '').startsWith('>')) {
        // XEP-0393 §5.1.3: one optional space after the marker is part of it.
        quoted.push((lines[index] ?? '').replace(/^> ?/, ''));
        index += 1;
      }
      blocks.push({ type: 'quote', blocks: parseBlocks(quoted, options, depth + 1) });
      continue;
    }
    blocks.push({ type: 'line', inlines: parseInlines(line, options, 0) });
    index += 1;
  }
  return blocks;
}

/** Text nodes side by side are merged, so that a tree compares equal however it was built. */
function pushText(out: MarkupInline[], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + text };
  else out.push({ type: 'text', text });
}

function mayOpen(line: string, at: number, width: number): boolean {
  const after = line[at + width];
  if (after === undefined || /\s/.test(after)) return false;
  // Where an opening marker may stand: the start, whitespace, an opening bracket or quote, or
  // right after an opening marker of another kind that stands in such a place itself
  // (XEP-0393 §6.2: "*_both_*"); `top.__x` or `a*_b` open nothing.
  let position = at;
  for (;;) {
    const before = position === 0 ? undefined : line[position - 1];
    if (before === undefined || OPENING_CONTEXT.test(before)) return true;
    if (!(before in SPAN_MARKERS) || before === line[position]) return false;
    position -= 1;
  }
}

function mayClose(line: string, at: number, width: number): boolean {
  const before = line[at - 1];
  const after = line[at + width];
  if (before === undefined || /\s/.test(before)) return false;
  return after === undefined || !WORD_CHARACTER.test(after);
}

/** Where the span opened at `start` with `marker` closes, or -1. */
function findClose(line: string, start: number, marker: string, escapes: boolean): number {
  for (let at = start; at < line.length; at += 1) {
    const char = line[at];
    if (escapes && char === '\\') {
      at += 1;
      continue;
    }
    if (char === '`' && marker !== '`') {
      // A code span inside is opaque: a marker in it does not close the outer span.
      const end = line.indexOf('`', at + 1);
      if (end > at + 1) at = end;
      continue;
    }
    if (line.startsWith(marker, at) && at > start && mayClose(line, at, marker.length)) return at;
  }
  return -1;
}

function parseInlines(line: string, options: MarkupOptions, depth: number): MarkupInline[] {
  const markdown = options.dialect !== 'xep0393';
  const out: MarkupInline[] = [];
  let plain = '';
  const flush = (): void => {
    pushText(out, plain);
    plain = '';
  };
  let at = 0;
  while (at < line.length) {
    const char = line[at] ?? '';
    if (markdown && char === '\\' && at + 1 < line.length && '\\*_~`[]'.includes(line[at + 1] ?? '')) {
      plain += line[at + 1] ?? '';
      at += 2;
      continue;
    }
    if (char === '`' && mayOpen(line, at, 1)) {
      const end = line.indexOf('`', at + 1);
      // XEP-0393 §6.2: the closing marker must not follow whitespace.
      if (end > at + 1 && !/\s/.test(line[end - 1] ?? ' ')) {
        flush();
        out.push({ type: 'code', text: line.slice(at + 1, end) });
        at = end + 1;
        continue;
      }
    }
    if (markdown && char === '[') {
      const link = /^\[([^\]\n]+)\]\(([^()\s]+)\)/.exec(line.slice(at));
      const href = link?.[2];
      if (link && href !== undefined && LINK_SCHEME.test(href) && validUrl(href)) {
        flush();
        out.push({ type: 'link', href, children: depth < MAX_SPAN_DEPTH ? parseInlines(link[1] ?? '', options, depth + 1) : [{ type: 'text', text: link[1] ?? '' }] });
        at += link[0].length;
        continue;
      }
    }
    const kind = SPAN_MARKERS[char];
    if (kind !== undefined && depth < MAX_SPAN_DEPTH) {
      const marker = markdown && char === '*' && line[at + 1] === '*' ? '**' : char;
      if (mayOpen(line, at, marker.length)) {
        const end = findClose(line, at + marker.length, marker, markdown);
        if (end > at + marker.length) {
          flush();
          out.push({ type: kind, children: parseInlines(line.slice(at + marker.length, end), options, depth + 1) });
          at = end + marker.length;
          continue;
        }
      }
    }
    plain += char;
    at += 1;
  }
  flush();
  return out;
}

function validUrl(href: string): boolean {
  try {
    return new URL(href).href !== '';
  } catch {
    return false;
  }
}

/** The text of inline nodes without any marker (a link's text only). */
export function inlineText(inlines: readonly MarkupInline[]): string {
  return inlines.map((inline) => (inline.type === 'text' || inline.type === 'code' ? inline.text : inlineText(inline.children))).join('');
}
