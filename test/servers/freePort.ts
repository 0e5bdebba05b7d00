/**
 * Ports for servers the tests start as other programs (ngIRCd, Prosody, Synapse…), which
 * must be told a port number before they bind it.
 *
 * The kernel's pick (listen on port 0, read it, close, hand the number over) is free only
 * until someone else binds it, and in a full `npm test` many processes bind at once: other
 * test files picking the same way (the kernel hands a just-closed port out again), and every
 * outgoing connection, whose source port comes from the same ephemeral range. A server that
 * loses one of its listeners that way (ngIRCd logs it and serves its other ports) fails a
 * test far from the cause. So the ports here come from below the ephemeral range, where the
 * kernel picks nothing; each is reserved by a file created exclusively in a directory all
 * test processes of this user share, so no two of them hand out the same port within
 * {@link RESERVATION_MS}; and each is checked bindable, for anything else on the machine.
 */
import { readFileSync } from 'node:fs';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** How long a handed-out port stays reserved: longer than any test file holds a server. */
export const RESERVATION_MS = 30 * 60_000;

/** The lowest port handed out: above the well-known and most registered service ports. */
const LOWEST_PORT = 10_000;

/** The first port of the kernel's ephemeral range (`ip_local_port_range`), 32768 by default. */
export function ephemeralRangeStart(rangeFile = '/proc/sys/net/ipv4/ip_local_port_range'): number {
  try {
    const first = Number.parseInt(readFileSync(rangeFile, 'utf8').trim().split(/\s+/)[0] ?? '', 10);
    return Number.isInteger(first) && first > 0 ? first : 32_768;
  } catch {
    return 32_768;
  }
}

export interface PortReservations {
  /** The directory of reservation files (one per port, named by its number). */
  readonly dir: string;
  /** Ports handed out are in [low, high]. */
  readonly low: number;
  readonly high: number;
  /** Now, in ms (tests move it). */
  readonly now?: () => number;
  /** Whether the port can be bound on 127.0.0.1 right now. */
  readonly bindable?: (port: number) => Promise<boolean>;
}

function defaultReservations(): PortReservations {
  const uid = process.getuid?.() ?? 0;
  return { dir: path.join(os.tmpdir(), `switchboard-test-ports-${String(uid)}`), low: LOWEST_PORT, high: ephemeralRangeStart() - 1 };
}

/** Whether 127.0.0.1:port can be listened on now (closed again at once). */
export function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Creates the reservation file of `port`; false when another process holds a reservation younger than RESERVATION_MS. */
async function reserve(file: string, now: number): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${String(process.pid)}\n`);
      await handle.close();
      return true;
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = now - (await stat(file).then((s) => s.mtimeMs, () => now));
      if (age < RESERVATION_MS) return false;
      // An old reservation: its server is long gone. Whoever unlinks it first may take it.
      await unlink(file).catch(() => undefined);
    }
  }
  return false;
}

/** A port no other test process was handed within RESERVATION_MS, bindable now. */
export async function findFreePort(reservations: PortReservations = defaultReservations()): Promise<number> {
  const { dir, low, high } = reservations;
  const now = reservations.now ?? Date.now;
  const bindable = reservations.bindable ?? canBind;
  if (high - low < 100) throw new Error(`too few ports below the ephemeral range to hand out: ${String(low)}–${String(high)}`);
  await mkdir(dir, { recursive: true });
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (!(await reserve(path.join(dir, String(port)), now()))) continue;
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port found in ${String(low)}–${String(high)} (reservations in ${dir})`);
}
