/**
 * Reads a gzipped tar (what `npm pack` writes) into memory, refusing what a plugin package
 * has no business holding: links (a symlink is followed by Node's permission model, so it
 * could reach outside the plugin's folder), devices, absolute paths and `..`. POSIX ustar
 * with its `prefix` field, pax (`x`) and GNU long-name (`L`) headers are understood
 * (POSIX.1-2001 pax; GNU tar manual, "Basic Tar Format").
 */
import { gunzipSync } from 'node:zlib';
import { InstallError } from './installError.js';

export interface TarEntry {
  /** The path inside the package, `/`-separated, never absolute, never with `..`. */
  readonly path: string;
  readonly data: Buffer;
}

export const TARBALL_LIMITS = { maxUnpackedBytes: 100 * 1024 * 1024, maxEntries: 10_000 };


function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}

function octal(block: Buffer, start: number, length: number): number {
  const value = text(block, start, length).trim();
  if (!/^[0-7]*$/.test(value)) throw new InstallError('The package is damaged (a size is not a number).');
  return value === '' ? 0 : parseInt(value, 8);
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i] ?? 0;
  return sum === octal(block, 148, 8);
}

/** `path=` of a pax extended header (records "<len> <key>=<value>\n"). */
function paxPath(data: Buffer): string | undefined {
  for (const record of data.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

function safePath(raw: string): string {
  const path = raw.replace(/^\.\//, '');
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw) || parts.includes('..') || raw.includes('\\')) {
    throw new InstallError(`The package holds a file outside its folder (${JSON.stringify(raw.slice(0, 100))}).`);
  }
  return parts.join('/');
}

export function readTarGz(gzipped: Buffer, limits = TARBALL_LIMITS): TarEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(gzipped, { maxOutputLength: limits.maxUnpackedBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InstallError(code === 'ERR_BUFFER_TOO_LARGE'
      ? `The package unpacks to more than ${limits.maxUnpackedBytes / 1024 / 1024} MB.`
      : 'The file is not a packed plugin (.tgz): it could not be unpacked.');
  }
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    if (!checksumOk(header)) throw new InstallError('The package is damaged (a header\'s checksum is wrong).');
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + 512;
    if (dataStart + size > tar.length) throw new InstallError('The package is damaged (it ends in the middle of a file).');
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'x' || type === 'L') {
      longName = type === 'x' ? paxPath(data) : text(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if (type === '5') continue;
    if (type !== '0' && type !== '\0' && type !== '7') {
      throw new InstallError(`The package holds a link or special file (${JSON.stringify(name.slice(0, 100))}), which plugins may not have.`);
    }
    entries.push({ path: safePath(name), data: Buffer.from(data) });
    if (entries.length > limits.maxEntries) throw new InstallError(`The package holds more than ${limits.maxEntries} files.`);
  }
  if (entries.length === 0) throw new InstallError('The package is empty.');
  return stripPackageFolder(entries);
}

/** `npm pack` puts everything under `package/`; any single top folder is the plugin's folder. */
function stripPackageFolder(entries: TarEntry[]): TarEntry[] {
  const tops = new Set(entries.map((entry) => entry.path.split('/')[0]));
  const [top] = tops;
  if (tops.size !== 1 || top === undefined || entries.some((entry) => entry.path === top)) return entries;
  return entries.map((entry) => ({ path: entry.path.slice(top.length + 1), data: entry.data }));
}
