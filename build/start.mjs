// `npm start`: the desktop app when the Electron runtime is present or can be fetched;
// otherwise one clear line, then the browser host (opened in an installed Chromium-family
// browser's app mode where there is one and a display, else the URL is printed).
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let binary = electronBinary();
if (!binary && process.env.COUNTERSIGN_NO_ELECTRON_FETCH !== '1') {
  // Electron's package fetches its runtime on first use; try that once, briefly.
  spawnSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'ignore', timeout: 60_000 });
  binary = electronBinary();
}

if (binary) {
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write('Electron runtime not available on this machine (it could not be downloaded); starting the browser host instead.\n');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web-host/cli.ts', '--open'], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
