/**
 * The XMPP servers the shared tests run against, one after the other in a test file:
 * Prosody and ejabberd by default; `SWITCHBOARD_XMPP_SERVERS=prosody` (comma-separated)
 * narrows the list, e.g. for a quick local run.
 */
import { startEjabberd } from './ejabberd.js';
import { startProsody } from './prosody.js';
import type { RunningXmppServer, XmppServerKind, XmppServerOptions } from './xmppServer.js';

const ALL: readonly XmppServerKind[] = ['prosody', 'ejabberd'];

function chosen(): readonly XmppServerKind[] {
  const wanted = process.env.SWITCHBOARD_XMPP_SERVERS?.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (wanted === undefined || wanted.length === 0) return ALL;
  const unknown = wanted.filter((name) => !ALL.some((kind) => kind === name));
  if (unknown.length > 0) throw new Error(`SWITCHBOARD_XMPP_SERVERS names ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  return ALL.filter((kind) => wanted.includes(kind));
}

export const XMPP_SERVERS: readonly XmppServerKind[] = chosen();

export function startXmppServer(kind: XmppServerKind, options: XmppServerOptions = {}): Promise<RunningXmppServer> {
  return kind === 'prosody' ? startProsody(options) : startEjabberd(options);
}

