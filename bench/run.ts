import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One measured figure. `target` is the budget from the issue; the table marks misses. */
export interface BenchRow {
  /** A stable id for the figure (e.g. `recon.import-100k`), for comparing runs; optional. */
  id?: string;
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
  const only = process.argv[2];
  const files = findBenches('bench').filter((f) => !only || f.includes(only));
  const all: Array<BenchRow & { bench: string }> = [];
  for (const file of files) {
    const bench = relative('bench', file).replace(/\.bench\.ts$/, '');
    process.stdout.write(`running ${bench}…\n`);
    const mod = (await import(pathToFileURL(file).href)) as { default: Bench };
    try {
      for (const row of await mod.default()) all.push({ ...row, bench });
    } catch (error) {
      process.stdout.write(`  ${bench} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      all.push({ bench, name: 'FAILED', value: Number.NaN, unit: '' });
    }
  }
  const lines = [['bench', 'measure', 'value', 'unit', 'target', 'ok']];
  for (const r of all) {
    const met = r.target === undefined ? '' : (r.direction === 'min' ? r.value >= r.target : r.value <= r.target) ? 'yes' : 'NO';
    lines.push([r.bench, r.id ? `${r.id}: ${r.name}` : r.name, fmt(r.value), r.unit, r.target === undefined ? '' : `${r.direction === 'min' ? '≥' : '<'} ${r.target}`, met]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  process.stdout.write(`\n${lines.map((l) => l.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n')}\n`);
  mkdirSync(join('bench', 'results'), { recursive: true });
  const out = join('bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, rows: all }, null, 2));
  process.stdout.write(`\nwrote ${out}\n`);
};

void main();
