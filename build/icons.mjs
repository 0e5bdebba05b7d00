// The app's icons, drawn once as SVG under build/icons/ and rendered here into every size and
// format the packages and the tray need (nothing rendered is committed):
//   dist/icons/png/NxN.png         Linux (electron-builder's icon folder: one file per size)
//   dist/icons/icon.icns           macOS (png2icons)
//   dist/icons/icon.ico            Windows (png2icons)
//   dist/icons/tray/…              the tray at runtime: the app icon (Linux, Windows), with a
//                                  dot while messages are unread, and macOS's template image
// `npm run icons` renders them; `node build/build.mjs` does too when an SVG is newer than them.
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'build', 'icons');

/** Every size electron-builder's Linux targets and the desktop file's icon themes use. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** The red dot of the unread tray icon, added to the app icon's drawing (one drawing, two icons). */
const UNREAD_DOT = '<circle cx="820" cy="204" r="190" fill="#e5484d" stroke="#ffffff" stroke-width="40"/>';

function render(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

function write(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** The files rendered, by output path, from the SVG sources. */
function renderAll(outDir) {
  const app = readFileSync(join(sources, 'app.svg'), 'utf8');
  const appUnread = app.replace('</svg>', `${UNREAD_DOT}</svg>`);
  const template = readFileSync(join(sources, 'trayTemplate.svg'), 'utf8');
  const files = new Map();
  for (const size of LINUX_ICON_SIZES) files.set(join(outDir, 'png', `${size}x${size}.png`), render(app, size));
  const large = files.get(join(outDir, 'png', '1024x1024.png'));
  const icns = png2icons.createICNS(large, png2icons.BICUBIC, 0);
  // forWinExe: PNG chunks, with bitmaps below 64 px for the file properties dialog of older Windows.
  const ico = png2icons.createICO(files.get(join(outDir, 'png', '256x256.png')), png2icons.BICUBIC, 0, true, true);
  if (!icns || !ico) throw new Error('png2icons could not make the ICNS or ICO file');
  files.set(join(outDir, 'icon.icns'), icns);
  files.set(join(outDir, 'icon.ico'), ico);
  // Tray images at 1x and 2x (Electron picks the @2x file on high-density screens).
  for (const [name, svg] of [['tray', app], ['tray-unread', appUnread], ['trayTemplate', template]]) {
    files.set(join(outDir, 'tray', `${name}.png`), render(svg, 16));
    files.set(join(outDir, 'tray', `${name}@2x.png`), render(svg, 32));
  }
  return files;
}

/** Renders the icons into `outDir` (default dist/icons) unless they are newer than every SVG. */
export function renderIcons({ outDir = join(root, 'dist', 'icons'), force = false } = {}) {
  const stamp = join(outDir, 'icon.icns');
  const newestSource = Math.max(...['app.svg', 'trayTemplate.svg'].map((name) => statSync(join(sources, name)).mtimeMs));
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource) return [];
  const files = renderAll(outDir);
  // The ICNS last: it is the stamp that says the set is complete.
  for (const [path, data] of [...files].sort(([a], [b]) => Number(a === stamp) - Number(b === stamp))) write(path, data);
  return [...files.keys()];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = renderIcons({ force: process.argv.includes('--force') });
  console.log(written.length > 0 ? `rendered ${written.length} icon files into dist/icons/` : 'icons in dist/icons/ are up to date');
}
