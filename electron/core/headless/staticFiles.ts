/**
 * Resolving and opening the renderer's built files, with no way out of their folder:
 * no traversal, no symlinks (a link placed in the folder could point anywhere), and no
 * source maps (they would hand the renderer's source to anyone holding the URL).
 */
import { closeSync, constants, fstatSync, openSync, realpathSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const NEVER_SERVED = new Set(['.map']);

/** The file for a request path under `root`, or undefined for traversal attempts and source maps. */
export function resolveStaticFile(root: string, requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const base = resolve(root);
  const file = resolve(base, `.${sep}${relative}`);
  if (NEVER_SERVED.has(extname(file).toLowerCase())) return undefined;
  return file.startsWith(base + sep) ? file : undefined;
}

export interface OpenedFile {
  readonly path: string;
  readonly fd: number;
  readonly size: number;
}

/**
 * Opens a regular file under `root` whose path has no symlink anywhere below `root`
 * (its real path is the path asked for), or undefined. The last component is opened
 * with O_NOFOLLOW, so a link swapped in after the check is refused too.
 */
export function openStaticFile(root: string, requestPath: string): OpenedFile | undefined {
  const file = resolveStaticFile(root, requestPath);
  if (file === undefined) return undefined;
  let realRoot: string;
  let fd: number;
  try {
    realRoot = realpathSync(resolve(root));
    const relative = file.slice(resolve(root).length);
    if (realpathSync(file) !== realRoot + relative) return undefined;
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    return undefined;
  }
  return { path: file, fd, size: stat.size };
}

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
