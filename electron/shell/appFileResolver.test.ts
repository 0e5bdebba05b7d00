import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, isPathInside, resolveAppFile } from './appFileResolver.js';

const root = path.resolve('/srv/app/renderer');

describe('resolveAppFile', () => {
  it.each([
    ['app://switchboard/index.html', 'index.html'],
    ['app://switchboard/', 'index.html'],
    ['app://switchboard', 'index.html'],
    ['app://switchboard/assets/app.js?v=3#top', 'assets/app.js'],
    ['app://switchboard/assets/a%20b.css', 'assets/a b.css'],
    ['app://switchboard//assets//x.js', 'assets/x.js'],
    // The URL parser removes dot segments that stay inside the root.
    ['app://switchboard/assets/../index.html', 'index.html'],
  ])('maps %s to %s', (url, file) => {
    expect(resolveAppFile(root, url)).toEqual({ ok: true, filePath: path.join(root, file) });
  });

  it.each([
    'app://switchboard/../../etc/passwd',
    'app://switchboard/%2e%2e/%2e%2e/etc/passwd',
    'app://switchboard/..%2f..%2fetc%2fpasswd',
    'app://switchboard/assets/..%2F..%2F..%2Fsecret',
    'app://switchboard/%2fetc%2fpasswd',
    'app://switchboard/..%5c..%5cwindows',
    'app://switchboard/.%2e/.%2e/x',
    'app://switchboard/%252e%252e/x',
  ])('never resolves %s outside the root', (url) => {
    const result = resolveAppFile(root, url);
    if (result.ok) expect(isPathInside(root, result.filePath)).toBe(true);
  });

  it.each([
    // Dot segments the URL parser cannot see, because the slash is percent-encoded.
    ['app://switchboard/..%2f..%2fetc%2fpasswd', 403],
    ['app://switchboard/assets/..%2F..%2F..%2Fsecret', 403],
    ['app://switchboard/..%5c..%5cwindows', 403],
    ['app://switchboard/a%00.html', 400],
    ['app://switchboard/%E0%A4%A', 400],
    ['app://other/index.html', 404],
    ['https://switchboard/index.html', 404],
    ['not a url', 400],
  ] as const)('refuses %s with %i', (url, status) => {
    expect(resolveAppFile(root, url)).toMatchObject({ ok: false, status });
  });

  it('clamps dot segments the URL parser sees to the root, like a web server', () => {
    expect(resolveAppFile(root, 'app://switchboard/../../etc/passwd')).toEqual({ ok: true, filePath: path.join(root, 'etc/passwd') });
    expect(resolveAppFile(root, 'app://switchboard/%2fetc%2fpasswd')).toEqual({ ok: true, filePath: path.join(root, 'etc/passwd') });
  });

  it('never resolves to the root folder itself', () => {
    const result = resolveAppFile(root, 'app://switchboard/assets/..%2f');
    expect(result.ok).toBe(false);
  });
});

describe('isPathInside', () => {
  it('knows inside from outside, including sibling folders that share a prefix', () => {
    expect(isPathInside(root, path.join(root, 'a/b'))).toBe(true);
    expect(isPathInside(root, root)).toBe(true);
    expect(isPathInside(root, path.resolve(root, '../renderer-evil/x'))).toBe(false);
    expect(isPathInside(root, path.resolve(root, '..'))).toBe(false);
  });
});

describe('contentTypeFor', () => {
  it('names the types the build emits and falls back to octet-stream', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream');
  });
});
