import { describe, expect, it } from 'vitest';
import { decodeAddress, encodeAddress, formatResume, formatSend, parseDcc } from './dccMessages.js';
import { addressRefusal, isLocalAddress } from './dccAddresses.js';

describe('DCC messages (modern.ircdocs.horse/dcc)', () => {
  it('reads SEND offers: integer IPv4, IPv6, quoted names, passive with a token', () => {
    expect(parseDcc('DCC SEND report.pdf 3232235777 5000 1234')).toEqual({ type: 'SEND', name: 'report.pdf', host: '192.168.1.1', port: 5000, size: 1234 });
    expect(parseDcc('DCC SEND "my file.txt" 2001:db8::1 6000 10')).toEqual({ type: 'SEND', name: 'my file.txt', host: '2001:db8::1', port: 6000, size: 10 });
    expect(parseDcc('DCC SEND f 16909060 0 99 42')).toEqual({ type: 'SEND', name: 'f', host: '1.2.3.4', port: 0, size: 99, token: '42' });
    expect(parseDcc('dcc send f 16909060 5000')).toEqual({ type: 'SEND', name: 'f', host: '1.2.3.4', port: 5000, size: undefined });
  });

  it('drops what cannot be a SEND: bad address, port, size, or port 0 without a token', () => {
    for (const text of ['DCC SEND f 4294967296 5000 1', 'DCC SEND f 1.2.3.4 5000 1', 'DCC SEND f 16909060 70000 1', 'DCC SEND f 16909060 5000 -1',
      'DCC SEND f 16909060 0 10', 'DCC SEND', 'DCC CHAT talk 16909060 5000', 'DCC CHAT chat 16909060 0', 'VERSION']) {
      expect(parseDcc(text), text).toBeUndefined();
    }
  });

  it('reads CHAT offers, passive ones with their token', () => {
    expect(parseDcc('DCC CHAT chat 2130706433 5000')).toEqual({ type: 'CHAT', host: '127.0.0.1', port: 5000 });
    expect(parseDcc('DCC CHAT CHAT 2130706433 0 12')).toEqual({ type: 'CHAT', host: '127.0.0.1', port: 0, token: '12' });
  });

  it('reads and writes RESUME and ACCEPT, with the passive token', () => {
    expect(parseDcc('DCC RESUME "a b" 5000 1024')).toEqual({ type: 'RESUME', name: 'a b', port: 5000, position: 1024 });
    expect(parseDcc('DCC ACCEPT file 0 1024 7')).toEqual({ type: 'ACCEPT', name: 'file', port: 0, position: 1024, token: '7' });
    expect(formatResume('RESUME', { name: 'a b', port: 5000, position: 1024 })).toBe('DCC RESUME "a b" 5000 1024');
    expect(formatResume('ACCEPT', { name: 'f', port: 0, position: 3, token: '9' })).toBe('DCC ACCEPT f 0 3 9');
  });

  it('writes SEND offers that read back the same; a quote in a name cannot break the line', () => {
    const offer = { name: 'to weechat.bin', host: '203.0.113.7', port: 5001, size: 262144 };
    expect(formatSend(offer)).toBe('DCC SEND "to weechat.bin" 3405803783 5001 262144');
    expect(parseDcc(formatSend(offer))).toEqual({ type: 'SEND', ...offer });
    expect(formatSend({ name: 'a"b', host: '::1', port: 0, size: 1, token: '5' })).toBe('DCC SEND a_b ::1 0 1 5');
    expect(decodeAddress(encodeAddress('255.255.255.255'))).toBe('255.255.255.255');
  });
});

describe('DCC addresses', () => {
  it('counts loopback, private, link-local and shared addresses as local, public ones not', () => {
    for (const host of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.1.1', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', 'not-an-ip']) {
      expect(isLocalAddress(host), host).toBe(true);
    }
    for (const host of ['203.0.113.7', '8.8.8.8', '2001:db8::1', '172.32.0.1']) expect(isLocalAddress(host), host).toBe(false);
  });

  it('says why a local address is refused, unless the account allows local addresses', () => {
    expect(addressRefusal('127.0.0.1', false)).toMatch(/^it points to 127\.0\.0\.1, an address of this computer or a local network/);
    expect(addressRefusal('127.0.0.1', true)).toBeUndefined();
    expect(addressRefusal('203.0.113.7', false)).toBeUndefined();
  });
});
