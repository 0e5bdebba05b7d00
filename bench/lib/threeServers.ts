/**
 * The three networks of the idle and soak parts (issue 18), started side by side on
 * 127.0.0.1 (Synapse alone takes seconds): ngIRCd, Prosody and Synapse. When one fails to
 * start, the others are stopped before the failure is thrown.
 */
import { startNgircd, type RunningIrcServer } from '../../test/servers/ngircd.js';
import { startProsody, type ProsodyOptions, type RunningProsody } from '../../test/servers/prosody.js';
import { startSynapse, type RunningSynapse } from '../../test/servers/synapse.js';

export interface ThreeServers {
  readonly irc: RunningIrcServer;
  readonly xmpp: RunningProsody;
  readonly matrix: RunningSynapse;
  stop(): Promise<void>;
}

export async function startThreeServers(prosody: ProsodyOptions = {}): Promise<ThreeServers> {
  const [ircStart, xmppStart, matrixStart] = await Promise.allSettled([startNgircd(), startProsody(prosody), startSynapse()] as const);
  if (ircStart.status === 'rejected' || xmppStart.status === 'rejected' || matrixStart.status === 'rejected') {
    for (const started of [ircStart, xmppStart, matrixStart]) if (started.status === 'fulfilled') await started.value.stop();
    const failed: unknown = [ircStart, xmppStart, matrixStart].find((s) => s.status === 'rejected')?.reason;
    throw failed instanceof Error ? failed : new Error(String(failed));
  }
  const [irc, xmpp, matrix] = [ircStart.value, xmppStart.value, matrixStart.value];
  return {
    irc, xmpp, matrix,
    stop: async () => {
      await matrix.stop();
      await xmpp.stop();
      await irc.stop();
    },
  };
}
