/** Lines read in 1 MiB chunks come out whole: across chunk ends, longer than a chunk, CRLF, multi-byte text cut by a chunk end. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MiB, readLines } from './logFiles.js';

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

function file(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-lines-'));
  dirs.push(dir);
  const path = join(dir, 'log.txt');
  writeFileSync(path, content);
  return path;
}

describe('readLines', () => {
  it('gives every line whole and numbered, whatever the chunk ends cut', () => {
    const lines = [
      'first', '', 'x'.repeat(MiB - 9), 'crosses the first chunk end ünïcödé', 'y'.repeat(2 * MiB + 3), 'é'.repeat(MiB), 'windows line', 'last',
    ];
    const path = file(`${lines.slice(0, 6).join('\n')}\n${lines[6] ?? ''}\r\n${lines[7] ?? ''}\n`);
    expect([...readLines(path)]).toEqual(lines.map((text, i) => ({ text, number: i + 1 })));
  });

  it('reports a file cut off in the middle of a line', () => {
    const path = file(`one\n${'z'.repeat(MiB + 5)}`);
    expect(() => [...readLines(path)]).toThrow('it ends in the middle of line 2: the file looks truncated');
  });
});
