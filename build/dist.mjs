// `npm run dist`: the desktop installers (NSIS on Windows, DMG + ZIP on macOS) from the built app
// in out/. Reads electron-builder.yml, applies the environment (release-config.mjs), checks the
// result against electron-builder's schema, then runs electron-builder with it. Extra arguments
// go to electron-builder (e.g. `npm run dist -- --win`). `node build/dist.mjs --check` only
// validates and prints what would be built. README "Desktop release".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuilderConfig, validateBuilderConfig } from './builder-config.mjs';
import { releaseConfig } from './release-config.mjs';

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const builderArgs = args.filter((a) => a !== '--check');

const fail = (message) => {
  process.stderr.write(`dist: ${message}\n`);
  process.exit(1);
};

let release;
try {
  release = releaseConfig(await loadBuilderConfig(process.cwd()), process.env);
  await validateBuilderConfig(release.config);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
for (const note of release.notes) process.stdout.write(`dist: ${note}\n`);

if (checkOnly) {
  process.stdout.write('dist: configuration is valid (nothing built)\n');
  process.exit(0);
}
if (!existsSync('out/main/index.cjs') || !existsSync('out/renderer/index.html')) fail('out/ is not built: run `npm run build` first (`npm run dist` does)');

const configFile = join(mkdtempSync(join(tmpdir(), 'countersign-dist-')), 'electron-builder.json');
writeFileSync(configFile, `${JSON.stringify(release.config, null, 2)}\n`);
const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
// Publishing (uploading) is the reseller's step: the feed is a folder they copy the files into.
const run = spawnSync(process.execPath, [cli, '--config', configFile, '--publish', 'never', ...builderArgs], { stdio: 'inherit' });
process.exit(run.status ?? 1);
