/**
 * The user's formatting (protocols/api/markup.ts) as mIRC control codes
 * (https://modern.ircdocs.horse/formatting): bold \x02, italic \x1D, strikethrough \x1E,
 * monospace \x11, each toggled around its span. IRC has no quotes, code blocks or links:
 * a quote keeps its `> ` marker, a code block's lines are monospace, a link reads
 * `text (address)`. One IRC line per line of the message.
 */
import { inlineText, parseMarkup, type MarkupBlock, type MarkupInline } from '../api/index.js';

const CODES = { bold: '\x02', italic: '\x1D', strike: '\x1E' } as const;
const MONOSPACE = '\x11';

function inlineCodes(inlines: readonly MarkupInline[]): string {
  return inlines.map((inline) => {
    switch (inline.type) {
      case 'text': return inline.text;
      case 'code': return inline.text === '' ? '' : `${MONOSPACE}${inline.text}${MONOSPACE}`;
      case 'link': {
        const text = inlineText(inline.children);
        return text === inline.href ? inline.href : `${inlineCodes(inline.children)} (${inline.href})`;
      }
      default: return `${CODES[inline.type]}${inlineCodes(inline.children)}${CODES[inline.type]}`;
    }
  }).join('');
}

function blockLines(blocks: readonly MarkupBlock[], prefix: string): string[] {
  return blocks.flatMap((block) => {
    switch (block.type) {
      case 'line': return [prefix + inlineCodes(block.inlines)];
      case 'quote': return blockLines(block.blocks, `${prefix}> `);
      // Blank lines of a code block would be dropped by the splitter; a space keeps them.
      case 'code': return block.lines.map((line) => `${prefix}${MONOSPACE}${line === '' ? ' ' : line}${MONOSPACE}`);
    }
  });
}

/** The message's text with its formatting as control codes, lines joined by "\n". */
export function markupToIrc(text: string): string {
  return blockLines(parseMarkup(text), '').join('\n');
}

const TOGGLES = ['\x02', '\x1D', '\x1E', '\x11'] as const;
/** Bytes the toggles carried over to a continuation line may take (one of each). */
export const CARRIED_CODES_BYTES = TOGGLES.length;

/**
 * Chunks of one long line, each a line on the wire: clients reset formatting at the end of
 * a line, so a span cut in two is opened again at the start of the next chunk. Leave
 * {@link CARRIED_CODES_BYTES} bytes of room per chunk for it.
 */
export function carryFormatting(chunks: readonly string[]): string[] {
  const open = new Set<string>();
  return chunks.map((chunk) => {
    const carried = TOGGLES.filter((code) => open.has(code)).join('');
    for (const char of chunk) {
      if (char === '\x0F') open.clear();
      else if ((TOGGLES as readonly string[]).includes(char)) {
        if (open.has(char)) open.delete(char);
        else open.add(char);
      }
    }
    return carried + chunk;
  });
}
