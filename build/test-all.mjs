// `npm test`: lint, typecheck, unit tests, build, end-to-end tests; ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';

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

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

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
  run('end-to-end tests (Playwright, browser host, Chromium)', 'npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts']);
  if (existsSync('test-results/e2e.json')) {
    const e2e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
    const s = e2e.stats ?? {};
    results.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    results.failed += s.unexpected ?? 0;
    results.skipped += s.skipped ?? 0;
    if ((s.unexpected ?? 0) > 0) failures.push('end-to-end tests');
    if ((s.expected ?? 0) === 0) {
      results.failed += 1;
      failures.push('end-to-end tests (none ran)');
    }
    for (const e of e2e.errors ?? []) {
      results.failed += 1;
      failures.push(`end-to-end setup: ${String(e.message ?? '').split('\n')[0]}`);
    }
  } else {
    results.failed += 1;
    failures.push('end-to-end tests (no report)');
  }
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join('; ')}\n`);
process.stdout.write(`\nSummary: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped\n`);
process.exit(results.failed > 0 ? 1 : 0);
