/**
 * What the small network badge on a buddy, a conversation or a tab says: which protocol
 * (its icon), which account (its colour, from its id unless the user chose one) and both in
 * words for screen readers ("XMPP, alice@example.org").
 */
import type { AccountView, PluginView } from '../../electron/bridge/schemas.js';
import { colourFromId } from './identityColour.js';
import { i18n } from '../i18n/index.js';

/** The icons shipped for the built-in plugins; any other plugin gets the generic one. */
export type ProtocolIcon = 'irc' | 'xmpp' | 'matrix' | 'plugin';

const BUILT_IN: Readonly<Record<string, ProtocolIcon>> = { irc: 'irc', xmpp: 'xmpp', matrix: 'matrix' };

export function protocolIcon(pluginId: string): ProtocolIcon {
  return Object.hasOwn(BUILT_IN, pluginId) ? BUILT_IN[pluginId] ?? 'plugin' : 'plugin';
}

export interface NetworkBadgeView {
  readonly icon: ProtocolIcon;
  readonly colour: string;
  /** "XMPP, alice@example.org" */
  readonly label: string;
}

/** The account's own name without the network: its plugin's label field, else its label. */
export function accountName(account: AccountView, plugin: PluginView | undefined): string {
  const value = plugin ? account.settings[plugin.accountLabelField] : undefined;
  return value === undefined || String(value).trim() === '' ? account.label : String(value);
}

/** The account's colour: the one the user chose, else the one its id gives. */
export function accountColour(accountId: string, chosen?: Readonly<Record<string, string>>): string {
  const colour = chosen !== undefined && Object.hasOwn(chosen, accountId) ? chosen[accountId] : undefined;
  return colour ?? colourFromId(accountId);
}

/**
 * The badge of an account; an account the UI does not know (yet) shows its id and the
 * generic icon rather than nothing.
 */
export function networkBadge(accountId: string, account: AccountView | undefined, plugin: PluginView | undefined,
  chosen?: Readonly<Record<string, string>>): NetworkBadgeView {
  const network = plugin?.name ?? account?.pluginId ?? i18n.t('networkBadge.unknown');
  const name = account ? accountName(account, plugin) : accountId;
  return { icon: protocolIcon(account?.pluginId ?? ''), colour: accountColour(accountId, chosen), label: `${network}, ${name}` };
}
