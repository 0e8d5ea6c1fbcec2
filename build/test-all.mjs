// `npm test`: lint, typecheck, unit tests, build, the desktop app's tests (where the Electron
// runtime is installed), the end-to-end tests in an installed Chrome/Edge/Chromium; ends with
// one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { electronBinary } from './electron-binary.mjs';
import { findBrowser, installHint } from './find-browser.mjs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

const run = (label, command, args, env = {}) => {
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  return r.status === 0;
};

const step = (label, command, args) => {
  if (run(label, command, args)) results.passed += 1;
  else {
    results.failed += 1;
    failures.push(label);
  }
};

const summary = () => process.stdout.write(`\nSummary: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped\n`);

// The end-to-end tests need a browser: say so at once, not after minutes of other steps.
const browser = findBrowser();
if (!browser) {
  process.stdout.write(`\nNo Chrome, Edge or Chromium found for the end-to-end tests. ${installHint()}\n`);
  results.failed += 1;
  summary();
  process.exit(1);
}
process.stdout.write(`Browser for the end-to-end tests: ${browser.name} (${browser.path})\n`);

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

/** Adds a Playwright JSON report's counts; `label` names the layer in the failure list. */
const countPlaywright = (label, report) => {
  if (!existsSync(report)) {
    results.failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const s = json.stats ?? {};
  results.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  results.failed += s.unexpected ?? 0;
  results.skipped += s.skipped ?? 0;
  if ((s.unexpected ?? 0) > 0) failures.push(label);
  if ((s.expected ?? 0) === 0) {
    results.failed += 1;
    failures.push(`${label} (none ran)`);
  }
  for (const e of json.errors ?? []) {
    results.failed += 1;
    failures.push(`${label} setup: ${String(e.message ?? '').split('\n')[0]}`);
  }
};

/** Why the desktop app's own tests cannot run here, or null. */
const desktopSkipReason = () => {
  if (!electronBinary()) return 'the Electron runtime is not installed (it is downloaded from outside the npm registry; npm start fetches it where it can)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display for an Electron window (run under xvfb-run)';
  return null;
};

step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);

run('unit tests (vitest)', 'npx', ['vitest', 'run']);
if (existsSync('test-results/unit.json')) {
  const unit = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
  results.passed += unit.numPassedTests;
  results.failed += unit.numFailedTests;
  results.skipped += unit.numPendingTests + unit.numTodoTests;
  if (unit.numFailedTests > 0 || unit.success === false) failures.push('unit tests');
} else {
  results.failed += 1;
  failures.push('unit tests (no report)');
}

const built = run('build', 'npm', ['run', '--silent', 'build']);
if (!built) {
  results.failed += 1;
  failures.push('build');
} else {
  const skipDesktop = desktopSkipReason();
  if (skipDesktop) {
    process.stdout.write(`\n=== desktop app (Playwright + Electron) ===\nSKIPPED: ${skipDesktop}. The same screens are tested through the browser host below.\n`);
    results.skipped += 1;
  } else {
    run('desktop app (Playwright + Electron)', 'npx', ['playwright', 'test', '-c', 'test/e2e-electron/playwright.config.ts']);
    countPlaywright('desktop app tests', 'test-results/e2e-electron.json');
  }
  run(`end-to-end tests (Playwright, browser host, ${browser.name})`, 'npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts']);
  countPlaywright('end-to-end tests', 'test-results/e2e.json');
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join('; ')}\n`);
summary();
process.exit(results.failed > 0 ? 1 : 0);
