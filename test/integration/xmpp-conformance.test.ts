/** The adapter conformance suite against the XMPP plugin and a real server: Prosody, then ejabberd. */
import xmppPlugin from '../../protocols/xmpp/index.js';
import { defineConformanceSuite } from '../conformance/index.js';
import { findFreePort } from '../servers/serverProcess.js';
import { XMPP_SERVERS, startXmppServer } from '../servers/xmppServers.js';

for (const kind of XMPP_SERVERS) {
  defineConformanceSuite({
    name: `XMPP on ${kind === 'prosody' ? 'Prosody' : 'ejabberd'}`,
    plugin: xmppPlugin,
    serverProvidesMessageIds: true, // XEP-0359 stanza-ids / origin-ids
    async startServer() {
      const xmpp = await startXmppServer(kind);
      await Promise.all([xmpp.register('alice', 'alice-pw'), xmpp.register('bob', 'bob-pw')]);
      const closedPort = await findFreePort();
      const base = { server: xmpp.host, port: xmpp.c2sPort, security: 'starttls', trustedFingerprint: xmpp.certificateFingerprint256 };
      return {
        accounts: [
          { ...base, jid: 'alice@localhost', password: 'alice-pw' },
          { ...base, jid: 'bob@localhost', password: 'bob-pw' },
        ],
        badCredentials: { ...base, jid: 'alice@localhost', password: 'wrong-password' },
        unreachable: { ...base, port: closedPort, jid: 'alice@localhost', password: 'alice-pw' },
        room: `conformance@${xmpp.mucDomain}`,
        stop: () => xmpp.stop(),
      };
    },
  });
}
