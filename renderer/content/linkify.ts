/**
 * Bare addresses in a plain-text body become links: text nodes and link nodes, never an
 * HTML string. Only the schemes of {@link safeHref} become links; the rest stays text.
 */
import { find, registerCustomProtocol } from 'linkifyjs';
import { safeHref, type RichNode } from './richNodes.js';

// linkify knows http(s) and mailto; without these, "irc://irc.libera.chat/#x" would be
// half-linked as http://irc.libera.chat. Registration is linkify's own global setup and
// must happen before its first use, hence here, when the module loads.
for (const scheme of ['xmpp', 'irc', 'ircs', 'matrix']) registerCustomProtocol(scheme, true);

export function linkifyText(text: string): RichNode[] {
  const nodes: RichNode[] = [];
  let position = 0;
  for (const match of find(text)) {
    if (!match.isLink || (match.type !== 'url' && match.type !== 'email')) continue;
    const href = safeHref(match.href);
    if (href === null) continue;
    if (match.start > position) nodes.push({ type: 'text', text: text.slice(position, match.start) });
    nodes.push({ type: 'link', href, children: [{ type: 'text', text: text.slice(match.start, match.end) }] });
    position = match.end;
  }
  if (position < text.length) nodes.push({ type: 'text', text: text.slice(position) });
  return nodes;
}
