/** The adapter conformance suite against the XMPP plugin and a real Prosody. */
import xmppPlugin from '../../protocols/xmpp/index.js';
import { defineConformanceSuite } from '../conformance/index.js';
import { startProsody } from '../servers/prosody.js';
import { findFreePort } from '../servers/serverProcess.js';

defineConformanceSuite({
  name: 'XMPP on Prosody',
  plugin: xmppPlugin,
  serverProvidesMessageIds: true, // XEP-0359 stanza-ids / origin-ids
  async startServer() {
    const prosody = await startProsody();
    await Promise.all([prosody.register('alice', 'alice-pw'), prosody.register('bob', 'bob-pw')]);
    const closedPort = await findFreePort();
    const base = { server: prosody.host, port: prosody.c2sPort, security: 'starttls', trustedFingerprint: prosody.certificateFingerprint256 };
    return {
      accounts: [
        { ...base, jid: 'alice@localhost', password: 'alice-pw' },
        { ...base, jid: 'bob@localhost', password: 'bob-pw' },
      ],
      badCredentials: { ...base, jid: 'alice@localhost', password: 'wrong-password' },
      unreachable: { ...base, port: closedPort, jid: 'alice@localhost', password: 'alice-pw' },
      room: `conformance@${prosody.mucDomain}`,
      stop: () => prosody.stop(),
    };
  },
});
