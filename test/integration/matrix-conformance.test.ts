/** The adapter conformance suite against the Matrix plugin and a real Synapse. */
import matrixPlugin from '../../protocols/matrix/index.js';
import { defineConformanceSuite } from '../conformance/index.js';
import { startSynapse } from '../servers/synapse.js';
import { findFreePort } from '../servers/serverProcess.js';
import { createPublicRoom, registerTestUser } from '../servers/synapse/fixtures.js';

defineConformanceSuite({
  name: 'Matrix on Synapse',
  plugin: matrixPlugin,
  serverProvidesMessageIds: true, // every event has an event id
  eventTimeoutMs: 20_000,
  async startServer() {
    const synapse = await startSynapse();
    const [alice, bob, carol] = await Promise.all([
      registerTestUser(synapse, 'alice'), registerTestUser(synapse, 'bob'), registerTestUser(synapse, 'carol'),
    ]);
    const room = await createPublicRoom(synapse, carol, 'conformance');
    const port = await findFreePort();
    return {
      accounts: [alice.settings, bob.settings],
      badCredentials: { ...alice.settings, password: 'not-the-password' },
      unreachable: { userId: '@nobody:localhost', password: 'x', homeserver: `http://127.0.0.1:${port}` },
      room: room.alias,
      stop: () => synapse.stop(),
    };
  },
});
