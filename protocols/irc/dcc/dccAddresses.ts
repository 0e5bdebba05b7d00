/**
 * Which addresses a DCC offer may make us connect to. An offer names any host and port, and
 * accepting it opens a TCP connection from this computer: an offer naming 127.0.0.1 or a
 * LAN address would let a stranger on IRC make the app knock on services that only trust
 * the local machine or network (a router's admin page, a database; the "DCC to localhost"
 * trick). So loopback, private (RFC 1918, RFC 4193), link-local, shared (RFC 6598) and
 * unspecified addresses are refused unless the account allows local addresses (two people
 * on one LAN, or a test).
 */
import { BlockList, isIP } from 'node:net';

const LOCAL = new BlockList();
LOCAL.addSubnet('0.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('10.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('100.64.0.0', 10, 'ipv4');
LOCAL.addSubnet('127.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LOCAL.addSubnet('172.16.0.0', 12, 'ipv4');
LOCAL.addSubnet('192.168.0.0', 16, 'ipv4');
LOCAL.addSubnet('224.0.0.0', 3, 'ipv4');
LOCAL.addAddress('::', 'ipv6');
LOCAL.addAddress('::1', 'ipv6');
LOCAL.addSubnet('fc00::', 7, 'ipv6');
LOCAL.addSubnet('fe80::', 10, 'ipv6');
LOCAL.addSubnet('ff00::', 8, 'ipv6');

export function isLocalAddress(host: string): boolean {
  const family = isIP(host);
  if (family === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host)?.[1];
  if (mapped !== undefined) return LOCAL.check(mapped, 'ipv4');
  return LOCAL.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why an offer from `host` is refused, or undefined when it may be accepted. */
export function addressRefusal(host: string, allowLocal: boolean): string | undefined {
  if (allowLocal || !isLocalAddress(host)) return undefined;
  return `it points to ${host}, an address of this computer or a local network, which a stranger could use to reach services that trust only local connections (allow local addresses in the account's DCC settings if you are on the same network)`;
}
