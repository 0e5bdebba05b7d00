/**
 * Formatted message content as plain data: the only shape in which network content reaches
 * the views. Produced by the sanitizer (from `html`) or by linkify (from `body`), rendered
 * by `views/RichText.tsx` with React elements, never as an HTML string.
 */

import type { RichTag } from '../../electron/bridge/richContentAllowlist.js';

export {
  RICH_TAGS, LINK_PROTOCOLS, LINK_URI_PATTERN, colourClasses, hexColourIndex, ircColourIndex, isRichTag, safeHref, type RichTag,
} from '../../electron/bridge/richContentAllowlist.js';

export type RichNode =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'element'; readonly tag: RichTag; readonly className?: string; readonly children: readonly RichNode[] }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly RichNode[] };

/** The text of some nodes, as a screen reader or a reply excerpt would have it. */
export function plainText(nodes: readonly RichNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : plainText(node.children))).join('');
}
