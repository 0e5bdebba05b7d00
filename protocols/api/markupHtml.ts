/**
 * The markup tree as HTML, for networks whose messages carry HTML (Matrix
 * `formatted_body`, spec §m.room.message "org.matrix.custom.html") and for showing what
 * the user sent. Only elements of the app's rich-content allowlist are written (`strong`,
 * `em`, `del`, `code`, `pre`, `blockquote`, `br`, `a href`), and every text is escaped:
 * HTML typed in a message is text. Since 0.5.
 */
import { isPlainMarkup, type MarkupBlock, type MarkupInline } from './markup.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const TAGS = { bold: 'strong', italic: 'em', strike: 'del' } as const;

function inlineHtml(inlines: readonly MarkupInline[]): string {
  return inlines.map((inline) => {
    switch (inline.type) {
      case 'text': return escapeHtml(inline.text);
      case 'code': return `<code>${escapeHtml(inline.text)}</code>`;
      case 'link': return `<a href="${escapeHtml(inline.href)}">${inlineHtml(inline.children)}</a>`;
      default: return `<${TAGS[inline.type]}>${inlineHtml(inline.children)}</${TAGS[inline.type]}>`;
    }
  }).join('');
}

function blocksHtml(blocks: readonly MarkupBlock[]): string {
  let html = '';
  blocks.forEach((block, index) => {
    if (block.type === 'line') {
      // A line break between two lines; blocks (quotes, code) break lines themselves.
      html += (index > 0 && blocks[index - 1]?.type === 'line' ? '<br>' : '') + inlineHtml(block.inlines);
    } else if (block.type === 'quote') {
      html += `<blockquote>${blocksHtml(block.blocks)}</blockquote>`;
    } else {
      html += `<pre><code>${escapeHtml(block.lines.join('\n'))}</code></pre>`;
    }
  });
  return html;
}

/** HTML for the blocks, or undefined when they hold no formatting (plain text says it all). */
export function markupToHtml(blocks: readonly MarkupBlock[]): string | undefined {
  return isPlainMarkup(blocks) ? undefined : blocksHtml(blocks);
}
