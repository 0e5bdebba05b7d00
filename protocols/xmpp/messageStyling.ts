/**
 * XEP-0393 Message Styling (https://xmpp.org/extensions/xep-0393.html) both ways. The
 * formatting stays plain text in the body: what the user typed (protocols/api/markup.ts)
 * is written with XEP-0393's markers (`*bold*`, `_italic_`, `~strike~`, `` `code` ``,
 * ```` ``` ```` blocks, `> ` quotes; a link reads `text (address)`), and a received body is
 * read with the same parser in its XEP-0393 dialect into HTML, so it shows as the other
 * networks' formatting does. The markers are not shown once styled (§5 leaves that to
 * the client).
 */
import { inlineText, markupToHtml, parseMarkup, type MarkupBlock, type MarkupInline } from '../api/index.js';

const MARKERS = { bold: '*', italic: '_', strike: '~' } as const;

function inlineStyling(inlines: readonly MarkupInline[]): string {
  return inlines.map((inline) => {
    switch (inline.type) {
      case 'text': return inline.text;
      case 'code': return `\`${inline.text}\``;
      case 'link': {
        const text = inlineText(inline.children);
        return text === inline.href ? inline.href : `${inlineStyling(inline.children)} (${inline.href})`;
      }
      default: return `${MARKERS[inline.type]}${inlineStyling(inline.children)}${MARKERS[inline.type]}`;
    }
  }).join('');
}

function blockStyling(blocks: readonly MarkupBlock[], prefix: string): string[] {
  return blocks.flatMap((block) => {
    switch (block.type) {
      case 'line': return [prefix + inlineStyling(block.inlines)];
      case 'quote': return blockStyling(block.blocks, `${prefix}> `);
      case 'code': return [`${prefix}\`\`\`${block.language ?? ''}`, ...block.lines.map((line) => prefix + line), `${prefix}\`\`\``];
    }
  });
}

/** The body to send: the user's text in XEP-0393's form (Markdown's `**`, links and escapes rewritten). */
export function markupToStyling(text: string): string {
  return blockStyling(parseMarkup(text), '').join('\n');
}

/** HTML for a received body's styling, or undefined when it has none or the sender asked for none (§6 `<unstyled/>`). */
export function stylingToHtml(body: string, unstyled: boolean): string | undefined {
  return unstyled ? undefined : markupToHtml(parseMarkup(body, { dialect: 'xep0393' }));
}

/** `{ html }` when there is some: the API's optional fields are left out rather than undefined. */
export function htmlField(html: string | undefined): { readonly html?: string } {
  return html === undefined ? {} : { html };
}
