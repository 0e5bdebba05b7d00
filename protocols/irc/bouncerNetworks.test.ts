/** soju.im/bouncer-networks against the scripted server (soju is not installable here). */
import { afterEach, describe, expect, it } from 'vitest';
import { IrcConnection } from './ircConnection.js';
import { recorder } from './testRecorder.js';
import { startScriptedServer, type ScriptedServer } from './testServer.js';

let server: ScriptedServer | undefined;
let connection: IrcConnection | undefined;
afterEach(async () => {
  await connection?.disconnect();
  await server?.close();
  connection = undefined;
  server = undefined;
});

const CAPS = 'soju.im/bouncer-networks soju.im/bouncer-networks-notify batch';

describe('soju.im/bouncer-networks', () => {
  it('binds the account to its network before registration ends', async () => {
    server = await startScriptedServer({ caps: CAPS, isupport: 'BOUNCER_NETID=2' });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice', bouncerNetwork: '2' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    const bind = server.received.indexOf('BOUNCER BIND 2');
    expect(bind).toBeGreaterThan(-1);
    expect(bind).toBeLessThan(server.received.indexOf('CAP END'));
    expect(server.received).not.toContain('BOUNCER LISTNETWORKS');
  });

  it('lists the bouncer\'s networks on a connection bound to none, and tells changes', async () => {
    server = await startScriptedServer({
      caps: CAPS,
      command: (client, line) => {
        if (line.command !== 'BOUNCER' || line.params[0] !== 'LISTNETWORKS') return false;
        client.send(':scripted.test BATCH +n soju.im/bouncer-networks');
        client.send('@batch=n :scripted.test BOUNCER NETWORK 1 name=Libera;host=irc.libera.chat;state=connected');
        client.send('@batch=n :scripted.test BOUNCER NETWORK 2 name=My\\snet;state=disconnected');
        client.send(':scripted.test BATCH -n');
        return true;
      },
    });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    await rec.waitForEvent('the second network', (e) => e.type === 'server.notice' && e.text.includes('My net'));
    server.push(':scripted.test BOUNCER NETWORK 2 state=connected\r\n:scripted.test BOUNCER NETWORK 1 *\r\n');
    await rec.waitForEvent('the removal', (e) => e.type === 'server.notice' && e.text.includes('removed'));
    const notices = rec.events.flatMap((e) => (e.type === 'server.notice' && /[Bb]ouncer/.test(e.text) ? [e.text] : []));
    expect(notices).toEqual([
      'Bouncer network Libera (irc.libera.chat): id 1, connected. To use it, add an IRC account for this bouncer with "Bouncer network" set to 1.',
      'Bouncer network My net: id 2, disconnected. To use it, add an IRC account for this bouncer with "Bouncer network" set to 2.',
      'Bouncer network My net is now connected.',
      'The bouncer\'s network Libera was removed.',
    ]);
  });
});
