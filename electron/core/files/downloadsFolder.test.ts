import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadsFolder } from './downloadsFolder.js';

describe('DownloadsFolder', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  async function saved(folder: DownloadsFolder, name: string, content: string) {
    const temporary = await folder.temporaryPath();
    writeFileSync(temporary, content, { flag: 'wx' });
    return folder.place(temporary, name);
  }

  it('keeps the sender\'s name when free, numbers it when taken, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-downloads-'));
    dirs.push(dir);
    const folder = new DownloadsFolder(join(dir, 'downloads'));
    expect((await saved(folder, 'cat.png', 'one')).name).toBe('cat.png');
    expect((await saved(folder, 'cat.png', 'two')).name).toBe('cat (2).png');
    expect((await saved(folder, 'cat.png', 'three')).name).toBe('cat (3).png');
    expect(readFileSync(join(dir, 'downloads', 'cat.png'), 'utf8')).toBe('one');
    expect(readdirSync(join(dir, 'downloads')).sort()).toEqual(['cat (2).png', 'cat (3).png', 'cat.png']);
  });

  it('writes only inside the folder, under a safe name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-downloads-'));
    dirs.push(dir);
    const folder = new DownloadsFolder(dir);
    const placed = await saved(folder, '../../.bashrc', 'x');
    expect(placed.name).toBe('bashrc');
    expect(placed.path).toBe(join(dir, 'bashrc'));
    expect((await saved(folder, 'photo\u202egpj.exe', 'x')).name).toBe('photogpj.exe');
    expect((await saved(folder, '', 'x')).name).toBe('file');
  });
});
