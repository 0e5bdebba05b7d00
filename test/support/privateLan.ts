/**
 * A private Ethernet for link-local tests, so that their multicast DNS never reaches the
 * machine's real network: a hub network namespace holding a bridge, and one namespace per
 * host, each with loopback and an `eth0` (a veth pair to the bridge, created straight inside
 * the namespaces) addressed 10.77.0.N/24, with multicast (224.0.0.0/4) routed on it. Needs
 * root (`ip netns`), as `npm test` runs. A program runs on a host through `ip netns exec`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const IP = '/usr/sbin/ip';

export interface LanHost {
  /** The namespace's name, for `ip netns exec`. */
  readonly namespace: string;
  readonly address: string;
  /** The command prefix that runs a program on this host. */
  readonly exec: readonly string[];
}

export interface PrivateLan {
  readonly hosts: readonly LanHost[];
  remove(): void;
}

function ip(...args: string[]): void {
  execFileSync(IP, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Why namespaces cannot be made here, in words, or undefined when they can. */
export function privateLanUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces exist on Linux only';
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root (npm test runs as root, as CI does)';
  try {
    execFileSync(IP, ['netns', 'list'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return `${IP} (iproute2) is missing or cannot list network namespaces`;
  }
}

export function createPrivateLan(count: number): PrivateLan {
  const prefix = `sblan${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const hub = `${prefix}-hub`;
  const created: string[] = [];
  const remove = (): void => {
    for (const namespace of created.splice(0).reverse()) {
      try {
        ip('netns', 'del', namespace);
      } catch {
        // Already gone.
      }
    }
  };
  try {
    ip('netns', 'add', hub);
    created.push(hub);
    ip('-n', hub, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', hub, 'link', 'set', 'br0', 'up');
    const hosts: LanHost[] = [];
    for (let index = 0; index < count; index++) {
      const namespace = `${prefix}-${index}`;
      const address = `10.77.0.${index + 1}`;
      ip('netns', 'add', namespace);
      created.push(namespace);
      ip('link', 'add', `h${index}`, 'netns', hub, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace);
      ip('-n', hub, 'link', 'set', `h${index}`, 'master', 'br0', 'up');
      ip('-n', namespace, 'link', 'set', 'lo', 'up');
      ip('-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
      ip('-n', namespace, 'link', 'set', 'eth0', 'up');
      ip('-n', namespace, 'route', 'add', '224.0.0.0/4', 'dev', 'eth0');
      hosts.push({ namespace, address, exec: [IP, 'netns', 'exec', namespace] });
    }
    return { hosts, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * A program that runs this Node on `host` (for a sandboxed plugin's `execPath`): the core
 * forks it with Node's arguments, and `ip netns exec` keeps the IPC channel's descriptor.
 */
export function nodeOnHost(host: LanHost, dir: string): string {
  const file = join(dir, `node-on-${host.namespace}`);
  writeFileSync(file, `#!/bin/sh\nexec ${host.exec.join(' ')} ${process.execPath} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}
