/**
 * A self-signed certificate stops the connection with its fingerprint; the user can trust
 * exactly that certificate for that account (through the core, with the real IRC plugin
 * and a real ngIRCd over TLS), and nothing else: a changed certificate is refused again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { join } from 'node:path';

let irc: RunningIrcServer | undefined;
let other: RunningIrcServer | undefined;
let core: InProcessCore | undefined;
afterAll(async () => {
  await core?.close();
  await irc?.stop();
  await other?.stop();
});

describe('certificate trust', () => {
  it('pins only the fingerprint the account was refused for, then connects', async () => {
    irc = await startNgircd({ tls: true });
    core = await startInProcessCore([join(BUILT_PLUGINS, 'irc')]);
    const running = core;
    const account = await running.client.request('accounts.add', {
      pluginId: 'irc', settings: { server: '127.0.0.1', port: irc.tlsPort ?? 0, tls: true, nick: 'careful' },
    });
    const refused = await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'failed');
    const error = refused.type === 'account.changed' ? refused.payload.account.error : undefined;
    expect(error?.kind).toBe('certificate');
    expect(error?.certificate?.fingerprint256).toBe(irc.certificateFingerprint256);

    const wrongFingerprint = 'AA:'.repeat(31) + 'AA';
    await expect(running.client.request('accounts.trustCertificate', { accountId: account.id, fingerprint256: wrongFingerprint }))
      .rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(running.client.request('accounts.trustCertificate', { accountId: account.id, fingerprint256: 'not a fingerprint' }))
      .rejects.toMatchObject({ kind: 'invalid-request' });

    const trusted = await running.client.request('accounts.trustCertificate', { accountId: account.id, fingerprint256: error?.certificate?.fingerprint256 ?? '' });
    expect(trusted.settings['trustedFingerprint']).toBe(irc.certificateFingerprint256);
    await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');

    // The server's certificate changes (here: the same host now answers with another
    // self-signed certificate): the pin does not cover it, the user is asked again.
    const changed = await startNgircd({ tls: true });
    other = changed;
    expect(changed.certificateFingerprint256).not.toBe(irc.certificateFingerprint256);
    const before = running.events.length;
    await running.client.request('accounts.update', {
      accountId: account.id, settings: { server: '127.0.0.1', port: changed.tlsPort ?? 0, tls: true, nick: 'careful', trustedFingerprint: irc.certificateFingerprint256 ?? '' },
    });
    const refusedAgain = await running.waitForEvent((e) => running.events.indexOf(e) >= before && e.type === 'account.changed'
      && e.payload.account.id === account.id && e.payload.account.state === 'failed');
    const again = refusedAgain.type === 'account.changed' ? refusedAgain.payload.account.error : undefined;
    expect(again?.kind).toBe('certificate');
    expect(again?.certificate?.fingerprint256).toBe(changed.certificateFingerprint256);
  });
});
