/**
 * The IRC server the benchmarks run against, on 127.0.0.1, tuned for floods and crowds:
 * Ergo (as perf.md measured: fakelag, ip-limits and history off, a large sendq) when it
 * can be had through `go install` (test/servers/ergo.ts installs it), otherwise InspIRCd 3
 * from Debian with the same tuning (no fakelag, no command rate limit, a large sendq, no
 * channel history, no clone limits). The report names which one ran.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureErgo, ErgoUnavailableError } from '../../test/servers/ergo.js';
import { replaceYamlBlock, setYamlKey } from '../../test/servers/ergo/yaml.js';
import { INSPIRCD_BINARY, requireInspircd } from '../../test/servers/ergo/inspircd.js';
import { findFreePort } from '../../test/servers/serverProcess.js';
import { connectRawIrcClient } from '../../test/servers/rawIrcClient.js';
import { sleep } from './stats.js';

export interface BenchIrcServer {
  readonly software: string;
  readonly port: number;
  readonly pid: number;
  /** InspIRCd only: a server-link port (spanningtree) that accepts `crowd.bench.local` with LINK_PASSWORD. */
  readonly linkPort?: number;
  /** InspIRCd only: the lines of its log that name `text` (a nick), to say why a receiver stopped getting the flood. */
  logLines?(text: string): string[];
  stop(): Promise<void>;
}

export const LINK_SERVER_NAME = 'crowd.bench.local';
export const LINK_PASSWORD = 'crowdlink';

/** Enough descriptors for 20,000 members plus the receivers. */
const FD_LIMIT = 65_536;
const SENDQ_BYTES = 256 * 1024 * 1024;

function spawnWithLimits(binary: string, args: readonly string[], cwd: string): { child: ChildProcess; output: () => string } {
  // exec keeps the pid: the shell becomes the server after raising its descriptor limit.
  const child = spawn('/bin/sh', ['-c', `ulimit -c 0; ulimit -n ${FD_LIMIT} 2>/dev/null || ulimit -n $(ulimit -Hn); exec "$0" "$@"`, binary, ...args],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => { output = (output + chunk.toString('utf8')).slice(-8_000); };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return { child, output: () => output };
}

async function untilRegistration(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the IRC server exited (${String(child.exitCode)}):\n${output()}`);
    try {
      await (await connectRawIrcClient({ port, nick: `probe${attempt}`, timeoutMs: 3_000 })).close();
      return;
    } catch (error: unknown) {
      if (Date.now() > deadline) throw new Error(`the IRC server did not accept a registration within 20 s: ${String(error)}\n${output()}`);
      await sleep(100);
    }
  }
}

function stopper(child: ChildProcess, dir: string, signal: NodeJS.Signals): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
}

function execText(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { maxBuffer: 16 * 1024 * 1024, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

async function startBenchErgo(binary: string): Promise<BenchIrcServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-ergo-'));
  await chmod(dir, 0o755);
  const port = await findFreePort();
  let text = replaceYamlBlock(await execText(binary, ['defaultconfig']), ['server', 'listeners'], [`"127.0.0.1:${port}": {}`]);
  const set = (keys: readonly string[], value: string): void => { text = setYamlKey(text, keys, value); };
  set(['network', 'name'], 'SwitchboardBench');
  set(['server', 'name'], 'ergo.bench.local');
  set(['server', 'max-sendq'], `${SENDQ_BYTES / 1024 / 1024}M`);
  set(['server', 'ip-limits', 'count'], 'false');
  set(['server', 'ip-limits', 'throttle'], 'false');
  set(['server', 'ip-cloaking', 'enabled'], 'false');
  set(['server', 'sts', 'enabled'], 'false');
  set(['accounts', 'login-throttling', 'enabled'], 'false');
  set(['accounts', 'nick-reservation', 'method'], 'optional');
  set(['accounts', 'registration', 'email-verification', 'enabled'], 'false');
  set(['fakelag', 'enabled'], 'false');
  set(['datastore', 'path'], JSON.stringify(path.join(dir, 'ircd.db')));
  set(['languages', 'enabled'], 'false');
  set(['history', 'enabled'], 'false');
  set(['history', 'persistent', 'enabled'], 'false');
  const conf = path.join(dir, 'ircd.yaml');
  await writeFile(conf, text);
  await execText(binary, ['initdb', '--conf', conf, '--quiet']);
  const { child, output } = spawnWithLimits(binary, ['run', '--conf', conf], dir);
  const stop = stopper(child, dir, 'SIGTERM');
  try {
    await untilRegistration(port, child, output);
  } catch (error: unknown) {
    await stop();
    throw error;
  }
  return { software: 'Ergo', port, pid: child.pid ?? 0, stop };
}

function inspircdConfig(dir: string, port: number, linkPort: number): string {
  const modules = ['spanningtree', 'cap', 'ircv3', 'ircv3_servertime', 'ircv3_msgid', 'ircv3_echomessage', 'ircv3_batch', 'ircv3_labeledresponse',
    'ircv3_ctctags', 'ircv3_accounttag', 'namesx', 'uhnames', 'monitor', 'alltime'];
  return `<server name="irc.bench.local" description="Switchboard benchmark server" id="001" network="SwitchboardBench">
<admin name="bench" nick="bench" email="bench@example.org">
<path configdir="${dir}" datadir="${dir}" logdir="${dir}" moduledir="/usr/lib/inspircd/modules">
<pid file="${path.join(dir, 'inspircd.pid')}">
<bind address="127.0.0.1" port="${port}" type="clients">
<connect name="main" allow="*" timeout="120" pingfreq="600" hardsendq="${SENDQ_BYTES}" softsendq="${SENDQ_BYTES}" recvq="1048576"
  threshold="1000000" commandrate="1000000000" fakelag="no" localmax="1000000" globalmax="1000000"
  maxchans="1000" resolvehostnames="no" useident="no" limit="1000000">
<dns timeout="1">
<options prefixquit="Quit: " syntaxhints="no" announcets="yes" hostintopic="no" pingwarning="15" exemptchanops="">
<security hideserver="" userstats="Pu" customversion="" flatlinks="no" hidesplits="no" hideulines="no" hidebans="no" maxtargets="20">
<performance netbuffersize="65536" somaxconn="4096" softlimit="${FD_LIMIT - 100}" clonesonconnect="no" timeskipwarn="0" quietbursts="yes">
<limits maxnick="30" maxchan="64" maxmodes="20" maxident="11" maxhost="64" maxquit="255" maxtopic="307" maxkick="255" maxreal="128" maxaway="200">
<channels users="1000" opers="1000">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="sparse" target="${path.join(dir, 'ircd.log')}">
${modules.map((name) => `<module name="${name}">`).join('\n')}
<bind address="127.0.0.1" port="${linkPort}" type="servers">
<link name="${LINK_SERVER_NAME}" ipaddr="127.0.0.1" port="${linkPort}" allowmask="127.0.0.0/8" sendpass="${LINK_PASSWORD}" recvpass="${LINK_PASSWORD}" timeout="600">
<uline server="${LINK_SERVER_NAME}" silent="yes">
`;
}

async function startBenchInspircd(): Promise<BenchIrcServer> {
  await requireInspircd();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-inspircd-'));
  await chmod(dir, 0o777);
  const port = await findFreePort();
  let linkPort = await findFreePort();
  while (linkPort === port) linkPort = await findFreePort();
  const conf = path.join(dir, 'inspircd.conf');
  await writeFile(conf, inspircdConfig(dir, port, linkPort));
  const { child, output } = spawnWithLimits(INSPIRCD_BINARY, ['--config', conf, '--nofork', '--nopid', '--runasroot'], dir);
  const stop = stopper(child, dir, 'SIGKILL'); // SIGTERM makes InspIRCd 3.15 dump core (see test/servers/ergo/inspircd.ts)
  try {
    await untilRegistration(port, child, output);
  } catch (error: unknown) {
    await stop();
    throw error;
  }
  const version = await execText(INSPIRCD_BINARY, ['--version']).catch(() => 'InspIRCd');
  const logLines = (text: string): string[] => {
    try {
      return readFileSync(path.join(dir, 'ircd.log'), 'utf8').split('\n').filter((line) => line.includes(text));
    } catch {
      return [];
    }
  };
  return { software: version.trim().split('\n')[0] ?? 'InspIRCd', port, linkPort, pid: child.pid ?? 0, logLines, stop };
}

/** Ergo when it can be installed, otherwise InspIRCd; `why` says why the fallback ran. */
export async function startBenchIrcServer(log: (line: string) => void, prefer: 'ergo' | 'inspircd' = 'ergo'): Promise<BenchIrcServer> {
  if (prefer === 'ergo' && process.env['BENCH_IRC_SERVER'] !== 'inspircd') {
    try {
      return await startBenchErgo(await ensureErgo());
    } catch (error: unknown) {
      if (!(error instanceof ErgoUnavailableError)) throw error;
      log(`Ergo is not available (${error.message.split('\n')[0] ?? ''}); using InspIRCd from Debian with the same tuning.`);
    }
  }
  if (!existsSync(INSPIRCD_BINARY)) log('installing inspircd (Debian) for the IRC benchmarks…');
  return startBenchInspircd();
}
