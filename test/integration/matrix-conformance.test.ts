/** The adapter conformance suite against the Matrix plugin and a real homeserver: Synapse, then Dendrite. */
import matrixPlugin from '../../protocols/matrix/index.js';
import { defineConformanceSuite } from '../conformance/index.js';
import { MATRIX_SERVERS, MATRIX_SERVER_TITLES, startMatrixServer, startTimeoutMs } from '../servers/matrixServers.js';
import { findFreePort } from '../servers/serverProcess.js';
import { createPublicRoom, registerTestUser } from '../servers/synapse/fixtures.js';

for (const kind of MATRIX_SERVERS) {
  defineConformanceSuite({
    name: `Matrix on ${MATRIX_SERVER_TITLES[kind]}`,
    plugin: matrixPlugin,
    serverProvidesMessageIds: true, // every event has an event id
    eventTimeoutMs: 20_000,
    startTimeoutMs: startTimeoutMs(kind),
    async startServer() {
      const server = await startMatrixServer(kind);
      const [alice, bob, carol] = await Promise.all([
        registerTestUser(server, 'alice'), registerTestUser(server, 'bob'), registerTestUser(server, 'carol'),
      ]);
      const room = await createPublicRoom(server, carol, 'conformance');
      const port = await findFreePort();
      return {
        accounts: [alice.settings, bob.settings],
        badCredentials: { ...alice.settings, password: 'not-the-password' },
        unreachable: { userId: '@nobody:localhost', password: 'x', homeserver: `http://127.0.0.1:${port}` },
        room: room.alias,
        stop: () => server.stop(),
      };
    },
  });
}
