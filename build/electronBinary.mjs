// Finds the Electron binary the way the electron npm package does (its index.js), without
// its fallback: that one tries to download the binary, which fails offline with a stack trace.
// The package stores the binary's path inside its dist/ folder in path.txt; the
// ELECTRON_OVERRIDE_DIST_PATH variable points at another dist/ folder.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The electron package's folder, or undefined when it is not installed. */
export function electronPackageDir(from = import.meta.url) {
  try {
    return dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * `{ binary }` when Electron can run, else `{ problem }`: one line saying why, and what to do.
 * @param {string | undefined} packageDir
 * @param {NodeJS.ProcessEnv} env
 */
export function findElectronBinary(packageDir, env = process.env) {
  const advice = 'Install the Electron binary (npx install-electron, on a machine that can download it), or run `npm run serve` to use Switchboard in a browser.';
  if (packageDir === undefined) return { problem: `The desktop app cannot start: the electron package is not installed. ${advice}` };
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = override ? join(override, relative || 'electron') : relative ? join(packageDir, 'dist', relative) : undefined;
  if (binary === undefined || !existsSync(binary)) {
    return { problem: `The desktop app cannot start: the Electron binary is missing (${binary ?? join(packageDir, 'dist')}). ${advice}` };
  }
  return { binary };
}
