/**
 * A throw-away Ergo (full IRCv3: SASL, chathistory, labeled-response, MONITOR) on
 * 127.0.0.1 for tests, installed on first use with `go install` through the Go module
 * proxy into ~/.cache/switchboard-test-servers/bin.
 *
 * `startIrcv3Server()` is what the tests call: Ergo when it can be had, otherwise the
 * documented fallback (InspIRCd + Atheme from Debian, see ergo/inspircd.ts), and it says
 * which one it started and what that server offers.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectRawIrcClient } from './rawIrcClient.js';
import { makeCertificate } from './ngircd.js';
import { findFreePort } from './serverProcess.js';
import { spawnServer, startInspircdWithServices } from './ergo/inspircd.js';
import { setYamlKey, replaceYamlBlock } from './ergo/yaml.js';

const GO = existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';
const MODULE = 'github.com/ergochat/ergo';
/** Its v2 tags are not valid module versions (no /v2 suffix): a branch resolves to a pseudo-version. */
const VERSIONS = ['master', 'stable'];
/** After a failed install, do not try again for this long (every test file would). */
const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;

export function cacheDir(): string {
  return path.join(process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache'), 'switchboard-test-servers');
}

export const ERGO_BINARY = path.join(cacheDir(), 'bin', 'ergo');
const FAILURE_MARKER = path.join(cacheDir(), 'ergo-install-failed.txt');

export class ErgoUnavailableError extends Error {
  override readonly name = 'ErgoUnavailableError';
}

function exec(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Run `fn` holding a lock directory (mkdir is atomic), so two test files do not build at once. */
async function withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      const age = await stat(lockDir).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 15 * 60 * 1000) await rmdir(lockDir).catch(() => undefined); // stale
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockDir}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(lockDir).catch(() => undefined);
  }
}

/** The Ergo binary, installed on first use; throws ErgoUnavailableError with the reason. */
export async function ensureErgo(): Promise<string> {
  if (existsSync(ERGO_BINARY)) return ERGO_BINARY;
  await mkdir(path.join(cacheDir(), 'bin'), { recursive: true });
  return withLock(path.join(cacheDir(), 'ergo-install.lock'), async () => {
    if (existsSync(ERGO_BINARY)) return ERGO_BINARY;
    const failed = await stat(FAILURE_MARKER).catch(() => undefined);
    if (failed && Date.now() - failed.mtimeMs < RETRY_AFTER_FAILURE_MS) {
      throw new ErgoUnavailableError(`Ergo could not be installed earlier (delete ${FAILURE_MARKER} to retry now): ${await readFile(FAILURE_MARKER, 'utf8')}`);
    }
    const env = { ...process.env, GOBIN: path.dirname(ERGO_BINARY), GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' };
    const errors: string[] = [];
    for (const version of VERSIONS) {
      process.stderr.write(`[test servers] installing Ergo: go install ${MODULE}@${version} (first use; a few minutes on 2 cores)…\n`);
      const started = Date.now();
      try {
        await exec(GO, ['install', `${MODULE}@${version}`], env, 10 * 60 * 1000);
        process.stderr.write(`[test servers] Ergo installed in ${Math.round((Date.now() - started) / 1000)} s: ${ERGO_BINARY}\n`);
        return ERGO_BINARY;
      } catch (error: unknown) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    const reason = `go install ${MODULE}@{${VERSIONS.join(',')}} failed:\n${errors.join('\n')}`;
    await writeFile(FAILURE_MARKER, reason);
    process.stderr.write(`[test servers] ${reason}\n`);
    throw new ErgoUnavailableError(reason);
  });
}

export interface ErgoOptions {
  /** Advertise an STS policy pointing at the TLS port. */
  readonly sts?: boolean;
}

export interface RunningIrcv3Server {
  readonly software: 'ergo' | 'inspircd';
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly tlsPort: number;
  /** Self-signed certificate of the TLS listener, colon-separated upper-case hex. */
  readonly certificateFingerprint256: string;
  /** True when the server answers the CHATHISTORY command (Ergo); InspIRCd only replays on join. */
  readonly chathistoryCommand: boolean;
  /** Create an account (connect as the nick, REGISTER with NickServ). */
  registerAccount(nick: string, password: string): Promise<void>;
  /**
   * Fill a channel with `count` users at once, with a server-side bulk method (InspIRCd: a
   * linked server's burst). Undefined on Ergo for now: it would need `count` connections,
   * more than the 20,000 open files a process may have here.
   */
  readonly populateChannel?: (channel: string, count: number) => Promise<void>;
  /** Send a signal to the IRC server process (SIGSTOP/SIGCONT to freeze and thaw it). */
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

function ergoConfig(defaults: string, o: { dir: string; port: number; tlsPort: number; certFile: string; keyFile: string; sts: boolean }): string {
  let text = replaceYamlBlock(defaults, ['server', 'listeners'], [
    `"127.0.0.1:${o.port}": {}`,
    `"127.0.0.1:${o.tlsPort}":`,
    '    tls:',
    `        cert: ${o.certFile}`,
    `        key: ${o.keyFile}`,
  ]);
  const set = (keys: readonly string[], value: string): void => {
    text = setYamlKey(text, keys, value);
  };
  set(['network', 'name'], 'SwitchboardTest');
  set(['server', 'name'], 'ergo.test.local');
  set(['server', 'max-sendq'], '16M');
  set(['server', 'enforce-utf8'], 'false');
  set(['server', 'motd'], JSON.stringify(path.join(o.dir, 'ergo.motd')));
  set(['server', 'ip-limits', 'count'], 'false');
  set(['server', 'ip-limits', 'throttle'], 'false');
  set(['server', 'ip-cloaking', 'enabled'], 'false');
  set(['server', 'sts', 'enabled'], o.sts ? 'true' : 'false');
  set(['server', 'sts', 'port'], String(o.tlsPort));
  set(['server', 'sts', 'duration'], '1h');
  set(['accounts', 'login-throttling', 'enabled'], 'false');
  set(['accounts', 'registration', 'throttling', 'enabled'], 'false');
  // One connection per nick, as on most networks (no bouncer-style attaching of a second login).
  set(['accounts', 'multiclient', 'enabled'], 'false');
  set(['accounts', 'nick-reservation', 'method'], 'optional');
  set(['accounts', 'registration', 'email-verification', 'enabled'], 'false');
  set(['fakelag', 'enabled'], 'false');
  set(['datastore', 'path'], JSON.stringify(path.join(o.dir, 'ircd.db')));
  set(['languages', 'enabled'], 'false');
  set(['history', 'enabled'], 'true');
  set(['history', 'channel-length'], '4096');
  set(['history', 'client-length'], '512');
  set(['history', 'chathistory-maxmessages'], '1000');
  set(['history', 'persistent', 'enabled'], 'false');
  return text;
}

/** Start Ergo (installing it first if needed); resolves once a real registration succeeds. */
export async function startErgo(options: ErgoOptions = {}): Promise<RunningIrcv3Server> {
  const binary = await ensureErgo();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-ergo-'));
  await chmod(dir, 0o755);
  const [port, tlsPort] = [await findFreePort(), await findFreePort()];
  const cert = await makeCertificate(dir);
  const defaults = await exec(binary, ['defaultconfig'], process.env, 30_000);
  const conf = path.join(dir, 'ircd.yaml');
  await writeFile(path.join(dir, 'ergo.motd'), 'Switchboard test server\n');
  await writeFile(conf, ergoConfig(defaults, { dir, port, tlsPort, ...cert, sts: options.sts ?? false }));
  await exec(binary, ['initdb', '--conf', conf, '--quiet'], process.env, 30_000);
  const server = spawnServer(binary, ['run', '--conf', conf], dir);
  const stop = async (): Promise<void> => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 15_000;
    for (let attempt = 0; ; attempt++) {
      if (server.child.exitCode !== null) throw new Error(`ergo exited with code ${String(server.child.exitCode)}:\n${server.output()}`);
      try {
        await (await connectRawIrcClient({ port, nick: `probe${attempt}`, timeoutMs: 3_000 })).close();
        break;
      } catch (error: unknown) {
        if (Date.now() > deadline) throw new Error(`ergo did not accept a registration within 15 s: ${String(error)}\n${server.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error: unknown) {
    await stop();
    throw error;
  }
  return {
    software: 'ergo', host: '127.0.0.1', port, tlsPort, certificateFingerprint256: cert.fingerprint256, chathistoryCommand: true,
    async registerAccount(nick: string, password: string): Promise<void> {
      const client = await connectRawIrcClient({ port, nick });
      try {
        client.send(`PRIVMSG NickServ :REGISTER ${password}`);
        await client.waitForLine(/^:NickServ!\S+ NOTICE \S+ :.*(created|registered)/i, 10_000);
      } finally {
        await client.close();
      }
    },
    signal: (signal) => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
    },
    stop,
  };
}

let announced = false;

/** Ergo if it can be installed, else InspIRCd + Atheme (said once on stderr). */
export async function startIrcv3Server(options: ErgoOptions = {}): Promise<RunningIrcv3Server> {
  try {
    return await startErgo(options);
  } catch (error: unknown) {
    // Ergo installed but not starting (e.g. its default config changed under our edits) is
    // reported loudly; SWITCHBOARD_REQUIRE_ERGO=1 makes it fatal instead of falling back.
    if (!(error instanceof ErgoUnavailableError)) {
      if (process.env['SWITCHBOARD_REQUIRE_ERGO'] === '1') throw error;
      process.stderr.write(`[test servers] Ergo did not start, falling back to InspIRCd + Atheme: ${error instanceof Error ? error.message : String(error)}\n`);
    } else if (!announced) {
      announced = true;
      process.stderr.write('[test servers] Ergo is unavailable; using the IRCv3 fallback InspIRCd + Atheme (servers.md).\n');
    }
  }
  const fallback = await startInspircdWithServices();
  return { software: 'inspircd', chathistoryCommand: false, ...fallback };
}
