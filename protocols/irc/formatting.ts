/**
 * mIRC formatting control codes (https://modern.ircdocs.horse/formatting): bold \x02,
 * colour \x03[fg[,bg]], hex colour \x04[rrggbb[,rrggbb]], reset \x0F, reverse \x16,
 * italic \x1D, strikethrough \x1E, underline \x1F, monospace \x11.
 *
 * `stripFormatting` gives the plain text every message carries as `body`;
 * `formattingToHtml` gives the same text as HTML made only of `<b> <i> <u> <s> <code>` and
 * `<span data-irc-fg="N" data-irc-bg="N">` (N = the mIRC colour number 0–98), for the UI's
 * allowlist sanitizer. Other control characters are dropped, never shown raw.
 */
/**
 * One code at a time, left to right, as {@link formattingToHtml} reads them: removing colours,
 * then hex colours, then toggles in separate passes would join leftovers into new codes
 * ("\x04\x0312ABCDEF" lost "ABCDEF" from the body while the HTML showed it).
 */
const CODE = /\x03(?:\d{1,2}(?:,\d{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?|[\x02\x0F\x11\x16\x1D\x1E\x1F]/g;
/** C0 controls other than the formatting codes and tab (CTCP's \x01, a stray CR or LF included), shown as nothing. */
const OTHER_CONTROLS = /[\x00\x01\x05-\x08\x0A-\x0E\x10\x12-\x15\x17-\x1C\x7F]/g;
const ANY_CODE = /[\x02\x03\x04\x0F\x11\x16\x1D\x1E\x1F]/;

/** The text without any code. Other controls go first, as in the HTML ("\x03\x0112" is colour 12 in both). */
export function stripFormatting(text: string): string {
  return text.replace(OTHER_CONTROLS, '').replace(CODE, '');
}

interface Style {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  mono: boolean;
  fg?: number;
  bg?: number;
}

const plain = (): Style => ({ bold: false, italic: false, underline: false, strike: false, mono: false });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function wrap(text: string, style: Style): string {
  let html = escapeHtml(text);
  if (style.fg !== undefined || style.bg !== undefined) {
    const fg = style.fg !== undefined ? ` data-irc-fg="${style.fg}"` : '';
    const bg = style.bg !== undefined ? ` data-irc-bg="${style.bg}"` : '';
    html = `<span${fg}${bg}>${html}</span>`;
  }
  if (style.mono) html = `<code>${html}</code>`;
  if (style.strike) html = `<s>${html}</s>`;
  if (style.underline) html = `<u>${html}</u>`;
  if (style.italic) html = `<i>${html}</i>`;
  if (style.bold) html = `<b>${html}</b>`;
  return html;
}

/** HTML for text with formatting codes; undefined when the text has none. */
export function formattingToHtml(text: string): string | undefined {
  if (!ANY_CODE.test(text)) return undefined;
  const source = text.replace(OTHER_CONTROLS, '');
  let style = plain();
  let run = '';
  let html = '';
  const flush = (): void => {
    if (run) html += wrap(run, style);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    const toggle = (key: 'bold' | 'italic' | 'underline' | 'strike' | 'mono'): void => {
      flush();
      style = { ...style, [key]: !style[key] };
    };
    switch (c) {
      case '\x02': toggle('bold'); break;
      case '\x1D': toggle('italic'); break;
      case '\x1F': toggle('underline'); break;
      case '\x1E': toggle('strike'); break;
      case '\x11': toggle('mono'); break;
      case '\x16': flush(); break; // reverse: no allowlisted rendering; dropped
      case '\x0F': flush(); style = plain(); break;
      case '\x03': {
        flush();
        const match = /^(\d{1,2})?(?:,(\d{1,2}))?/.exec(source.slice(i + 1));
        const fg = match?.[1];
        const bg = fg !== undefined ? match?.[2] : undefined;
        const next: Style = { ...style };
        if (fg === undefined) {
          delete next.fg;
          delete next.bg;
        } else {
          next.fg = Number(fg);
          if (bg !== undefined) next.bg = Number(bg);
        }
        style = next;
        i += fg === undefined ? 0 : fg.length + (bg !== undefined ? bg.length + 1 : 0);
        break;
      }
      case '\x04': {
        flush();
        const match = /^[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?/.exec(source.slice(i + 1));
        i += match ? match[0].length : 0;
        break;
      }
      default: run += c;
    }
  }
  flush();
  return html;
}

/**
 * A text of several lines (a draft/multiline message, multiline.ts): each line read on its
 * own, joined by LF in the body and by <br> in the HTML (none when no line has formatting).
 */
export function formatLines(text: string): { readonly body: string; readonly html?: string } {
  const lines = text.split('\n');
  const body = lines.map(stripFormatting).join('\n');
  const pieces = lines.map((line) => formattingToHtml(line));
  if (pieces.every((piece) => piece === undefined)) return { body };
  return { body, html: pieces.map((piece, i) => piece ?? escapeHtml(stripFormatting(lines[i] ?? ''))).join('<br>') };
}
