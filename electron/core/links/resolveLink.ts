/**
 * Which of the user's accounts can do what a link asks: the network must match, and on
 * IRC (one network per server, no federation) the server too; XMPP and Matrix federate,
 * so every account on them fits, those on the link's own domain first. An XMPP link that
 * names the account to use (RFC 5122 §2.3) fits only that account. With no fit, the UI
 * offers "Add account" with what the link tells of the server.
 */
import type { LinkAccount, LinkAction, LinkResolution } from '../../bridge/linkSchemas.js';
import type { AccountView } from '../../bridge/schemas.js';
import { MAX_LINK_LENGTH } from './linkText.js';
import { parseLink } from './parseLink.js';

type AccountFacts = Pick<AccountView, 'id' | 'pluginId' | 'label' | 'settings'>;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase().replace(/\.$/, '') : '';
}

/** The domain or server an account lives on, from its plugin's settings (IRC server, XMPP JID, Matrix user id). */
function homeOf(account: AccountFacts): string {
  switch (account.pluginId) {
    case 'irc': return text(account.settings['server']);
    case 'xmpp': return text(account.settings['jid']).split('/')[0]?.split('@').pop() ?? '';
    case 'matrix': return text(account.settings['userId']).split(':').slice(1).join(':');
    default: return '';
  }
}

function fit(action: LinkAction, account: AccountFacts): LinkAccount | undefined {
  if (account.pluginId !== action.network) return undefined;
  const home = homeOf(account);
  const sameServer = action.server !== undefined && home === action.server;
  if (action.network === 'irc' && action.server !== undefined && !sameServer) return undefined;
  if (action.account !== undefined && text(account.settings['jid']).split('/')[0] !== action.account.toLowerCase()) return undefined;
  return { accountId: account.id, label: account.label, sameServer: action.network === 'irc' ? true : sameServer };
}

function newAccountFor(action: LinkAction): LinkResolution['newAccount'] {
  if (action.network === 'irc') {
    return {
      pluginId: 'irc',
      settings: {
        ...(action.server !== undefined ? { server: action.server } : {}),
        ...(action.tls !== undefined ? { tls: action.tls } : {}),
        // The draft's default port for irc: is 6667 (the plugin's own default is 6697 with TLS).
        ...(action.port !== undefined ? { port: action.port } : action.tls === false ? { port: 6667 } : {}),
      },
    };
  }
  return { pluginId: action.network, settings: action.account !== undefined ? { jid: action.account } : {} };
}

export function resolveLink(uri: string, accounts: readonly AccountFacts[]): LinkResolution {
  const parsed = parseLink(uri);
  const shown = uri.slice(0, MAX_LINK_LENGTH);
  if (!parsed.ok) return { uri: shown, parsed, accounts: [] };
  const fitting = accounts.flatMap((account) => fit(parsed.action, account) ?? []);
  // Stable: the accounts' own order within each group.
  const ordered = [...fitting.filter((account) => account.sameServer), ...fitting.filter((account) => !account.sameServer)];
  return { uri: shown, parsed, accounts: ordered, ...(ordered.length === 0 ? { newAccount: newAccountFor(parsed.action) } : {}) };
}
