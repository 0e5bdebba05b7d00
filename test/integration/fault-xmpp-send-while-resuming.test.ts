/**
 * A message written while an XMPP account is resuming its session (XEP-0198 §5) after
 * Prosody was killed, when the restarted server no longer knows the session. The core
 * still shows the account online ("resuming the session…") and hands the message to the
 * plugin, which keeps it for after the resumption; the resumption is refused, so the
 * message never went out. It must wait in the outbox and go out once the account is back,
 * not end up "not sent": a room (no `resendSafe`) shows whether the outbox knows that
 * nothing went out. The other person, joining afterwards, sees it in the room's history
 * exactly once.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { connectRawXmppClient, escapeXml, type RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const PASSWORD = 'resume-password';
const BODY = 'written while the session resumes';
let prosody: RunningProsody | undefined;
let core: InProcessCore | undefined;
let bob: RawXmppClient | undefined;
afterAll(async () => {
  await bob?.close().catch(() => undefined);
  await core?.close();
  await prosody?.stop();
});

describe('fault: XMPP message written while the session resumes, and the restarted server refuses the resumption', () => {
  it('waits in the outbox, goes out once the account is back, and shows once at the other person', async () => {
    // Persistent rooms: the room and its history survive the restart.
    prosody = await startProsody({ extraConfig: ['muc_room_default_persistent = true'] });
    const server = prosody;
    await Promise.all([server.register('alice', PASSWORD), server.register('bob', PASSWORD)]);
    core = await startInProcessCore([join(BUILT_PLUGINS, 'xmpp')]);
    const running = core;
    const account = await running.client.request('accounts.add', {
      pluginId: 'xmpp',
      settings: { jid: 'alice@localhost', password: PASSWORD, server: server.host, port: server.c2sPort, security: 'starttls', trustedFingerprint: server.certificateFingerprint256 },
    });
    await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 30_000);
    const roomJid = `lobby@${server.mucDomain}`;
    const room = await running.client.request('conversations.joinRoom', { accountId: account.id, room: roomJid });

    const killed = running.mark();
    server.signal('SIGKILL');
    // The core keeps the account online and says it is resuming (accountConnections.ts).
    await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id
      && e.payload.account.state === 'online' && e.payload.account.resuming !== undefined, 15_000, killed);
    const written = await running.client.request('messages.send', { conversationId: room.id, body: BODY });
    expect(written.status).toBe('sending'); // handed to the plugin, which holds it for after the resumption

    await server.restart();
    const settled = await running.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === written.id
      && (e.payload.message.status === 'sent' || e.payload.message.status === 'failed'), 60_000);
    expect(settled.type === 'message.updated' && { status: settled.payload.message.status, error: settled.payload.message.error }).toEqual({ status: 'sent' });
    // Back in the outbox when the resumption was refused, sent again after the reconnect (and the room's rejoin).
    const statuses = running.events.flatMap((e) => (e.type === 'message.updated' && e.payload.message.id === written.id ? [e.payload.message.status] : []));
    expect(statuses).toEqual(['queued', 'sending', 'sent']);
    const page = await running.client.request('messages.list', { conversationId: room.id, limit: 20 });
    expect(page.filter((m) => m.direction === 'out').map((m) => `${m.body}: ${m.status}`)).toEqual([`${BODY}: sent`]);

    // The other person joins afterwards: the room's history (XEP-0045 §7.2.15) comes before its subject (§7.2.16).
    bob = await connectRawXmppClient({ port: server.directTlsPort, user: 'bob', password: PASSWORD });
    bob.send(`<presence to='${roomJid}/bob'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='20'/></x></presence>`);
    await bob.waitFor(/<subject[\s/>]/, 15_000);
    const shown = bob.received.filter((stanza) => stanza.startsWith('<message') && stanza.includes(`<body>${escapeXml(BODY)}</body>`));
    expect(shown).toHaveLength(1);
  }, 120_000);
});
