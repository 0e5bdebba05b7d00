/**
 * The adapter conformance suite against the IRC plugin and a full IRCv3 server: Ergo when
 * it can be installed, else the InspIRCd + Atheme fallback (test/servers/ergo.ts). Logins
 * use SASL PLAIN; every message carries a msgid.
 */
import ircPlugin from '../../protocols/irc/index.js';
import { defineConformanceSuite } from '../conformance/index.js';
import { startIrcv3Server } from '../servers/ergo.js';
import { findFreePort } from '../servers/serverProcess.js';

defineConformanceSuite({
  name: 'IRC on an IRCv3 server (Ergo, or InspIRCd + Atheme)',
  plugin: ircPlugin,
  serverProvidesMessageIds: true,
  async startServer() {
    const server = await startIrcv3Server();
    await server.registerAccount('alice', 'alice-password');
    await server.registerAccount('bob', 'bob-password');
    const closedPort = await findFreePort();
    // SASL PLAIN on the plain port: allowed explicitly, as a user would have to.
    const base = { server: '127.0.0.1', tls: false, port: server.port, allowPlainPassword: true };
    return {
      accounts: [
        { ...base, nick: 'alice', accountPassword: 'alice-password' },
        { ...base, nick: 'bob', accountPassword: 'bob-password' },
      ],
      badCredentials: { ...base, nick: 'alice', accountPassword: 'wrong-password' },
      unreachable: { ...base, port: closedPort, nick: 'nobody' },
      room: '#conformance',
      stop: () => server.stop(),
    };
  },
});
