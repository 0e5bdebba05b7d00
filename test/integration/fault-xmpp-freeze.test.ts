/**
 * Issue 6 for XMPP: Prosody frozen with SIGSTOP (the socket goes silent, nothing closes)
 * for longer than the account's ping timeout, then SIGCONT. The keep-alive (XEP-0198 `<r/>`
 * unanswered) must drop the connection and say why, the session must be resumed
 * (XEP-0198 §5) once the server is back, and a message another client sent while the
 * account was away must be shown exactly once.
 *
 * At the plugin level (TestAccount, as the core drives it): the "reconnecting" asserted
 * here is the plugin's connection.state event, which the core shows on the still-online
 * account as "Online, resuming the session…" (core-plugins.test.ts).
 * Keep-alive in seconds (probe after 1 s of silence, give up after 3 s); defaults 60 s / 120 s.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { escapeXml, startXmppKit, type RawXmppClient, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const PING_INTERVAL_S = 1;
const PING_TIMEOUT_S = 3;
let kit: XmppKit | undefined;
afterAll(async () => {
  kit?.prosody.signal('SIGCONT');
  await kit?.stop();
});

function chat(from: RawXmppClient, to: string, body: string): void {
  from.send(`<message to='${to}' type='chat' id='${escapeXml(body.replace(/\W/g, '-'))}'><body>${escapeXml(body)}</body></message>`);
}

describe('fault: XMPP server frozen (SIGSTOP) longer than the ping timeout', () => {
  it('notices, says why, resumes the session after SIGCONT, and shows what was said meanwhile exactly once', async () => {
    kit = await startXmppKit();
    const prosody = kit.prosody;
    const alice = await kit.online('alice', { pingInterval: PING_INTERVAL_S, pingTimeout: PING_TIMEOUT_S });
    const bob = await kit.raw('bob');
    chat(bob, 'alice@localhost', 'before the freeze');
    await alice.waitForMessage('the message before the freeze', (m) => m.body === 'before the freeze');

    const frozenAt = Date.now();
    prosody.signal('SIGSTOP');
    try {
      const lost = await alice.waitForEvent('connection.state', (e) => e.state === 'reconnecting');
      const noticedMs = Date.now() - frozenAt;
      expect(lost.error).toEqual({
        kind: 'network',
        message: `The connection to localhost was lost: no answer from the server for ${PING_TIMEOUT_S} s (ping timeout).`,
      });
      // Said while alice is away: it waits in the frozen server's socket buffer.
      chat(bob, 'alice@localhost', 'said while alice was away');

      const thawedAt = Date.now();
      prosody.signal('SIGCONT');
      await alice.waitFor('alice back online after the freeze', () => {
        const states = alice.states;
        return states.lastIndexOf('online') > states.lastIndexOf('reconnecting') ? true : undefined;
      });
      const resumedMs = Date.now() - thawedAt;

      chat(bob, 'alice@localhost', 'after the thaw');
      await alice.waitForMessage('the message after the thaw', (m) => m.body === 'after the thaw');
      const bodies = alice.received().map((m) => m.body);
      expect(bodies.filter((b) => b === 'said while alice was away')).toHaveLength(1);
      expect(bodies.filter((b) => b === 'before the freeze')).toHaveLength(1);
      expect(bodies.indexOf('said while alice was away')).toBeLessThan(bodies.indexOf('after the thaw'));
      // Resumed, not logged in again: the states never left the session.
      expect(alice.states).not.toContain('failed');
      console.log(`XMPP freeze (Prosody, probe after ${PING_INTERVAL_S} s, timeout ${PING_TIMEOUT_S} s): `
        + `noticed after ${(noticedMs / 1000).toFixed(1)} s, session resumed ${(resumedMs / 1000).toFixed(1)} s after SIGCONT; `
        + `states ${JSON.stringify(alice.states)}; messages shown: ${JSON.stringify(bodies)}`);
    } finally {
      prosody.signal('SIGCONT');
    }
  });
});
