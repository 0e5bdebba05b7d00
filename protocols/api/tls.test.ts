import { describe, expect, it } from 'vitest';
import { certificateDetailOf, describeCertificateProblem, describeNetworkError, isCertificateErrorCode, sameFingerprint } from './tls.js';

const FINGERPRINT = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

describe('TLS helpers for plugins', () => {
  it('compares SHA-256 fingerprints whatever their case and separators, and never a short one', () => {
    expect(sameFingerprint(FINGERPRINT, FINGERPRINT.replace(/:/g, '').toLowerCase())).toBe(true);
    expect(sameFingerprint(FINGERPRINT, FINGERPRINT.replace(/:/g, ' '))).toBe(true);
    expect(sameFingerprint(FINGERPRINT, FINGERPRINT.replace(/^AB/, 'AC'))).toBe(false);
    expect(sameFingerprint('AB:CD', 'abcd')).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
  });

  it('describes a certificate from its common name, its organisation or its first alternative name', () => {
    expect(certificateDetailOf({
      fingerprint256: FINGERPRINT, subject: { CN: ['irc.example.org', 'other'] }, issuer: { O: 'Example CA' }, valid_to: 'Jan  1 00:00:00 2030 GMT',
    }, 'DEPTH_ZERO_SELF_SIGNED_CERT')).toEqual({
      fingerprint256: FINGERPRINT, subject: 'irc.example.org', issuer: 'Example CA', reason: 'DEPTH_ZERO_SELF_SIGNED_CERT', validTo: Date.UTC(2030, 0, 1),
    });
    const noNames = certificateDetailOf({ fingerprint256: FINGERPRINT, subject: {}, subjectaltname: 'DNS:chat.example.org, IP Address:127.0.0.1', valid_to: 'garbage' }, 'X');
    expect(noNames).toEqual({ fingerprint256: FINGERPRINT, subject: 'chat.example.org', issuer: '', reason: 'X' });
  });

  it('has nothing to show when the server presented no certificate (Node gives an empty object)', () => {
    expect(certificateDetailOf({}, 'X')).toBeUndefined();
    expect(certificateDetailOf({ fingerprint256: '' }, 'X')).toBeUndefined();
  });

  it('puts a verification failure in words, and keeps an unknown code as it is', () => {
    expect(describeCertificateProblem('irc.example.org', 'DEPTH_ZERO_SELF_SIGNED_CERT'))
      .toBe('The TLS certificate of irc.example.org could not be verified: it is self-signed.');
    expect(describeCertificateProblem('irc.example.org', 'ERR_TLS_CERT_ALTNAME_INVALID'))
      .toBe('The TLS certificate of irc.example.org could not be verified: it is not made out for irc.example.org.');
    expect(describeCertificateProblem('x.org', 'SOMETHING_NEW')).toBe('The TLS certificate of x.org could not be verified: SOMETHING_NEW.');
  });

  it('tells certificate failures from network failures', () => {
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      expect(isCertificateErrorCode(code)).toBe(true);
    }
    for (const code of ['ECONNREFUSED', 'ECONNRESET', undefined, '']) expect(isCertificateErrorCode(code)).toBe(false);
  });

  it('puts a socket error in words', () => {
    const error = (code: string): Error & { code: string } => Object.assign(new Error(`raw ${code}`), { code });
    expect(describeNetworkError(error('ECONNREFUSED'))).toBe('the connection was refused (is the server running on that port?)');
    expect(describeNetworkError(error('EAI_AGAIN'))).toBe('the host name could not be resolved');
    expect(describeNetworkError(error('EWHATEVER'))).toBe('raw EWHATEVER');
    expect(describeNetworkError(undefined)).toBe('the connection closed');
  });
});
