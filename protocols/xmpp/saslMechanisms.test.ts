import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../api/index.js';
import { chooseMechanism } from './stream/sasl.js';
import { ScramMechanism } from './stream/saslMechanisms.js';

const EJABBERD = ['SCRAM-SHA-512-PLUS', 'SCRAM-SHA-512', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-1', 'X-OAUTH2', 'PLAIN', 'DIGEST-MD5'];

describe('SASL mechanisms through the saslmechanisms factory', () => {
  it('prefers SCRAM-SHA-256, then SCRAM-SHA-1, then PLAIN, whatever order the server lists them in', () => {
    expect(chooseMechanism(EJABBERD, true, false).name).toBe('SCRAM-SHA-256');
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1'], true, false).name).toBe('SCRAM-SHA-1');
    expect(chooseMechanism(['DIGEST-MD5', 'PLAIN'], true, false).name).toBe('PLAIN');
  });

  it('sends PLAIN as RFC 4616 says, and only over TLS unless the user allows it', () => {
    expect(chooseMechanism(['PLAIN'], true, false).response({ username: 'alice', password: 'pw' })).toBe('\u0000alice\u0000pw');
    expect(() => chooseMechanism(['PLAIN'], false, false)).toThrow(/clear text \(SASL PLAIN\) on this unencrypted connection/);
    expect(chooseMechanism(['PLAIN'], false, true).name).toBe('PLAIN');
  });

  it('names what the server offers when nothing fits', () => {
    let error: unknown;
    try {
      chooseMechanism(['DIGEST-MD5', 'X-OAUTH2'], true, false);
    } catch (thrown: unknown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error instanceof ProtocolError && error.kind).toBe('not-supported');
    expect(error instanceof Error && error.message).toBe('The server offers no login method Switchboard supports (it offers: DIGEST-MD5, X-OAUTH2).');
  });

  it('runs a SCRAM exchange through the factory\'s response/challenge interface (the proof: scram.test.ts)', async () => {
    const mechanism = chooseMechanism(['SCRAM-SHA-1'], true, false);
    if (!(mechanism instanceof ScramMechanism)) throw new Error('expected our SCRAM mechanism');
    const first = mechanism.response({ username: 'user', password: 'pencil' });
    const nonce = /r=([^,]+)/.exec(first)?.[1] ?? '';
    mechanism.challenge(`r=${nonce}server,s=QSXCR+Q6sek8bf92,i=4096`);
    await mechanism.prove();
    expect(mechanism.response({ username: 'user', password: 'pencil' })).toMatch(new RegExp(`^c=biws,r=${nonce.replace(/[+/]/g, '\\$&')}server,p=`));
  });
});
