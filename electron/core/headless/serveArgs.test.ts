import { describe, expect, it } from 'vitest';
import { exposureWarning, parseServeArgs } from './serveArgs.js';

describe('serve arguments', () => {
  it('takes public names and a TLS certificate with its key', () => {
    const args = parseServeArgs(['--host', '0.0.0.0', '--public-name', 'chat.home.arpa', '--tls-cert', 'c.pem', '--tls-key', 'k.pem']);
    expect(args.publicNames).toEqual(['chat.home.arpa']);
    expect(args.tls).toEqual({ certFile: 'c.pem', keyFile: 'k.pem' });
    expect(parseServeArgs([]).tls).toBeUndefined();
    expect(() => parseServeArgs(['--tls-cert', 'c.pem'])).toThrow('--tls-cert and --tls-key go together');
    expect(() => parseServeArgs(['--public-name', 'http://chat.home.arpa/'])).toThrow('--public-name takes a host name');
  });

  it('warns beyond loopback, and says the traffic is in clear text until TLS is given', () => {
    expect(exposureWarning('127.0.0.1', false)).toBeUndefined();
    expect(exposureWarning('::1', false)).toBeUndefined();
    expect(exposureWarning('0.0.0.0', false)).toMatch(/in clear text: give --tls-cert FILE --tls-key FILE/);
    expect(exposureWarning('0.0.0.0', true)).toMatch(/anyone who can reach it/);
    expect(exposureWarning('0.0.0.0', true)).not.toMatch(/clear text/);
  });
});
