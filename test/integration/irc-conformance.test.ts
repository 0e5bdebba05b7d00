/** The adapter conformance suite against the IRC plugin and a real ngIRCd. */
import ircPlugin from '../../protocols/irc/index.js';
import { defineConformanceSuite } from '../conformance/index.js';
import { startNgircd } from '../servers/ngircd.js';
import { findFreePort } from '../servers/serverProcess.js';

defineConformanceSuite({
  name: 'IRC on ngIRCd',
  plugin: ircPlugin,
  serverProvidesMessageIds: false, // ngIRCd has no message-tags/msgid
  async startServer() {
    const open = await startNgircd();
    const locked = await startNgircd({ password: 'letmein' });
    const closedPort = await findFreePort();
    // Plain ngIRCd: the server password may go out unencrypted only because the test allows it.
    const base = { server: '127.0.0.1', tls: false, allowPlainPassword: true };
    return {
      accounts: [
        { ...base, port: open.port, nick: 'alice' },
        { ...base, port: open.port, nick: 'bob' },
      ],
      badCredentials: { ...base, port: locked.port, nick: 'mallory', password: 'wrong-password' },
      unreachable: { ...base, port: closedPort, nick: 'nobody' },
      room: '#conformance',
      async stop() {
        await Promise.all([open.stop(), locked.stop()]);
      },
    };
  },
});
