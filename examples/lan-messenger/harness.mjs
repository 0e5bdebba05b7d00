// The conformance harness for the LAN plugin (switchboard-plugin-check . --harness harness.mjs).
// Link-local chat has no server: "starting the server" only checks that the kit runs where
// its multicast DNS cannot reach a real network, i.e. inside a network namespace whose only
// interface is loopback with multicast routed on it:
//
//   unshare --net sh -c 'ip link set lo up && ip route add 224.0.0.0/4 dev lo &&
//     npx switchboard-plugin-check . --harness harness.mjs'
//
// There are no logins, servers or rooms on a link-local network, so the harness gives no
// bad credentials, unreachable account or room: the kit reports those scenarios as n/a.
import { networkInterfaces } from 'node:os';
import { defineHarness } from 'switchboard-plugin-sdk/check';

function onlyLoopback() {
  return Object.values(networkInterfaces()).flat().every((info) => info?.internal === true);
}

export default defineHarness({
  name: 'LAN (XEP-0174) on loopback in a network namespace',
  serverProvidesMessageIds: false,
  async startServer() {
    if (!onlyLoopback() && process.env.LAN_CHECK_ON_REAL_NETWORK !== '1') {
      throw new Error('this machine has real network interfaces, where the check would announce test users to everyone: run it inside `unshare --net` (see harness.mjs), or set LAN_CHECK_ON_REAL_NETWORK=1');
    }
    return {
      accounts: [{ name: 'alice', nick: 'Alice' }, { name: 'bob', nick: 'Bob' }],
      stop: async () => undefined,
    };
  },
});
