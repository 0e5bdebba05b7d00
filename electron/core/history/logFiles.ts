/**
 * Finding and reading log files safely: only regular files inside the folder the user named
 * (a link pointing elsewhere is refused, not followed), no file larger than the limit, text
 * that must be UTF-8, and a file cut off in the middle of a line reported as truncated.
 * Lines are read in 1 MiB chunks: a file is never held whole in memory.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ImportFileError } from './importSources.js';

/** A log file found for import, with its path relative to the folder named. */
export interface LogFile {
  readonly path: string;
  readonly relativePath: string;
  readonly bytes: number;
}

/** A file passed over while listing, and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export const MiB = 1024 * 1024;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/**
 * Every file under `root` (or `root` itself when it is a file) whose name `wanted` accepts,
 * sorted by path. Links are resolved and must stay inside `root`.
 */
export function listLogFiles(root: string, wanted: (relativePath: string) => boolean): { files: LogFile[]; skipped: SkippedFile[] } {
  const files: LogFile[] = [];
  const skipped: SkippedFile[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    throw new ImportFileError(`${root} does not exist or cannot be read.`);
  }
  if (statSync(realRoot).isFile()) {
    return { files: [{ path: realRoot, relativePath: realRoot.split(sep).pop() ?? realRoot, bytes: statSync(realRoot).size }], skipped };
  }
  const visit = (dir: string, seen: Set<string>): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(realRoot, path);
      let real: string;
      try {
        real = lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
      } catch {
        skipped.push({ path: rel, reason: 'a link to nothing' });
        continue;
      }
      if (!inside(realRoot, real)) {
        skipped.push({ path: rel, reason: 'it points outside the folder being imported' });
        continue;
      }
      const stat = statSync(real);
      if (stat.isDirectory()) {
        if (seen.has(real)) continue;
        visit(path, new Set([...seen, real]));
      } else if (stat.isFile() && wanted(rel)) {
        files.push({ path: real, relativePath: rel, bytes: stat.size });
      }
    }
  };
  visit(realRoot, new Set([realRoot]));
  return { files, skipped };
}

/** Refuses a file over the limit before reading it. */
export function checkSize(file: LogFile, maxBytes: number): void {
  if (file.bytes > maxBytes) {
    throw new ImportFileError(`it is ${(file.bytes / MiB).toFixed(0)} MiB, more than the ${(maxBytes / MiB).toFixed(0)} MiB one file may be; split it (e.g. with split -l) and import the parts`);
  }
}

/**
 * The file's lines (without their line ends), numbered from 1. Throws when the bytes are not
 * UTF-8, or when the last line has no line end (every program here ends each line it writes:
 * a file that does not was cut off).
 */
const withoutCr = (line: string, number: number): { readonly text: string; readonly number: number } =>
  ({ text: line.endsWith('\r') ? line.slice(0, -1) : line, number });

export function* readLines(path: string): Generator<{ readonly text: string; readonly number: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(MiB);
  let carry = '';
  let number = 0;
  let offset = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      let text: string;
      try {
        text = decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
      } catch {
        throw new ImportFileError(`it is not UTF-8 text (somewhere after byte ${offset}); convert it first, e.g. iconv -f latin1 -t utf-8`);
      }
      offset += read;
      // Line by line with indexOf, not split on carry + chunk: a third of the time (a million-line import).
      let start = 0;
      let end = text.indexOf('\n');
      if (end >= 0 && carry !== '') {
        yield withoutCr(carry + text.slice(0, end), ++number);
        carry = '';
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      while (end >= 0) {
        yield withoutCr(text.slice(start, end), ++number);
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      carry += text.slice(start);
      if (read === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  if (carry !== '') throw new ImportFileError(`it ends in the middle of line ${number + 1}: the file looks truncated`);
}
