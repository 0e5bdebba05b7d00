/**
 * How an account is recognised across programs: by its network and the name the user is
 * known by there. An export names its account so; an import finds the account with the same
 * identity (or creates a disabled one with the settings the identity implies).
 */

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** nick@server for IRC, the bare JID for XMPP, the user id for Matrix, else the username. */
export function accountIdentity(pluginId: string, settings: Readonly<Record<string, unknown>>): string {
  switch (pluginId) {
    case 'irc': return `${text(settings['nick'])}@${text(settings['server'])}`.toLowerCase();
    case 'xmpp': return text(settings['jid']).split('/')[0]?.toLowerCase() ?? '';
    case 'matrix': return text(settings['userId']);
    default: return text(settings['username']);
  }
}

/** The settings of a disabled account created for imported history: enough to show who it was. */
export function settingsForIdentity(pluginId: string, identity: string): Record<string, string> {
  switch (pluginId) {
    case 'irc': {
      const at = identity.lastIndexOf('@');
      return at < 0 ? { nick: identity, server: '' } : { nick: identity.slice(0, at), server: identity.slice(at + 1) };
    }
    case 'xmpp': return { jid: identity };
    case 'matrix': return { userId: identity };
    default: return { username: identity };
  }
}

/** Two identities name the same account (an IRC server named only by its network, "libera", matches its host). */
export function sameIdentity(pluginId: string, stored: string, wanted: string): boolean {
  if (stored === wanted) return true;
  if (pluginId !== 'irc') return false;
  const [storedNick, storedServer] = splitIrc(stored);
  const [wantedNick, wantedServer] = splitIrc(wanted);
  if (wantedNick !== '' && wantedNick !== storedNick) return false;
  return wantedServer !== '' && storedServer.split('.').includes(wantedServer);
}

function splitIrc(identity: string): [string, string] {
  const at = identity.lastIndexOf('@');
  return at < 0 ? [identity, ''] : [identity.slice(0, at), identity.slice(at + 1)];
}
