/**
 * The IRCv3 test server used when Ergo cannot be installed (servers.md's documented
 * fallback): InspIRCd 3 from Debian with its IRCv3 modules, linked to Atheme services
 * for accounts and SASL. Both run on 127.0.0.1 with free ports and a throw-away folder.
 *
 * What it offers: sasl (PLAIN, EXTERNAL), server-time, echo-message, labeled-response,
 * message-tags, msgid, batch, away-notify, account-notify, extended-join, multi-prefix,
 * userhost-in-names, invite-notify, cap-notify, MONITOR, and channel history replayed on
 * join (chanhistory, as a `chathistory` batch). Not the CHATHISTORY command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectRawIrcClient } from '../rawIrcClient.js';
import { BULK_SERVER_NAME, linkBulkUsers } from './bulkUsers.js';
import { makeCertificate, run } from '../ngircd.js';
import { findFreePort } from '../serverProcess.js';

export const INSPIRCD_BINARY = '/usr/sbin/inspircd';
export const ATHEME_BINARY = '/usr/bin/atheme-services';
const ATHEME_MODULES = '/usr/lib/x86_64-linux-gnu/atheme/modules';
const SERVICES_NAME = 'services.test.local';

export interface ProcessHandle {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Spawn a server in the foreground, keeping the last 8 kB of its output for error messages. */
export function spawnServer(binary: string, args: readonly string[], cwd: string, asUser?: { uid: number; gid: number }, stopSignal: NodeJS.Signals = 'SIGTERM'): ProcessHandle {
  // No core dumps (InspIRCd may crash on SIGTERM), and none in the work tree if one is made anyway.
  const child = spawn('/bin/sh', ['-c', 'ulimit -c 0; exec "$0" "$@"', binary, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(asUser ?? {}) });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // A test process that dies (timeout, crash) must not leave servers behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    process.off('exit', killOnExit);
    resolve();
  }));
  return {
    child,
    output: () => output,
    async stop(): Promise<void> {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(stopSignal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function inspircdConfig(o: { dir: string; port: number; tlsPort: number; linkPort: number; certFile: string; keyFile: string; password: string }): string {
  const modules = [
    'cap', 'ircv3', 'ircv3_accounttag', 'ircv3_batch', 'ircv3_capnotify', 'ircv3_chghost', 'ircv3_ctctags',
    'ircv3_echomessage', 'ircv3_invitenotify', 'ircv3_labeledresponse', 'ircv3_msgid', 'ircv3_servertime',
    'monitor', 'namesx', 'uhnames', 'setname', 'chanhistory', 'ssl_gnutls', 'sslinfo', 'spanningtree',
    'services_account', 'sasl', 'alltime', 'botmode',
  ];
  return `<server name="irc.ircv3.test" description="Switchboard IRCv3 test server" id="001" network="SwitchboardTest">
<admin name="test" nick="test" email="test@example.org">
<path configdir="${o.dir}" datadir="${o.dir}" logdir="${o.dir}" moduledir="/usr/lib/inspircd/modules">
<pid file="${path.join(o.dir, 'inspircd.pid')}">
<sslprofile name="test" provider="gnutls" certfile="${o.certFile}" keyfile="${o.keyFile}" dhfile="" requestclientcert="yes">
<bind address="127.0.0.1" port="${o.port}" type="clients">
<bind address="127.0.0.1" port="${o.tlsPort}" type="clients" sslprofile="test">
<bind address="127.0.0.1" port="${o.linkPort}" type="servers">
<connect name="main" allow="*" timeout="60" pingfreq="120" hardsendq="16M" softsendq="16M" recvq="64K"
  threshold="100000" commandrate="100000000" fakelag="no" localmax="100000" globalmax="100000"
  maxchans="500" resolvehostnames="no" useident="no" limit="100000">
<dns timeout="1">
<options prefixquit="Quit: " syntaxhints="no" announcets="yes" hostintopic="no" pingwarning="15" exemptchanops="">
<security hideserver="" userstats="Pu" customversion="" flatlinks="no" hidesplits="no" hideulines="no" hidebans="no" maxtargets="20">
<performance netbuffersize="65534" somaxconn="1024" softlimit="100000" clonesonconnect="no" timeskipwarn="0" quietbursts="yes">
<limits maxnick="30" maxchan="64" maxmodes="20" maxident="11" maxhost="64" maxquit="255" maxtopic="307" maxkick="255" maxreal="128" maxaway="200">
<channels users="500" opers="500">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="sparse" target="${path.join(o.dir, 'ircd.log')}">
${modules.map((name) => `<module name="${name}">`).join('\n')}
<chanhistory maxlines="100" prefixmsg="no" notice="no" bots="yes">
<monitor maxentries="100">
<link name="${SERVICES_NAME}" ipaddr="127.0.0.1" port="${o.linkPort}" allowmask="127.0.0.0/8" sendpass="${o.password}" recvpass="${o.password}">
<uline server="${SERVICES_NAME}" silent="yes">
<link name="${BULK_SERVER_NAME}" ipaddr="127.0.0.1" port="${o.linkPort}" allowmask="127.0.0.0/8" sendpass="${o.password}" recvpass="${o.password}">
<sasl target="${SERVICES_NAME}" requiressl="no">
`;
}

function athemeConfig(o: { linkPort: number; password: string; dir: string }): string {
  const modules = [
    'protocol/inspircd', 'backend/opensex', 'crypto/pbkdf2v2',
    'nickserv/main', 'nickserv/identify', 'nickserv/register', 'nickserv/cert', 'nickserv/help', 'nickserv/info',
    'nickserv/ghost', 'nickserv/set_core', 'nickserv/set_password', 'nickserv/logout',
    'saslserv/main', 'saslserv/plain', 'saslserv/external',
  ];
  const service = (block: string, nick: string, real: string): string =>
    `${block} { nick = "${nick}"; user = "${nick}"; host = "${SERVICES_NAME}"; real = "${real}"; };`;
  return `${modules.map((m) => `loadmodule "${ATHEME_MODULES}/${m}";`).join('\n')}
serverinfo {
  name = "${SERVICES_NAME}"; desc = "Atheme test services"; numeric = "00A"; recontime = 1;
  netname = "SwitchboardTest"; hidehostsuffix = "users.test"; adminname = "test"; adminemail = "test@example.org";
  registeremail = "noreply@example.org"; mta = "/bin/true"; loglevel = { error; }; maxlogins = 50; maxusers = 50;
  mdlimit = 30; emaillimit = 10; emailtime = 300; auth = none; casemapping = rfc1459;
};
uplink "irc.ircv3.test" { host = "127.0.0.1"; password = "${o.password}"; port = ${o.linkPort}; };
nickserv { nick = "NickServ"; user = "NickServ"; host = "${SERVICES_NAME}"; real = "Nickname Services"; maxnicks = 5; expire = 0; };
${service('saslserv', 'SaslServ', 'SASL Authentication Agent')}
general {
  flood_msgs = 0; flood_time = 10; ratelimit_uses = 0; ratelimit_period = 1; kline_time = 7; clone_time = 0;
  commit_interval = 5; default_clone_allowed = 1000; default_clone_warn = 1000; uplink_sendq_limit = 16777216;
  language = "en"; immune_level = immune;
};
logfile "${path.join(o.dir, 'atheme.log')}" { error; };
`;
}

export interface RunningIrcv3Fallback {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly tlsPort: number;
  readonly certificateFingerprint256: string;
  registerAccount(nick: string, password: string): Promise<void>;
  /** Fill a channel with `count` users at once (a linked server's burst); resolves when they are in. */
  populateChannel(channel: string, count: number): Promise<void>;
  /** Send a signal to InspIRCd (not to services): SIGSTOP/SIGCONT freeze and thaw it. */
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

function missingPackages(): string[] {
  return ([[INSPIRCD_BINARY, 'inspircd'], [ATHEME_BINARY, 'atheme-services']] as const)
    .filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg);
}

/**
 * Install the Debian packages on first use when we are root (as .ci/run does for the
 * others: a policy-rc.d, only if there is none, keeps apt from starting the daemons);
 * otherwise throw a readable error naming them.
 */
export async function requireInspircd(): Promise<void> {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) throw new Error(`${missing.join(' and ')} missing: install with \`${command}\` (Debian, as root).`);
  process.stderr.write(`[test servers] installing ${missing.join(' ')} (Debian, first use)…\n`);
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) await writeFile(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    await run('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing], 10 * 60 * 1000);
  } catch (error: unknown) {
    throw new Error(`${command} failed (try apt-get update first): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (ownPolicy) await rm(policy, { force: true });
  }
}

async function untilRegistrationWorks(port: number, handles: readonly ProcessHandle[], timeoutMs: number, check?: (nick: string) => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not tried';
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const dead = handles.find((h) => h.child.exitCode !== null);
    if (dead) throw new Error(`a test server exited with code ${String(dead.child.exitCode)} before it was ready.\n${dead.output()}`);
    try {
      const probe = await connectRawIrcClient({ port, nick: `probe${attempt}`, timeoutMs: 3_000 });
      try {
        await check?.(probe.nick);
      } finally {
        await probe.close();
      }
      return;
    } catch (error: unknown) {
      last = error instanceof Error ? error.message : String(error);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the IRCv3 test server was not ready within ${timeoutMs} ms (${last}).\n${handles.map((h) => h.output()).join('\n')}`);
}

/** Start InspIRCd + Atheme; resolves once services answer a NickServ request. */
export async function startInspircdWithServices(): Promise<RunningIrcv3Fallback> {
  await requireInspircd();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-inspircd-'));
  await chmod(dir, 0o777);
  const athemeDir = path.join(dir, 'atheme');
  await mkdir(athemeDir);
  await chmod(athemeDir, 0o777);
  const [port, tlsPort, linkPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const cert = await makeCertificate(dir);
  await chmod(cert.keyFile, 0o644);
  const password = `link${Math.random().toString(36).slice(2)}`;
  const ircdConf = path.join(dir, 'inspircd.conf');
  await writeFile(ircdConf, inspircdConfig({ dir, port, tlsPort, linkPort, ...cert, password }));
  const athemeConf = path.join(athemeDir, 'atheme.conf');
  await writeFile(athemeConf, athemeConfig({ linkPort, password, dir: athemeDir }));
  await writeFile(path.join(athemeDir, 'atheme.motd'), 'test\n');

  const ircd = spawnServer(INSPIRCD_BINARY, ['--config', ircdConf, '--nofork', '--nopid', '--runasroot'], dir, undefined, 'SIGKILL'); // SIGTERM makes InspIRCd 3.15 dump core here
  // Atheme refuses to run as root: run it as nobody when we are root.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  let atheme: ProcessHandle | undefined;
  const bulkLinks: { close(): void }[] = [];
  const stop = async (): Promise<void> => {
    for (const link of bulkLinks) link.close();
    // InspIRCd first: it has crashed (dumping core) when services left while it ran.
    await ircd.stop();
    await atheme?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilRegistrationWorks(port, [ircd], 10_000);
    atheme = spawnServer(ATHEME_BINARY, [
      '-n', '-c', athemeConf, '-D', athemeDir, '-l', path.join(athemeDir, 'atheme.log'), '-p', path.join(athemeDir, 'atheme.pid'),
    ], athemeDir, asNobody);
    const services = atheme;
    await untilRegistrationWorks(port, [ircd, services], 15_000, async () => {
      // Services are linked once NickServ answers.
      const probe = await connectRawIrcClient({ port, nick: `svcprobe${Date.now() % 100000}`, timeoutMs: 2_000 });
      try {
        probe.send('PRIVMSG NickServ :HELP');
        await probe.waitForLine(/^:NickServ!/, 1_000);
      } finally {
        await probe.close();
      }
    });
  } catch (error: unknown) {
    await stop();
    throw error;
  }

  return {
    host: '127.0.0.1', port, tlsPort, certificateFingerprint256: cert.fingerprint256,
    async populateChannel(channel: string, count: number): Promise<void> {
      if (bulkLinks.length > 0) throw new Error('populateChannel can be used once per server');
      const link = linkBulkUsers({ port: linkPort, password, channel, count });
      bulkLinks.push(link);
      await link.ready;
    },
    async registerAccount(nick: string, accountPassword: string): Promise<void> {
      const client = await connectRawIrcClient({ port, nick });
      try {
        client.send(`PRIVMSG NickServ :REGISTER ${accountPassword} ${nick}@example.org`);
        const answer = await client.waitForLine(/^:NickServ!\S+ NOTICE \S+ :.*(registered|already)/i, 10_000);
        if (/already/i.test(answer)) throw new Error(`NickServ: ${answer}`);
      } finally {
        await client.close();
      }
    },
    signal: (signal) => {
      if (ircd.child.exitCode === null && ircd.child.signalCode === null) ircd.child.kill(signal);
    },
    stop,
  };
}
