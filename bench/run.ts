import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One measured figure. `target` is the budget from the issue; the table marks misses. */
export interface BenchRow {
  /**
   * Stable id (`list.first-rows`, `counter.card-to-result`, `start.first-screen`): the name the
   * issues and the README use, kept when the human wording changes, so runs compare by it.
   */
  id: string;
  name: string;
  value: number;
  unit: string;
  target?: number;
  /** 'max' (value must stay below target, the default) or 'min'. */
  direction?: 'max' | 'min';
}

export type Bench = () => Promise<BenchRow[]>;

const findBenches = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'results' ? [] : findBenches(path);
    return entry.name.endsWith('.bench.ts') ? [path] : [];
  });

const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));

const main = async (): Promise<void> => {
  // `npm run bench list,counter`: only the benches whose file names contain one of these.
  const only = process.argv[2]?.split(',').filter(Boolean) ?? [];
  const files = findBenches('bench').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  const all: Array<BenchRow & { bench: string }> = [];
  for (const file of files) {
    const bench = relative('bench', file).replace(/\.bench\.ts$/, '');
    process.stdout.write(`running ${bench}…\n`);
    const mod = (await import(pathToFileURL(file).href)) as { default: Bench };
    try {
      for (const row of await mod.default()) all.push({ ...row, bench });
    } catch (error) {
      process.stdout.write(`  ${bench} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      all.push({ bench, id: `${bench}.failed`, name: 'FAILED', value: Number.NaN, unit: '' });
    }
  }
  const ids = all.map((r) => r.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length) process.stdout.write(`duplicate bench ids (each row needs its own): ${[...new Set(repeated)].join(', ')}\n`);
  const lines = [['id', 'measure', 'value', 'unit', 'target', 'ok']];
  for (const r of all) {
    const met = r.target === undefined ? '' : (r.direction === 'min' ? r.value >= r.target : r.value <= r.target) ? 'yes' : 'NO';
    lines.push([r.id, r.name, fmt(r.value), r.unit, r.target === undefined ? '' : `${r.direction === 'min' ? '≥' : '<'} ${r.target}`, met]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  process.stdout.write(`\n${lines.map((l) => l.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n')}\n`);
  mkdirSync(join('bench', 'results'), { recursive: true });
  const out = join('bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, rows: all }, null, 2));
  process.stdout.write(`\nwrote ${out}\n`);
  if (repeated.length) process.exitCode = 1;
};

main().catch((error: unknown) => {
  process.stderr.write(`bench run failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
