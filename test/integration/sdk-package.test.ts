/**
 * The plugin SDK as an outside author gets it: `npm pack` in protocols/api, the tarball
 * installed offline into a temporary folder (zod packed from this repository's
 * node_modules), a tiny plugin compiled there against the package's .d.ts only, checked
 * with the package's `switchboard-plugin-check` against its harness's server, and loaded
 * into a real core, which runs it in a plugin worker.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { ConformanceHarness, ConformanceServer } from '../../protocols/api/check/index.js';
import { repoRoot } from '../support/paths.js';
import { startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const run = promisify(execFile);
const sdkDir = join(repoRoot, 'protocols', 'api');
const fixture = join(repoRoot, 'test', 'fixtures', 'sdk-tiny-plugin');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let pluginDir: string;
let tarball: string;

/** Runs the kit's command from the installed package; resolves with its output and exit code. */
async function check(folder: string): Promise<{ code: number; output: string }> {
  const bin = join(pluginDir, 'node_modules', 'switchboard-plugin-sdk', 'dist', 'check', 'cli.js');
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, folder, '--harness', join(pluginDir, 'harness.mjs')], { cwd: pluginDir, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'switchboard-sdk-'));
  pluginDir = join(work, 'tiny');
  mkdirSync(pluginDir);
  const packed = await run(npm, ['pack', '--json', '--pack-destination', work], { cwd: sdkDir, timeout: 180_000 });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error('npm pack reported no tarball');
  tarball = join(work, info.filename);
  writeFileSync(join(work, 'files.json'), JSON.stringify(info.files.map((file) => file.path)));
  const zod = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work, join(repoRoot, 'node_modules', 'zod')], { timeout: 60_000 });
  const [zodInfo] = JSON.parse(zod.stdout) as { filename: string }[];
  if (!zodInfo) throw new Error('npm pack reported no zod tarball');
  writeFileSync(join(pluginDir, 'package.json'), JSON.stringify({ name: 'tiny-chat', version: '1.0.0', private: true, type: 'module' }));
  await run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, zodInfo.filename), tarball], { cwd: pluginDir, timeout: 120_000 });
  // The compiler and Node's types are the author's dev tools, not the SDK's: taken from this repository.
  mkdirSync(join(pluginDir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules', '@types', 'node'), join(pluginDir, 'node_modules', '@types', 'node'));
  for (const name of ['index.ts', 'tsconfig.json', 'harness.mjs']) cpSync(join(fixture, name), join(pluginDir, name));
  await run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: pluginDir, timeout: 120_000 });
}, 400_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the SDK package', () => {
  it('packs only what an author needs: the built modules, their types, README, CHANGELOG, package.json', () => {
    const files = JSON.parse(readFileSync(join(work, 'files.json'), 'utf8')) as string[];
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/validation/index.js');
    expect(files).toContain('dist/check/cli.js');
    expect(files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'package.json']));
    const extra = files.filter((file) => !/^dist\/.+\.(js|d\.ts)$/.test(file) && !['README.md', 'CHANGELOG.md', 'package.json'].includes(file));
    expect(extra).toEqual([]);
    expect(files.filter((file) => file.includes('.test.') || file.endsWith('tsconfig.build.json'))).toEqual([]);
  });

  it('a plugin compiled against the tarball passes switchboard-plugin-check, which prints a table', async () => {
    const { code, output } = await check(pluginDir);
    console.log(output);
    expect(output).toMatch(/^pass\s+rooms: join, both members listed/m);
    expect(output).toMatch(/^pass\s+direct messages both ways/m);
    expect(output).toContain('8 passed, 0 failed');
    expect(code).toBe(0);
  }, 150_000);

  it('the kit fails, naming the event, when the plugin emits an event the SDK\'s validators refuse', async () => {
    const broken = join(work, 'broken');
    cpSync(pluginDir, broken, { recursive: true, dereference: false });
    const source = readFileSync(join(broken, 'index.js'), 'utf8');
    // A sender name the API types forbid, as a plugin written in plain JavaScript could send.
    const patched = source.replace('senderName: String(line.from)', 'senderName: 42');
    expect(patched).not.toBe(source);
    writeFileSync(join(broken, 'index.js'), patched);
    const { code, output } = await check(broken);
    console.log(output);
    expect(output).toMatch(/^FAIL\s+direct messages both ways/m);
    expect(output).toMatch(/fail the SDK's validators:\s+message\.received: message\.senderName/);
    expect(code).toBe(1);
  }, 150_000);

  it('the compiled plugin loads into the core, and its account connects and joins a room through the typed calls', async () => {
    const module = await import(pathToFileURL(join(pluginDir, 'harness.mjs')).href) as { default: ConformanceHarness };
    const server: ConformanceServer = await module.default.startServer();
    let core: InProcessCore | undefined;
    try {
      core = await startInProcessCore([pluginDir]);
      const plugins = await core.client.request('plugins.list', {});
      expect(plugins.map((plugin) => plugin.id)).toContain('org.example.tiny');
      const account = await core.client.request('accounts.add', { pluginId: 'org.example.tiny', settings: server.accounts[0] });
      await core.waitForEvent((event: BridgeEvent) => event.type === 'account.changed' && event.payload.account.id === account.id && event.payload.account.state === 'online');
      const name = server.room;
      if (name === undefined) throw new Error('the tiny plugin\'s harness names no room');
      const room = await core.client.request('conversations.joinRoom', { accountId: account.id, room: name });
      expect(room.title).toBe(name);
    } finally {
      await core?.close();
      await server.stop();
    }
  }, 60_000);
});
