/**
 * The packaging config (build/electron-builder.yml) as electron-builder itself reads and
 * validates it (app-builder-lib's getConfig and validateConfiguration, against the schema
 * it ships), then what the issue asks of it: the targets per system, the link schemes, the
 * unpacked native module, and icons that build/icons.mjs really renders.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import FpmTarget from 'app-builder-lib/out/targets/FpmTarget.js';
import { DebugLogger } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINUX_ICON_SIZES, renderIcons } from '../../build/icons.mjs';
import { repoRoot } from '../support/paths.js';

const configPath = join(repoRoot, 'build', 'electron-builder.yml');

function loadConfig(): Promise<Configuration> {
  return getConfig(repoRoot, configPath, null);
}

/** Each target of a platform's config, with its architectures ([] = the builder's default). */
function targetsOf(platform: Configuration['linux'] | Configuration['mac'] | Configuration['win']): { target: string; arch: string[] }[] {
  const targets = platform?.target;
  const list = targets === undefined || targets === null ? [] : Array.isArray(targets) ? targets : [targets];
  return list.map((entry) => typeof entry === 'string'
    ? { target: entry, arch: [] }
    : { target: entry.target, arch: entry.arch === undefined ? [] : Array.isArray(entry.arch) ? [...entry.arch] : [entry.arch] });
}

describe('build/electron-builder.yml', () => {
  it('passes electron-builder\'s own validation', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked for real: the same validation refuses a misspelt option', async () => {
    const config = await loadConfig();
    const broken = { ...config, linux: { ...config.linux, tagret: ['deb'] } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration\.linux should be/);
  });

  it('builds AppImage, deb, rpm and tar.gz; dmg and zip for x64 and arm64; nsis for x64 and arm64', async () => {
    const config = await loadConfig();
    expect(targetsOf(config.linux).map((t) => t.target).sort()).toEqual(['AppImage', 'deb', 'rpm', 'tar.gz']);
    expect(targetsOf(config.mac)).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }, { target: 'zip', arch: ['x64', 'arm64'] }]);
    expect(targetsOf(config.win)).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
  });

  it('registers xmpp:, irc:, ircs: and matrix: (Info.plist, the desktop file\'s MimeType, the Windows registry)', async () => {
    const config = await loadConfig();
    const protocols = config.protocols == null ? [] : Array.isArray(config.protocols) ? config.protocols : [config.protocols];
    const schemes = protocols.flatMap((protocol) => protocol.schemes).sort();
    expect(schemes).toEqual(['irc', 'ircs', 'matrix', 'xmpp']);
    // electron-builder turns each scheme into x-scheme-handler/<scheme> in the desktop file
    // (LinuxTargetHelper); a hand-written linux.mimeTypes list would repeat them.
    expect(config.linux?.mimeTypes ?? []).toEqual([]);
    // NSIS has no such option: the include registers each scheme and removes it again.
    const include = config.nsis?.include;
    expect(include).toBe('build/installer.nsh');
    const script = readFileSync(join(repoRoot, 'build', 'installer.nsh'), 'utf8');
    for (const scheme of schemes) {
      expect(script).toContain(`switchboardRegisterScheme "${scheme}"`);
      expect(script).toContain(`switchboardRemoveScheme "${scheme}"`);
    }
  });

  it('gives the deb and rpm a maintainer, and the rpm electron-builder\'s own dependencies plus the keyring\'s', async () => {
    const config = await loadConfig();
    // FpmTarget stops without one (or package.json's author e-mail).
    expect(config.linux?.maintainer).toBeTruthy();
    // A depends list replaces the default one: it must be electron-builder's own (read from
    // its FpmTarget, so an upgrade that changes them fails here) plus the keyring's.
    const getDefaultDepends: unknown = Reflect.get(FpmTarget.prototype, 'getDefaultDepends');
    if (typeof getDefaultDepends !== 'function') throw new Error('electron-builder\'s FpmTarget has no getDefaultDepends any more');
    const defaults: unknown = Reflect.apply(getDefaultDepends, null, ['rpm']);
    expect(defaults).toContain('gtk3');
    expect(config.rpm?.depends).toEqual([...(defaults as string[]), 'libsecret']);
  });

  it('keeps better-sqlite3\'s native addon out of the asar archive', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*.node');
  });

  it('cites files by their path in the repository, never by a path of the build machine', () => {
    const text = readFileSync(configPath, 'utf8');
    expect(text).not.toMatch(/(^|[\s(])\/(work|home|root|tmp|Users)\//m);
  });
});

describe('icons rendered from the SVGs in build/icons/ (build/icons.mjs)', () => {
  let outDir = '';
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'switchboard-icons-'));
    renderIcons({ outDir, force: true });
  });
  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  /** A PNG's width and height from its IHDR chunk. */
  function pngSize(file: string): [number, number] {
    const data = readFileSync(file);
    expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
    return [data.readUInt32BE(16), data.readUInt32BE(20)];
  }

  it('gives the Linux targets one NxN.png per size, each really that size', async () => {
    const config = await loadConfig();
    expect(config.linux?.icon).toBe('dist/icons/png');
    const files = readdirSync(join(outDir, 'png')).sort();
    expect(files).toEqual(LINUX_ICON_SIZES.map((size) => `${size}x${size}.png`).sort());
    for (const size of LINUX_ICON_SIZES) expect(pngSize(join(outDir, 'png', `${size}x${size}.png`))).toEqual([size, size]);
  });

  it('gives macOS an ICNS and Windows an ICO at the paths the config names', async () => {
    const config = await loadConfig();
    expect(config.mac?.icon).toBe('dist/icons/icon.icns');
    expect(config.win?.icon).toBe('dist/icons/icon.ico');
    expect(readFileSync(join(outDir, 'icon.icns')).subarray(0, 4).toString('latin1')).toBe('icns');
    const ico = readFileSync(join(outDir, 'icon.ico'));
    // ICONDIR: reserved 0, type 1 (icon), then the number of images (several sizes).
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThan(3);
  });

  it('renders the tray images at 1x and 2x, which the packaged app carries', async () => {
    for (const name of ['tray', 'tray-unread', 'trayTemplate']) {
      expect(pngSize(join(outDir, 'tray', `${name}.png`))).toEqual([16, 16]);
      expect(pngSize(join(outDir, 'tray', `${name}@2x.png`))).toEqual([32, 32]);
    }
    const config = await loadConfig();
    // getConfig normalizes `files` into file sets with filters.
    const patterns = (Array.isArray(config.files) ? config.files : [config.files]).flatMap((set) =>
      typeof set === 'string' ? [set] : set === null || set === undefined ? [] : [set.filter ?? []].flat());
    expect(patterns).toContain('dist/icons/tray/**/*');
  });
});
