import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutgoingFiles } from './outgoingFiles.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): { dir: string; files: OutgoingFiles } {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-outgoing-'));
  dirs.push(dir);
  return { dir, files: new OutgoingFiles(join(dir, 'uploads-pending')) };
}

describe('the copies of files being sent', () => {
  it('keeps a copy per message, written or moved from a staged upload, until it is released', async () => {
    const { dir, files } = folder();
    await files.keep({ id: 7, name: 'notes.txt' }, { bytes: Buffer.from('notes') });
    writeFileSync(join(dir, 'staged'), 'staged bytes');
    await files.keep({ id: 12, name: 'photo.png' }, { staged: { path: join(dir, 'staged'), size: 12 } });
    expect(files.has({ id: 7, name: 'notes.txt' })).toBe(true);
    expect(readdirSync(dir)).toEqual(['uploads-pending']);
    await files.release(7);
    expect(files.has({ id: 7, name: 'notes.txt' })).toBe(false);
    expect(readdirSync(join(dir, 'uploads-pending'))).toEqual(['12-photo.png']);
  });

  it('sweeps copies of messages that no longer wait, and files that belong to no message', async () => {
    const { dir, files } = folder();
    await files.keep({ id: 1, name: 'a.txt' }, { bytes: Buffer.from('a') });
    await files.keep({ id: 2, name: 'b.txt' }, { bytes: Buffer.from('b') });
    writeFileSync(join(dir, 'uploads-pending', 'stray'), 'x');
    await files.sweep((id) => id === 2);
    expect(readdirSync(join(dir, 'uploads-pending'))).toEqual(['2-b.txt']);
    await expect(new OutgoingFiles(join(dir, 'missing')).sweep(() => false)).resolves.toBeUndefined();
  });
});
