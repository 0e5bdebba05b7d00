/** Command-line options of `npm run serve`. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PROFILE_FOLDER_NAME } from '../hostStartup.js';
import type { DatabaseRepair } from '../profile/profileDatabase.js';
import { isLoopbackHost } from './hostAllowlist.js';

export interface ServeArgs {
  readonly profileDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Loopback unless the user names another address explicitly. */
  readonly host: string;
  /** Extra plugin folders (each holding one plugin), after the built-in ones. */
  readonly pluginDirs: readonly string[];
  /** What to do about a database that could not be used as it was (the previous start said why). */
  readonly databaseRepair?: DatabaseRepair;
  /** Check every page and index of the profile's database (integrity_check), say what was found, and exit. */
  readonly checkDatabase?: true;
  /** Names users open the page by, besides the bind address (and loopback names on loopback). */
  readonly publicNames: readonly string[];
  /** PEM files: serve https:// and wss:// only. Both or neither. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
}

const REPAIRS: readonly DatabaseRepair[] = ['recover', 'restore-backup', 'start-fresh'];

export const SERVE_USAGE = `Usage: npm run serve -- [--profile DIR] [--port N] [--host ADDRESS] [--plugin DIR]...
  --profile DIR   where accounts, history and secrets live (default: ${defaultProfileDir()})
  --port N        HTTP port on the host (default: a free port)
  --host ADDRESS  address to listen on (default: 127.0.0.1; anything else exposes your messages to that network)
  --public-name NAME  a host name users open the page by, e.g. chat.home.arpa (repeatable; the first is printed)
  --tls-cert FILE --tls-key FILE  serve over TLS (https://, wss://) with this PEM certificate and key
  --plugin DIR    load a third-party plugin from DIR (repeatable)
  --check-database  check the whole profile database (every page and index), say what was found, and exit
  --database-repair recover|restore-backup|start-fresh
                  what to do when the profile's database is damaged or missing (a start refused
                  with the reason says which of these it offers)`;

/** The platform's user-data folder, as Electron's app.getPath('userData') would give it. */
export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), PROFILE_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PROFILE_FOLDER_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), PROFILE_FOLDER_NAME);
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let profileDir = defaultProfileDir();
  let port = 0;
  let host = '127.0.0.1';
  const pluginDirs: string[] = [];
  let databaseRepair: DatabaseRepair | undefined;
  let checkDatabase = false;
  const publicNames: string[] = [];
  let certFile: string | undefined;
  let keyFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value.\n${SERVE_USAGE}`);
      return next;
    };
    switch (flag) {
      case '--profile': profileDir = value(); break;
      case '--host': host = value(); break;
      case '--plugin': pluginDirs.push(value()); break;
      case '--check-database': checkDatabase = true; break;
      case '--database-repair': {
        const text = value();
        databaseRepair = REPAIRS.find((r) => r === text);
        if (databaseRepair === undefined) throw new Error(`--database-repair must be one of ${REPAIRS.join(', ')}, not "${text}".`);
        break;
      }
      case '--public-name': {
        const name = value();
        // A host name or address, no scheme, port or path: it is compared with the Host header.
        if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+|[0-9a-fA-F:]+)$/.test(name)) throw new Error(`--public-name takes a host name such as chat.home.arpa, not "${name}".`);
        publicNames.push(name);
        break;
      }
      case '--tls-cert': certFile = value(); break;
      case '--tls-key': keyFile = value(); break;
      case '--port': {
        const text = value();
        port = Number(text);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not "${text}".`);
        break;
      }
      case '--help': case '-h': throw new Error(SERVE_USAGE);
      default: throw new Error(`Unknown option "${String(flag)}".\n${SERVE_USAGE}`);
    }
  }
  if ((certFile === undefined) !== (keyFile === undefined)) throw new Error(`--tls-cert and --tls-key go together.\n${SERVE_USAGE}`);
  const tls = certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : undefined;
  return { profileDir, port, host, pluginDirs, publicNames, ...(tls ? { tls } : {}), ...(databaseRepair ? { databaseRepair } : {}), ...(checkDatabase ? { checkDatabase: true as const } : {}) };
}

/** What `npm run serve` says when it listens beyond this machine; undefined on loopback. */
export function exposureWarning(host: string, tls: boolean): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  const reach = `Warning: listening on ${host}: anyone who can reach it and learns the URL can read your messages.`;
  return tls ? reach : `${reach} Without TLS the URL's token and every message cross the network in clear text: give --tls-cert FILE --tls-key FILE.`;
}
