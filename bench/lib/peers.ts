/**
 * The Debian packages the benchmarks compare against (weechat-headless, irssi, tmux):
 * installed on first use when we are root (with a policy-rc.d that keeps apt from starting
 * daemons, as test/servers does), otherwise a clear message with the command to run.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';

const PACKAGES: Readonly<Record<string, string>> = {
  'weechat-headless': '/usr/bin/weechat-headless',
  irssi: '/usr/bin/irssi',
  tmux: '/usr/bin/tmux',
  prosody: '/usr/bin/prosody',
};

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: 15 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${stderr.slice(-2000) || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Makes sure the packages are installed; throws with the command to run when it cannot. */
export async function requirePackages(names: readonly string[], log: (line: string) => void): Promise<void> {
  const missing = names.filter((name) => !existsSync(PACKAGES[name] ?? `/usr/bin/${name}`));
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) throw new Error(`${missing.join(', ')} missing: install with \`${command}\` (Debian, as root).`);
  log(`installing ${missing.join(', ')} (Debian)…`);
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) await writeFile(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  const install = (): Promise<string> => run('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  try {
    await install().catch(async () => {
      await run('apt-get', ['update', '-qq']);
      return install();
    });
  } catch (error: unknown) {
    throw new Error(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (ownPolicy) await rm(policy, { force: true });
  }
}
