/**
 * The small badge that says which network and account a row or tab belongs to: the
 * protocol's icon on the account's colour. Its words ("XMPP, alice@example.org") are a
 * hidden element the row names in its aria-describedby (see {@link badgeDescriptionId}),
 * so a row's accessible name stays its title.
 */
import { memo } from 'react';
import { findPlugin } from '../state/accounts.js';
import { textColourOn } from '../state/identityColour.js';
import { networkBadge } from '../state/networkBadge.js';
import { useAppStore } from './AppContext.js';
import { ProtocolIcon } from './ProtocolIcon.js';

/** The id of the badge's words, unique per place (`scope`: e.g. "tab-12", "buddy-…"). */
export function badgeDescriptionId(scope: string): string {
  return `badge-${scope}`.replace(/[^\w-]/g, '_');
}

export interface NetworkBadgeProps {
  readonly accountId: string;
  /** From {@link badgeDescriptionId}: the row puts it in its aria-describedby. */
  readonly descriptionId: string;
}

export const NetworkBadge = memo(function NetworkBadge({ accountId, descriptionId }: NetworkBadgeProps) {
  const account = useAppStore('accounts', (state) => state.list.find((item) => item.id === accountId));
  const plugin = useAppStore('plugins', (state) => (account ? findPlugin(state.list, account.pluginId) : undefined));
  const chosen = useAppStore('preferences', (state) => state.preferences.accountColours);
  const badge = networkBadge(accountId, account, plugin, chosen);
  return (
    <span className={`network-badge network-${badge.icon}`} title={badge.label} aria-hidden="true"
      style={{ backgroundColor: badge.colour, color: textColourOn(badge.colour) }}>
      <ProtocolIcon icon={badge.icon} />
      <span id={descriptionId} hidden>{badge.label}</span>
    </span>
  );
});
