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

/**
 * Characters no address contains (RFC 3986 excludes them; people quote addresses with
 * them): linkify runs on through them, so pasted markup `<a href="https://x/">` would
 * link `https://x/">` to a made-up path.
 */
const NOT_IN_ADDRESS = /["<>`]/;

interface Match {
  readonly start: number;
  readonly end: number;
  readonly href: string;
}

/** linkify's links in `text` from `offset` on, each cut at a character no address contains. */
function findLinks(text: string, offset: number): Match[] {
  const matches: Match[] = [];
  for (const match of find(text)) {
    if (!match.isLink || (match.type !== 'url' && match.type !== 'email')) continue;
    const cut = match.value.search(NOT_IN_ADDRESS);
    if (cut === -1) {
      matches.push({ start: offset + match.start, end: offset + match.end, href: match.href });
      continue;
    }
    // What is left before the cut is linked as linkify reads it alone (it may drop a trailing ")").
    const head = findLinks(text.slice(match.start, match.start + cut), offset + match.start)[0];
    if (head?.start === offset + match.start) matches.push(head);
  }
  return matches;
}

export function linkifyText(text: string): RichNode[] {
  const nodes: RichNode[] = [];
  let position = 0;
  for (const match of findLinks(text, 0)) {
    const href = safeHref(match.href);
    if (href === null) continue;
    if (match.start > position) nodes.push({ type: 'text', text: text.slice(position, match.start) });
    nodes.push({ type: 'link', href, children: [{ type: 'text', text: text.slice(match.start, match.end) }] });
    position = match.end;
  }
  if (position < text.length) nodes.push({ type: 'text', text: text.slice(position) });
  return nodes;
}
