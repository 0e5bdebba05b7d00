import { describe, expect, it } from 'vitest';
import type { PluginView } from '../../electron/bridge/schemas.js';
import { certificateHost, trustableCertificate } from './certificateTrust.js';
import { account, ircPlugin, richPlugin } from './testData.js';

const fingerprint = Array.from({ length: 32 }, (_, index) => index.toString(16).padStart(2, '0').toUpperCase()).join(':');
const certificate = { fingerprint256: fingerprint, subject: 'CN=irc.example', issuer: 'CN=irc.example', reason: 'self-signed certificate' };
const pinning: PluginView = { ...ircPlugin, accountFields: [...ircPlugin.accountFields, { kind: 'text', key: 'trustedFingerprint', label: 'Trusted fingerprint' }] };
const refused = account({ state: 'failed', settings: { server: 'irc.example', nick: 'alice' }, error: { kind: 'certificate', message: 'Untrusted certificate', certificate } });

describe('certificate trust', () => {
  it('is offered for a certificate error with a fingerprint, when the plugin takes a pinned fingerprint', () => {
    expect(trustableCertificate(refused, pinning)).toEqual(certificate);
    expect(trustableCertificate(refused, ircPlugin)).toBeUndefined();
    expect(trustableCertificate(refused, undefined)).toBeUndefined();
    expect(trustableCertificate(account({ error: { kind: 'network', message: 'down', certificate } }), pinning)).toBeUndefined();
    expect(trustableCertificate(account({ error: { kind: 'certificate', message: 'bad' } }), pinning)).toBeUndefined();
    const odd = { ...certificate, fingerprint256: 'not a fingerprint' };
    expect(trustableCertificate(account({ error: { kind: 'certificate', message: 'bad', certificate: odd } }), pinning)).toBeUndefined();
  });

  it('names the host: the server setting, else the domain of the account\'s address', () => {
    expect(certificateHost(refused, pinning)).toBe('irc.example');
    expect(certificateHost(account({ settings: { jid: 'alice@xmpp.example/phone' } }), richPlugin)).toBe('xmpp.example');
    expect(certificateHost(account({ settings: { jid: 'alice' } }), richPlugin)).toBeUndefined();
    expect(certificateHost(account({ settings: { server: '  ' } }), undefined)).toBeUndefined();
  });
});
