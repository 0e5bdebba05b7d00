/**
 * File names that came from someone else (a network, a paste) made safe to write: no path
 * (no traversal), no control or bidirectional-override characters (no "photo‮gpj.exe"
 * hiding its real extension), no leading dot (no hidden file), no Windows device names.
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
// Bidirectional controls and zero-width characters that can disguise an extension.
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff]);

export function sanitizeFileName(name: string, fallback = 'file'): string {
  const lastPart = name.split(/[/\\]/).pop() ?? '';
  let clean = '';
  for (const char of lastPart.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || INVISIBLE.has(code)) continue;
    clean += /[<>:"|?*]/.test(char) ? '_' : char;
  }
  clean = clean.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (clean === '' || WINDOWS_RESERVED.test(clean)) clean = clean === '' ? fallback : `_${clean}`;
  // Keep the extension when shortening to 255 UTF-16 units.
  if (clean.length > 255) {
    const dot = clean.lastIndexOf('.');
    const extension = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = clean.slice(0, 255 - extension.length) + extension;
  }
  return clean;
}

/** Extensions a desktop would run or open as code: warn before saving, never open automatically. */
const EXECUTABLE = new Set(['exe', 'com', 'bat', 'cmd', 'msi', 'scr', 'pif', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'ps1', 'psm1',
  'hta', 'cpl', 'jar', 'app', 'dmg', 'pkg', 'sh', 'bash', 'command', 'run', 'bin', 'appimage', 'deb', 'rpm', 'desktop', 'lnk', 'reg', 'iso', 'apk']);

export function isExecutableName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && EXECUTABLE.has(name.slice(dot + 1).toLowerCase());
}
