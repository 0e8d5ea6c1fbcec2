// `npm start` (after `npm run build`): the desktop app when the Electron runtime is present or
// can be fetched and there is a display; otherwise one line saying why, then the browser host,
// which opens the console in an installed Chrome/Edge/Chromium app window or prints the address.
// Arguments after `npm start --` go to the browser host (--port, --data-dir, --change-port).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const say = (line) => process.stdout.write(`${line}\n`);

const linuxWithoutDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const rootOnLinux = process.platform === 'linux' && process.getuid?.() === 0;

/** Why the desktop app is not started, or null to start it. */
const desktopUnavailable = () => {
  if (process.env.COUNTERSIGN_HOST === 'browser') return 'COUNTERSIGN_HOST=browser';
  let binary = electronBinary();
  const mayFetch = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1' && process.env.COUNTERSIGN_NO_ELECTRON_FETCH !== '1';
  if (!binary && mayFetch) {
    // Electron's package fetches its runtime on first use (from outside the npm registry); try once, briefly.
    spawnSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'ignore', timeout: 60_000 });
    binary = electronBinary();
  }
  if (!binary) return 'the Electron runtime is not installed and could not be downloaded on this machine';
  if (linuxWithoutDisplay) return 'there is no display for a desktop window (DISPLAY is not set)';
  return null;
};

const run = (command, commandArgs) => {
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    process.stderr.write(`Countersign could not start ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

const why = desktopUnavailable();
if (why === null) {
  // Chromium (inside Electron) will not start as root with its sandbox on.
  run(electronBinary(), ['.', ...(rootOnLinux ? ['--no-sandbox'] : [])]);
} else {
  say(`Desktop app not started (${why}): starting the browser host instead.`);
  run(process.execPath, ['out/web-host/cli.mjs', '--open', ...args]);
}
