import { describe, expect, it } from 'vitest';
import { describeProxyError, parseProxyAddress } from './socksProxy.js';

describe('SOCKS5 proxy address', () => {
  it('reads host:port, [v6]:port and socks5:// forms; blank is no proxy', () => {
    expect(parseProxyAddress('127.0.0.1:9050')).toEqual({ host: '127.0.0.1', port: 9050 });
    expect(parseProxyAddress(' socks5h://tor.lan:9150/ ')).toEqual({ host: 'tor.lan', port: 9150 });
    expect(parseProxyAddress('[::1]:1080')).toEqual({ host: '::1', port: 1080 });
    expect(parseProxyAddress('  ')).toBeUndefined();
  });

  it('refuses an address without a port, with a bad port, or with a login in it, in words', () => {
    for (const bad of ['localhost', '127.0.0.1:0', '127.0.0.1:65536', 'user:pw@host:1080', '::1:1080', 'http://proxy:8080', 'a b:1']) {
      expect(parseProxyAddress(bad)).toMatch(/is not a SOCKS5 proxy address: write it as host:port/);
    }
  });
});

describe('SOCKS5 failures in words', () => {
  const proxy = { host: '127.0.0.1', port: 9050 };
  it('names each RFC 1928 reply and each way the proxy itself can fail', () => {
    expect(describeProxyError(proxy, 'Socks5 proxy rejected connection - HostUnreachable')).toBe('the proxy cannot reach that host (or cannot resolve its name)');
    expect(describeProxyError(proxy, 'Socks5 proxy rejected connection - NotAllowed')).toBe('the proxy\'s rules do not allow this connection');
    expect(describeProxyError(proxy, 'Socks5 proxy rejected connection - Weird')).toBe('the proxy refused the connection (Weird)');
    expect(describeProxyError(proxy, 'Socks5 Authentication failed')).toBe('the proxy 127.0.0.1:9050 refused the user name or password');
    expect(describeProxyError(proxy, 'Received invalid Socks5 initial handshake (no accepted authentication type)')).toBe('the proxy 127.0.0.1:9050 requires a user name and password');
    expect(describeProxyError(proxy, 'Proxy connection timed out')).toBe('no answer from the proxy 127.0.0.1:9050');
    expect(describeProxyError(proxy, 'connect ECONNREFUSED 127.0.0.1:9050')).toBe('the proxy 127.0.0.1:9050 is not reachable (connection refused)');
    expect(describeProxyError(proxy, 'Received invalid Socks5 initial handshake response')).toBe('127.0.0.1:9050 does not answer as a SOCKS5 proxy');
  });
});
