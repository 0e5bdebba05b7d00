import { describe, expect, it } from 'vitest';
import { ScramClient } from './scram.js';

describe('SCRAM', () => {
  it('computes the RFC 5802 §5 example (SCRAM-SHA-1)', async () => {
    const client = new ScramClient('sha1', 'user', 'pencil', 'fyko+d2lbbFgONRv9qkxdawL');
    expect(client.clientFirst()).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    const final = await client.clientFinal('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
    expect(final).toBe('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
    expect(client.verifyServerFinal('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=')).toBe(true);
    expect(client.verifyServerFinal('v=AAAApqV8S7suAoZWja4dJRkFsKQ=')).toBe(false);
  });

  it('computes the RFC 7677 §3 example (SCRAM-SHA-256)', async () => {
    const client = new ScramClient('sha256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    const final = await client.clientFinal('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096');
    expect(final).toBe('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    expect(client.verifyServerFinal('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')).toBe(true);
  });

  it('refuses a nonce the client did not start, and absurd iteration counts', async () => {
    const client = new ScramClient('sha1', 'user', 'pencil', 'abc');
    await expect(client.clientFinal('r=xyz123,s=QSXCR+Q6sek8bf92,i=4096')).rejects.toThrow(/nonce/);
    await expect(new ScramClient('sha1', 'u', 'p', 'abc').clientFinal('r=abcdef,s=QSXCR+Q6sek8bf92,i=99999999')).rejects.toThrow(/iteration/);
  });
});
