// Bundles the desktop host's main process and preload. The preload is CommonJS in one file
// because a sandboxed preload cannot load other modules; main keeps node_modules external.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];

await build({
  entryPoints: ['electron/main/index.ts'],
  outfile: 'out/main/index.cjs',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external,
  sourcemap: false,
  logLevel: 'warning',
});

await build({
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  bundle: true,
  platform: 'node',
  target: 'chrome140',
  format: 'cjs',
  external: ['electron'],
  sourcemap: false,
  logLevel: 'warning',
});
