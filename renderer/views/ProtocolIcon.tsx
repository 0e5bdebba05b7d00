/**
 * The protocol icons of the network badges, drawn inline (no request, nothing for the CSP
 * to refuse): a hash for IRC, a speech bubble for XMPP, Matrix's bracketed "m", and a puzzle
 * piece for any plugin that is not built in. Drawn in currentColor on a 16×16 grid.
 */
import type { ProtocolIcon as Icon } from '../state/networkBadge.js';

const PATHS: Readonly<Record<Icon, string>> = {
  irc: 'M6 2 4.8 14M11.2 2 10 14M2.5 5.5h11.5M2 10.5h11.5',
  xmpp: 'M3 3h10a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H7l-3 3v-3H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Z',
  matrix: 'M4 2H2v12h2M12 2h2v12h-2M5.5 11V6.5m0 1.2c.6-1 2.4-1 2.5.3V11m0-3c.6-1 2.4-1 2.5.3V11',
  plugin: 'M6 2h4v2.2a1.3 1.3 0 1 0 0 .1V5h3v3.5h-1.6a1.3 1.3 0 1 0 0 2.6H13V14H3v-3.2h1.6a1.3 1.3 0 1 0 0-2.6H3V5h3Z',
};

export function ProtocolIcon({ icon }: { readonly icon: Icon }) {
  return (
    <svg className={`protocol-icon protocol-${icon}`} viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d={PATHS[icon]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
