/**
 * Roster and presence against a real Prosody (RFC 6121): adding, renaming, regrouping and
 * removing contacts, subscription requests approved and declined (and not flooding),
 * presence in and out, the roster at login, and blocking (XEP-0191).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

describe('XMPP contacts and presence', () => {
  let kit: XmppKit;
  beforeAll(async () => {
    kit = await startXmppKit();
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('add → request → accept both ways → presence; rename, regroup, remove; the roster at the next login', async () => {
    const alice = await kit.online('alice');
    const bob = await kit.online('bob');

    if (!alice.connection.addContact || !alice.connection.updateContact || !alice.connection.removeContact) throw new Error('no contact management');
    await alice.connection.addContact({ id: 'Bob@localhost', displayName: 'Bobby', groups: ['Friends'] });
    const added = await alice.waitForEvent('contact.upserted', (e) => e.contact.id === 'bob@localhost' && e.contact.subscription === 'pending-out');
    expect(added.contact.displayName).toBe('Bobby');
    expect(added.contact.groups).toEqual(['Friends']);

    const request = await bob.waitForEvent('request.raised', (e) => e.request.kind === 'subscription' && e.request.fromId === 'alice@localhost');
    expect(request.request.title).toMatch(/alice@localhost wants to add you/);
    if (!bob.connection.answerRequest) throw new Error('no answerRequest');
    await bob.connection.answerRequest(request.request.id, 'accept');
    await bob.waitForEvent('request.closed', (e) => e.requestId === request.request.id);

    // Bob asked back: alice approves, and both see each other.
    const back = await alice.waitForEvent('request.raised', (e) => e.request.fromId === 'bob@localhost');
    if (!alice.connection.answerRequest) throw new Error('no answerRequest');
    await alice.connection.answerRequest(back.request.id, 'accept');
    await alice.waitForEvent('contact.upserted', (e) => e.contact.id === 'bob@localhost' && e.contact.subscription === 'both');
    await bob.waitForEvent('contact.upserted', (e) => e.contact.id === 'alice@localhost' && e.contact.subscription === 'both');
    await alice.waitForEvent('presence.changed', (e) => e.contactId === 'bob@localhost' && e.presence.status === 'available');

    // Presence out: show and status reach the contact.
    if (!bob.connection.setPresence) throw new Error('no setPresence');
    await bob.connection.setPresence({ status: 'away', message: 'in a meeting' });
    await alice.waitForEvent('presence.changed', (e) => e.contactId === 'bob@localhost' && e.presence.status === 'away' && e.presence.message === 'in a meeting');
    await bob.connection.setPresence({ status: 'busy' });
    await alice.waitForEvent('presence.changed', (e) => e.contactId === 'bob@localhost' && e.presence.status === 'busy');

    await alice.connection.updateContact({ id: 'bob@localhost', displayName: 'Robert', groups: ['Work', 'Friends'] });
    await alice.waitForEvent('contact.upserted', (e) => e.contact.id === 'bob@localhost' && e.contact.displayName === 'Robert'
      && [...(e.contact.groups ?? [])].sort().join(',') === 'Friends,Work');

    // A second login finds the roster on the server.
    const aliceAgain = await kit.online('alice', { resource: 'second' });
    const loaded = await aliceAgain.waitForEvent('contact.upserted', (e) => e.contact.id === 'bob@localhost');
    expect(loaded.contact).toMatchObject({ displayName: 'Robert', subscription: 'both' });
    await aliceAgain.waitForEvent('presence.changed', (e) => e.contactId === 'bob@localhost' && e.presence.status === 'busy');

    const beforeRemoval = alice.events.length;
    await alice.connection.removeContact('bob@localhost');
    await alice.waitForEvent('contact.removed', (e) => e.contactId === 'bob@localhost');
    await aliceAgain.waitForEvent('contact.removed', (e) => e.contactId === 'bob@localhost');
    // No presence follows a removed contact (the subscription is gone): what we knew is dropped.
    await alice.waitFor('bob shown offline after the removal', () => alice.events.slice(beforeRemoval)
      .find((e) => e.type === 'presence.changed' && e.contactId === 'bob@localhost' && e.presence.status === 'offline'));
    await kit.closeAll();
  });

  it('a contact spamming subscription requests raises one request; declining tells them', async () => {
    const dora = await kit.online('dora');
    const mallory = await kit.raw('mallory');
    for (let i = 0; i < 100; i++) mallory.send(`<presence to='dora@localhost' type='subscribe'><status>please ${i}</status></presence>`);
    mallory.send('<message to=\'dora@localhost\' type=\'chat\' id=\'sentinel\'><body>sentinel</body></message>');
    await dora.waitForMessage('mallory\'s sentinel', (m) => m.body === 'sentinel');
    expect(count(dora, 'request.raised', (e) => e.request.fromId === 'mallory@localhost')).toBe(1);

    if (!dora.connection.answerRequest) throw new Error('no answerRequest');
    await dora.connection.answerRequest('subscription:mallory@localhost', 'decline');
    await mallory.waitFor(/<presence [^>]*type=['"]unsubscribed['"]/);
    await expect(dora.connection.answerRequest('subscription:mallory@localhost', 'accept')).rejects.toThrow(/no open request/);
    await kit.closeAll();
  });

  it('answers service discovery with its features and XEP-0115 caps; unknown requests get service-unavailable', async () => {
    const zoe = await kit.online('zoe', { resource: 'desk' });
    const probe = await kit.raw('yann');
    const pong = await probe.iq(`<iq type='get' to='zoe@localhost/desk'><ping xmlns='urn:xmpp:ping'/></iq>`);
    expect(pong).toMatch(/type=['"]result['"]/);
    const info = await probe.iq(`<iq type='get' to='zoe@localhost/desk'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`);
    for (const feature of ['urn:xmpp:receipts', 'urn:xmpp:chat-markers:0', 'urn:xmpp:message-correct:0', 'urn:xmpp:reactions:0', 'http://jabber.org/protocol/chatstates']) {
      expect(info).toContain(`var='${feature}'`);
    }
    const unknown = await probe.iq(`<iq type='get' to='zoe@localhost/desk'><query xmlns='urn:example:nothing'/></iq>`);
    expect(unknown).toMatch(/type=['"]error['"][\s\S]*<service-unavailable/);
    // Our presence carries caps whose node#ver answers disco#info (XEP-0115 §6.2).
    if (!zoe.connection.addContact) throw new Error('no addContact');
    probe.send(`<presence to='zoe@localhost' type='subscribe'/>`);
    const request = await zoe.waitForEvent('request.raised', (e) => e.request.fromId === 'yann@localhost');
    if (!zoe.connection.answerRequest) throw new Error('no answerRequest');
    await zoe.connection.answerRequest(request.request.id, 'accept');
    const withCaps = await probe.waitFor(/<presence [^>]*from=['"]zoe@localhost\/desk['"][\s\S]*<c [^>]*ver=/);
    const node = /node=['"]([^'"]+)['"]/.exec(withCaps)?.[1] ?? '';
    const ver = /ver=['"]([^'"]+)['"]/.exec(withCaps)?.[1] ?? '';
    const byCaps = await probe.iq(`<iq type='get' to='zoe@localhost/desk'><query xmlns='http://jabber.org/protocol/disco#info' node='${node}#${ver}'/></iq>`);
    expect(byCaps).toMatch(/type=['"]result['"]/);
    expect(byCaps).toContain("var='urn:xmpp:receipts'");
    await kit.closeAll();
  });

  it('blocks and unblocks (XEP-0191)', async () => {
    const erin = await kit.online('erin');
    const troll = await kit.raw('troll');
    if (!erin.connection.setBlocked) throw new Error('no setBlocked');
    await erin.connection.setBlocked('troll@localhost', true);
    troll.send('<message to=\'erin@localhost\' type=\'chat\' id=\'blocked-1\'><body>you cannot see me</body></message>');
    await troll.waitFor(/<message [^>]*type=['"]error['"][^>]*id=['"]blocked-1['"]|id=['"]blocked-1['"][^>]*type=['"]error['"]/);
    await erin.connection.setBlocked('troll@localhost', false);
    troll.send('<message to=\'erin@localhost\' type=\'chat\' id=\'unblocked\'><body>now you can</body></message>');
    await erin.waitForMessage('the unblocked message', (m) => m.body === 'now you can');
    expect(erin.received().some((m) => m.body === 'you cannot see me')).toBe(false);
    await expect(erin.connection.setBlocked('not a jid', true)).rejects.toThrow(/not an XMPP address/);
    await kit.closeAll();
  });
});
