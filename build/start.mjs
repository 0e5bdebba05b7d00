// `npm start`: the desktop app. Without the Electron binary (an npm install that could not
// download it) it says so in one line, and that `npm run serve` works, instead of the
// electron package's stack trace. Otherwise it builds and runs Electron on this folder.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageDir, findElectronBinary } from './electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const found = findElectronBinary(electronPackageDir());
if (found.binary === undefined) {
  console.error(found.problem);
  process.exit(1);
}
const built = spawnSync(process.execPath, [join(root, 'build', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const child = spawn(found.binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', windowsHide: false });
child.on('error', (error) => {
  console.error(`The desktop app cannot start: ${found.binary} could not be run (${error.message}). Run \`npm run serve\` to use Switchboard in a browser.`);
  process.exit(1);
});
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
// Ctrl+C in the terminal reaches Electron, which closes the core before quitting.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
