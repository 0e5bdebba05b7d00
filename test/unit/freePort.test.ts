/**
 * The test servers' port allocator (test/servers/freePort.ts): no two callers are handed the
 * same port while its reservation lasts, even from separate processes; an old reservation
 * frees its port; a port something else holds is passed over; nothing comes from the
 * kernel's ephemeral range.
 */
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canBind, ephemeralRangeStart, findFreePort, RESERVATION_MS } from '../servers/freePort.js';
import { repoRoot } from '../support/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-free-port-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => join(scratch, `reservations-${String(dirs++)}`);

describe('findFreePort', () => {
  it('hands out every port of a range once, then refuses with the range in words', async () => {
    const dir = freshDir();
    const options = { dir, low: 40_000, high: 40_100, bindable: () => Promise.resolve(true) };
    const ports = [];
    for (let i = 0; i < 101; i++) ports.push(await findFreePort(options));
    expect(new Set(ports).size).toBe(101);
    expect(ports.every((port) => port >= 40_000 && port <= 40_100)).toBe(true);
    await expect(findFreePort(options)).rejects.toThrow(`no free port found in 40000–40100 (reservations in ${dir})`);
  });

  it('hands a port out again once its reservation is older than RESERVATION_MS', async () => {
    const dir = freshDir();
    let now = Date.now();
    const options = { dir, low: 40_000, high: 40_100, bindable: () => Promise.resolve(true), now: () => now };
    for (let i = 0; i < 101; i++) await findFreePort(options);
    const old = join(dir, '40050');
    const then = (now - RESERVATION_MS - 1_000) / 1000;
    utimesSync(old, then, then);
    expect(await findFreePort(options)).toBe(40_050);
    // The reservation is renewed: the same port is not handed out twice in a row.
    now += 1_000;
    await expect(findFreePort(options)).rejects.toThrow(/no free port/);
  });

  it('passes over a port that cannot be bound', async () => {
    const taken = new Set<number>();
    for (let port = 40_000; port <= 40_100; port++) if (port !== 40_077) taken.add(port);
    const port = await findFreePort({ dir: freshDir(), low: 40_000, high: 40_100, bindable: (p) => Promise.resolve(!taken.has(p)) });
    expect(port).toBe(40_077);
  });

  it('never hands out the same port to two processes at once', async () => {
    const dir = freshDir();
    // The allocator as the other processes run it: built to plain JavaScript (Node 20 runs no TypeScript).
    const module = join(scratch, 'freePort.mjs');
    await build({ entryPoints: [join(repoRoot, 'test', 'servers', 'freePort.ts')], bundle: true, platform: 'node', format: 'esm', outfile: module, logLevel: 'silent' });
    const script = `import { findFreePort } from ${JSON.stringify(module)};
      const ports = [];
      for (let i = 0; i < 40; i++) ports.push(await findFreePort({ dir: ${JSON.stringify(dir)}, low: 40000, high: 40199, bindable: async () => true }));
      process.stdout.write(JSON.stringify(ports));`;
    const runOne = (): Promise<number[]> => new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
      child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`exit ${String(code)}: ${err}`))));
    });
    const all = (await Promise.all([runOne(), runOne(), runOne(), runOne(), runOne()])).flat();
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect(readdirSync(dir)).toHaveLength(200);
  }, 60_000);

  it('hands out real ports below the ephemeral range that can be listened on', async () => {
    const port = await findFreePort({ dir: freshDir(), low: 10_000, high: ephemeralRangeStart() - 1 });
    expect(port).toBeGreaterThanOrEqual(10_000);
    expect(port).toBeLessThan(ephemeralRangeStart());
    expect(await canBind(port)).toBe(true);
  });

  it('reads the start of the ephemeral range, 32768 when it cannot', () => {
    const file = join(scratch, 'range');
    writeFileSync(file, '40000\t60999\n');
    expect(ephemeralRangeStart(file)).toBe(40_000);
    expect(ephemeralRangeStart(join(scratch, 'missing'))).toBe(32_768);
  });
});
