// Bundles the desktop host's main process and preload, and the browser host's CLI. The preload
// is CommonJS in one file because a sandboxed preload cannot load other modules; main and the
// browser host keep node_modules external. The browser host runs from this bundle (npm start,
// npm run web) rather than through tsx, which compiled it on every start (seconds on a busy PC).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];
const everyPackage = [...external, ...Object.keys(pkg.devDependencies ?? {})];

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

rmSync('out/web-host', { recursive: true, force: true });
await build({
  entryPoints: ['electron/web-host/cli.ts'],
  outfile: 'out/web-host/cli.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: everyPackage,
  sourcemap: false,
  logLevel: 'warning',
});
